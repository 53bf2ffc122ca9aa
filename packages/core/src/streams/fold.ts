import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { MachineName } from '../domain/vocabulary.js';
import { applicationMachine } from './application/machine.js';
import { certificateMachine } from './certificate/machine.js';
import { examMachine } from './exam/machine.js';
import { step } from './step.js';
import type { MachineEvent } from './machineEvent.js';

/** The three machines, by the stream kind they fold. */
export const machines = {
  application: applicationMachine,
  exam: examMachine,
  certificate: certificateMachine,
} as const satisfies Record<MachineName, AnyStateMachine>;

/**
 * An actor scope that does nothing: our machines only assign context, so a
 * transition needs no executor, clock or system. One scope per machine is
 * reused for a whole fold (xstate's exported `transition()` builds a fresh
 * actor on every call, which is what makes it slow).
 */
const scopes = new Map<AnyStateMachine, AnyActorScope>();
export function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    const inert: AnyActorScope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: () => {},
    };
    scope = inert;
    scopes.set(machine, scope);
  }
  return scope;
}

const initials = new Map<AnyStateMachine, AnyMachineSnapshot>();
/** The snapshot before any event (state `draft`). */
export function initialSnapshot(machine: AnyStateMachine): AnyMachineSnapshot {
  let s = initials.get(machine);
  if (!s) {
    s = machine.getInitialSnapshot(inertScope(machine)) as AnyMachineSnapshot;
    initials.set(machine, s);
  }
  return s;
}

/**
 * Folds events through the machine's pure transition: no actor, no side
 * effects. Each event is handed over as it is (no copy); the machines read
 * only its `type` and `data`. See `step` for the fast path.
 */
export function foldEvents(
  machine: AnyStateMachine,
  events: Iterable<MachineEvent>,
  from?: AnyMachineSnapshot,
): AnyMachineSnapshot {
  const scope = inertScope(machine);
  let snapshot = from ?? initialSnapshot(machine);
  if (Array.isArray(events)) {
    for (let i = 0; i < events.length; i++) snapshot = step(machine, snapshot, events[i], scope);
  } else for (const e of events) snapshot = step(machine, snapshot, e, scope);
  return snapshot;
}

/** Whether the state accepts an event of this type at all (guards aside). */
export function acceptsEventType(snapshot: AnyMachineSnapshot, type: string): boolean {
  return snapshot._nodes.some((n) => n.ownEvents.includes(type));
}

/** Whether this exact event would change the snapshot (guards included). */
export function acceptsEvent(snapshot: AnyMachineSnapshot, event: MachineEvent): boolean {
  return snapshot.can({ type: event.type, data: event.data });
}

/** A state value as one dotted string: 'filed.active'. */
export function stateLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? [];
  return k === undefined ? '' : `${k}.${stateLabel(v)}`;
}

/** An event the machine did not accept in the state it was appended in. */
export interface RejectedEvent {
  /** Index of the event in the folded sequence. */
  index: number;
  type: string;
  /** The state it met (dotted, e.g. 'filed.active'). */
  state: string;
}

/**
 * Folds like `foldEvents`, but reports every event the machine does not
 * accept in its state (no transition, a guard that fails, or a final state)
 * instead of silently dropping it. The fold goes on past a rejected event,
 * which leaves the snapshot as it was. For auditors (replay); `foldEvents`
 * stays the fast path the engine uses.
 */
export function foldEventsStrict(
  machine: AnyStateMachine,
  events: readonly MachineEvent[],
  from?: AnyMachineSnapshot,
): { snapshot: AnyMachineSnapshot; rejected: RejectedEvent[] } {
  const scope = inertScope(machine);
  let snapshot = from ?? initialSnapshot(machine);
  const rejected: RejectedEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    // A transition always yields a new snapshot object; an event no
    // transition takes gives the same one back (step's fast path and xstate's
    // own macrostep alike).
    const next = snapshot.status === 'active' ? step(machine, snapshot, e, scope) : snapshot;
    if (next === snapshot) rejected.push({ index: i, type: e.type, state: stateLabel(snapshot.value) });
    snapshot = next;
  }
  return { snapshot, rejected };
}
