import { describe, expect, it } from 'vitest';
import { transition, initialTransition, type AnyStateMachine } from 'xstate';
import { foldEvents, machines, stateLabel, type MachineName } from '@certflow/core';
import { assertTimeIsEvents, leafStates, machinePaths } from '@certflow/core/testing';
import { createMachine } from 'xstate';

/** The reference fold: xstate's exported pure `transition()`, one call per event. */
function referenceFold(machine: AnyStateMachine, events: { type: string; data: unknown }[]) {
  let [s] = initialTransition(machine);
  for (const e of events) [s] = transition(machine, s, e as never);
  return s;
}

describe.each(['application', 'exam', 'certificate'] as MachineName[])('%s machine: a walk over every path', (name) => {
  const paths = machinePaths(name);

  it('reaches every state of the machine', () => {
    const reached = new Set(paths.map((p) => p.state));
    expect([...reached].sort()).toEqual(leafStates(name));
  });

  it('each path folds to its state, as the reference transition() does', () => {
    for (const p of paths) {
      const folded = foldEvents(machines[name], p.events);
      const reference = referenceFold(machines[name], p.events);
      expect(stateLabel(folded.value)).toBe(p.state);
      expect(folded.value).toEqual(reference.value);
      expect(folded.context).toEqual(reference.context);
    }
  });

  it('uses no delayed or invoked transitions (time is events)', () => {
    expect(() => assertTimeIsEvents(machines[name])).not.toThrow();
  });
});

describe('guards', () => {
  const paths = machinePaths('application');
  it('publicity is reachable only with every criterion passed', () => {
    for (const p of paths.filter((x) => x.state === 'publicity')) {
      expect(Object.values(p.snapshot.context.criteria).every((o) => o === 'pass')).toBe(true);
    }
  });
  it('a filing completes only with no open or upheld objection', () => {
    for (const p of paths.filter((x) => x.state.startsWith('filed'))) {
      expect(Object.values(p.snapshot.context.objections).every((s) => s === 'dismissed')).toBe(true);
    }
  });
});

describe('the path generator', () => {
  it('refuses a machine with a delayed transition', () => {
    const delayed = createMachine({ id: 'delayed', initial: 'a', states: { a: { after: { 1000: 'b' } }, b: {} } });
    expect(() => assertTimeIsEvents(delayed)).toThrow(/after/);
  });
});
