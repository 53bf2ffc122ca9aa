import type { EventMeta, NewEvent } from '@certflow/core';

let counter = 0;

/** A well-formed event for tests; pass overrides for the fields under test. */
export function testEvent(
  type = 'SomethingHappened',
  data: NewEvent['data'] = { n: ++counter },
  meta: Partial<EventMeta> = {},
): NewEvent {
  return {
    type,
    data,
    meta: {
      at: '2020-06-01T09:00:00+08:00',
      actor: { id: 'tester', role: 'applicant' },
      commandId: `cmd-${++counter}`,
      correlationId: 'corr-test',
      ...meta,
    },
  };
}

export function testEvents(n: number, type = 'SomethingHappened'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => testEvent(type, { i }));
}
