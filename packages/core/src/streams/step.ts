import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { MachineEvent } from './machineEvent.js';

/*
 * A faster pure transition for machines made only of what certflow's machines
 * use: states (compound or atomic, finals directly under the root), event
 * transitions with named or inline guards, and assign actions — no entry or
 * exit actions, no eventless, delayed, wildcard or done transitions, no
 * history, parallel states, invocations or output. For such a machine xstate's
 * macrostep reduces to: pick the first transition whose guard passes, walking
 * from the active leaf to the root; run its assigns in order; take the target
 * configuration. The configuration a target leads to never depends on the
 * context, so it is learned once per transition from xstate itself (the first
 * time the transition is taken, the real `machine.transition` runs and its
 * result is kept as a template). Any other machine, or a snapshot that is not
 * active, goes through `machine.transition` unchanged.
 */

/** What an assign action's function is called with. */
interface AssignArgs {
  context: unknown;
  event: unknown;
  spawn: () => never;
  self: AnyActorScope['self'];
  system: AnyActorScope['system'];
}
type Assigner = (args: AssignArgs, params: unknown) => unknown;
type Assignment = ((args: AssignArgs, params: unknown) => Record<string, unknown>) | Record<string, Assigner | unknown>;
interface TransitionPlan {
  guard: ((args: { context: unknown; event: unknown }, params: undefined) => boolean) | undefined;
  assigns: Assignment[];
  targeted: boolean;
  template?: AnyMachineSnapshot;
}
/** What a state node may hold that the fast path does not run: such a machine goes through xstate. */
const UNSUPPORTED = ['entry', 'exit', 'always', 'after', 'invoke', 'onDone'] as const;
/** The parts of xstate's StateNode the fast path reads. */
interface StateNodeLike {
  readonly type: string;
  readonly parent?: StateNodeLike | undefined;
  readonly config: { readonly [K in (typeof UNSUPPORTED)[number]]?: unknown };
  readonly states: Readonly<Record<string, StateNodeLike>>;
  readonly transitions: ReadonlyMap<string, readonly TransitionLike[]>;
}
interface TransitionLike {
  readonly target?: readonly StateNodeLike[] | undefined;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
}

const plans = new WeakMap<AnyStateMachine, Map<TransitionLike, TransitionPlan> | null>();

function planOf(machine: AnyStateMachine): Map<TransitionLike, TransitionPlan> | null {
  let plan = plans.get(machine);
  if (plan === undefined) {
    plan = compile(machine);
    plans.set(machine, plan);
  }
  return plan;
}

function compile(machine: AnyStateMachine): Map<TransitionLike, TransitionPlan> | null {
  if ((machine.config as { output?: unknown }).output !== undefined) return null;
  const impl = machine.implementations as { guards: Record<string, unknown>; actions: Record<string, unknown> };
  const out = new Map<TransitionLike, TransitionPlan>();
  const root: StateNodeLike = machine.root;
  const visit = (node: StateNodeLike): boolean => {
    if (node.type === 'history' || node.type === 'parallel') return false;
    if (node.type === 'final' && node.parent !== root) return false;
    for (const k of UNSUPPORTED) if (node.config[k] !== undefined) return false;
    for (const [eventType, ts] of node.transitions) {
      if (eventType.includes('*') || eventType.startsWith('xstate.')) return false;
      for (const t of ts) {
        if (t.target && t.target.length > 1) return false;
        const guard = typeof t.guard === 'string' ? impl.guards[t.guard] : t.guard;
        if (guard !== undefined && (typeof guard !== 'function' || 'check' in guard)) return false;
        const assigns: Assignment[] = [];
        for (const a of t.actions) {
          const action = (typeof a === 'string' ? impl.actions[a] : a) as
            | (((...args: never[]) => unknown) & { type?: string; assignment?: Assignment })
            | undefined;
          if (typeof action !== 'function' || action.type !== 'xstate.assign' || !action.assignment) return false;
          assigns.push(action.assignment);
        }
        out.set(t, { guard: guard as TransitionPlan['guard'], assigns, targeted: !!t.target });
      }
    }
    return Object.values(node.states).every(visit);
  };
  return visit(root) ? out : null;
}

function assign(context: unknown, assigns: Assignment[], event: unknown, scope: AnyActorScope): unknown {
  for (const assignment of assigns) {
    const args = { context, event, spawn: noSpawn, self: scope.self, system: scope.system };
    let partial: Record<string, unknown>;
    if (typeof assignment === 'function') partial = assignment(args, undefined);
    else {
      partial = {};
      for (const key of Object.keys(assignment)) {
        const v = assignment[key];
        partial[key] = typeof v === 'function' ? v(args, undefined) : v;
      }
    }
    context = Object.assign({}, context, partial);
  }
  return context;
}
const noSpawn = () => {
  throw new Error('a folded machine cannot spawn actors');
};

/** `machine.transition(snapshot, event, scope)`, taking the fast path when the machine allows it. */
export function step(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: MachineEvent,
  scope: AnyActorScope,
): AnyMachineSnapshot {
  const plan = planOf(machine);
  if (!plan || snapshot.status !== 'active') return machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
  const nodes: readonly StateNodeLike[] = snapshot._nodes;
  let leaf: StateNodeLike | undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const t = nodes[i]!.type;
    if (t === 'atomic' || t === 'final') {
      leaf = nodes[i];
      break;
    }
  }
  for (let node = leaf; node; node = node.parent) {
    const candidates = node.transitions.get(event.type);
    if (!candidates) continue;
    for (const t of candidates) {
      const p = plan.get(t);
      if (!p) return machine.transition(snapshot, event, scope) as AnyMachineSnapshot; // a snapshot of another machine object
      if (p.guard && !p.guard({ context: snapshot.context, event }, undefined)) continue;
      if (p.targeted && !p.template) {
        p.template = machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
        return p.template;
      }
      const context = assign(snapshot.context, p.assigns, event, scope);
      return { ...(p.targeted ? p.template! : snapshot), context } as AnyMachineSnapshot;
    }
  }
  return snapshot;
}
