import { expect } from 'vitest';
import {
  createEngine,
  eventDataIssues,
  memoryStore,
  streamKind,
  type Command,
  type EventMeta,
  type EventStore,
  type ExecuteResult,
  type JsonValue,
  type RulePack,
  type StoredEvent,
  type WorkingDayCalendar,
} from '@certflow/core';
import { testCalendar } from './testCalendar.js';
import { testRulePack } from './fixtures.js';

/** A past event, appended as is (meta defaults filled in). */
export interface GivenEvent {
  streamId?: string;
  type: string;
  data: JsonValue;
  meta?: Partial<EventMeta>;
}
/** A past command, run through the engine at `at` (default: the scenario's `now`). */
export type GivenCommand = Command & { at?: string };
export type GivenItem = GivenEvent | GivenCommand;

export interface ScenarioOptions {
  rulePacks?: RulePack[];
  calendar?: WorkingDayCalendar;
  /** The instant the `when` command runs at. Default 2020-06-01T09:00:00+08:00. */
  now?: string;
  /** The stream plain given events go to when they name none. Default: the `when` command's. */
  streamId?: string;
}

type ErrorClass<E extends Error = Error> = abstract new (...args: never[]) => E;
export interface ExpectedEvent {
  type: string;
  data?: unknown;
}

const isCommand = (i: GivenItem): i is GivenCommand => 'commandId' in i && 'actor' in i;
let seq = 0;

async function run(history: GivenItem[], options: ScenarioOptions, command: Command) {
  const store: EventStore = memoryStore();
  let now = new Date(options.now ?? '2020-06-01T09:00:00+08:00');
  const engine = createEngine({
    store,
    rulePacks: options.rulePacks ?? [testRulePack],
    calendar: options.calendar ?? testCalendar(),
    clock: () => now,
  });
  for (const item of history) {
    if (isCommand(item)) {
      const { at, ...c } = item;
      now = new Date(at ?? options.now ?? '2020-06-01T09:00:00+08:00');
      await engine.execute(c);
    } else {
      const streamId = item.streamId ?? options.streamId ?? command.streamId;
      const meta: EventMeta = {
        at: now.toISOString(),
        actor: { id: 'given', role: 'system' },
        commandId: `given-${++seq}`,
        correlationId: 'given',
        ...item.meta,
      };
      await store.append(streamId, [{ type: item.type, data: item.data, meta }], { expectedVersion: 'any' });
    }
  }
  now = new Date(options.now ?? '2020-06-01T09:00:00+08:00');
  const before: StoredEvent[] = [];
  for await (const e of store.readAll()) before.push(e);
  return { store, engine, before };
}

/**
 * Emmett-style scenario: `given(history).when(command).then(events | ErrorClass)`.
 * `then(events)` checks the command recorded exactly these event types, in
 * order, with data matching (`toMatchObject`); `then(ErrorClass)` checks it
 * threw that class and appended nothing anywhere.
 */
export function given(history: GivenItem[] = [], options: ScenarioOptions = {}) {
  return {
    when(command: Command) {
      return {
        // biome-ignore lint/suspicious/noExplicitAny: a check asserts on whatever the outcome holds (the result or the error), as a test reads it.
        // biome-ignore lint/suspicious/noThenProperty: the given/when/then vocabulary of the test kit; the builder is never awaited
        async then(
          expected: ExpectedEvent[] | ErrorClass,
          check?: (outcome: any) => void,
        ): Promise<ExecuteResult | Error> {
          if (typeof expected === 'function' && !(expected.prototype instanceof Error) && expected !== Error) {
            throw new TypeError(
              'then() takes the expected events or an error class; do not await the result of when()',
            );
          }
          const { store, engine, before } = await run(history, options, command);
          if (Array.isArray(expected)) {
            const result = await engine.execute(command);
            expect(result.events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
            expected.forEach((e, i) => {
              if (e.data !== undefined) expect(result.events[i]!.data).toMatchObject(e.data as object);
            });
            expect((await engine.load(command.streamId)).state, 'replay gives the state the command returned').toEqual(
              result.state.state,
            );
            // Every event the command wrote, on any stream, is what the event catalogue says its type holds.
            const written: StoredEvent[] = [];
            for await (const e of store.readAll({ fromPosition: (before.at(-1)?.position ?? 0) + 1 })) written.push(e);
            for (const e of written)
              expect(
                eventDataIssues(streamKind(e.streamId), e.type, e.data),
                `${e.streamId} v${e.version} ${e.type}`,
              ).toEqual([]);
            check?.(result);
            return result;
          }
          const error = await engine.execute(command).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect(error, `${command.type} should throw ${expected.name}`).toBeInstanceOf(expected);
          const after: StoredEvent[] = [];
          for await (const e of store.readAll()) after.push(e);
          expect(after.length, 'nothing is appended on an error').toBe(before.length);
          check?.(error);
          return error as Error;
        },
      };
    },
  };
}
