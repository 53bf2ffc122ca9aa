import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assign,
  createActor,
  createMachine,
  initialTransition,
  setup,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';
import { foldEvents, machines, type MachineName } from '@certflow/core';
import { machinePaths, PATH_EVENTS } from '@certflow/core/testing';
import { inertScope, initialSnapshot } from './fold.js';
import { step } from './step.js';

/** What a snapshot means: state, context, status, and which events it would take. */
function meaning(machine: AnyStateMachine, s: AnyMachineSnapshot, events: { type: string; data: unknown }[]) {
  return {
    value: s.value,
    status: s.status,
    context: s.context,
    persisted: machine.getPersistedSnapshot(s),
    can: events.map((e) => s.can(e as never)),
  };
}

/** Steps both ways, one event at a time, and compares every intermediate snapshot with xstate's own `transition()`. */
function compare(
  machine: AnyStateMachine,
  events: { type: string; data: unknown }[],
  probe: { type: string; data: unknown }[],
) {
  const scope = inertScope(machine);
  let fast = initialSnapshot(machine);
  let [reference] = initialTransition(machine);
  for (const e of events) {
    fast = step(machine, fast, e, scope);
    [reference] = transition(machine, reference, e as never);
    expect(meaning(machine, fast, probe)).toEqual(meaning(machine, reference as AnyMachineSnapshot, probe));
  }
  return fast;
}

describe.each(['application', 'exam', 'certificate'] as MachineName[])(
  '%s machine: the fast step is xstate transition()',
  (name) => {
    const machine = machines[name] as AnyStateMachine;
    const events = PATH_EVENTS[name];

    it('on every path of the machine, at every event', () => {
      for (const p of machinePaths(name)) compare(machine, p.events, events);
    });

    it('on random sequences of events, accepted or not', () => {
      fc.assert(
        fc.property(fc.array(fc.nat(events.length - 1), { maxLength: 25 }), (picks) => {
          compare(
            machine,
            picks.map((i) => events[i]!),
            events,
          );
        }),
        { numRuns: 150 },
      );
    });

    it('its snapshots persist and restore like xstate ones', () => {
      const longest = machinePaths(name).reduce((a, b) => (b.events.length > a.events.length ? b : a));
      const folded = foldEvents(machine, longest.events);
      const restored = createActor(machine, {
        snapshot: machine.getPersistedSnapshot(folded) as never,
      }).getSnapshot() as AnyMachineSnapshot;
      expect(restored.value).toEqual(folded.value);
      expect(restored.context).toEqual(folded.context);
    });
  },
);

describe('machines outside the fast path go through machine.transition', () => {
  it('a snapshot of another machine object (machine.provide) folds as xstate folds it', () => {
    const machine = machines.application as AnyStateMachine;
    const events = machinePaths('application').reduce((a, b) => (b.events.length > a.events.length ? b : a)).events;
    const half = foldEvents(machine, events.slice(0, 3));
    const other = machine.provide({});
    const reference = events
      .slice(3)
      .reduce((s, e) => other.transition(s, e as never, inertScope(other)) as AnyMachineSnapshot, half);
    expect(meaning(machine, foldEvents(other, events.slice(3), half), PATH_EVENTS.application)).toEqual(
      meaning(machine, reference, PATH_EVENTS.application),
    );
  });

  const ping = { type: 'PING', data: {} };
  it('entry actions still run (as assigns) and the result matches transition()', () => {
    const m = createMachine({
      context: { entered: 0 },
      initial: 'a',
      states: {
        a: { on: { PING: 'b' } },
        b: { entry: assign({ entered: ({ context }) => context.entered + 1 }), on: { PING: 'a' } },
      },
    }) as AnyStateMachine;
    const s = compare(m, [ping, ping, ping], [ping]);
    expect(s.context).toEqual({ entered: 2 });
  });

  it('eventless transitions are taken', () => {
    const m = setup({ guards: { big: ({ context }: { context: { n: number } }) => context.n > 1 } }).createMachine({
      context: { n: 0 },
      initial: 'a',
      states: {
        a: {
          always: { target: 'done', guard: 'big' },
          on: { PING: { actions: assign({ n: ({ context }) => context.n + 1 }) } },
        },
        done: { type: 'final' },
      },
    }) as AnyStateMachine;
    expect(compare(m, [ping, ping, ping], [ping]).status).toBe('done');
  });
});
