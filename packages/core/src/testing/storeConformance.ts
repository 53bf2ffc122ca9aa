import { afterEach, describe, expect, it } from 'vitest';
// The testing entry is built separately; importing the package by name keeps
// one copy of the error classes, so `instanceof` holds for stores built on it.
import {
  ConcurrencyError,
  IdempotencyConflictError,
  StoreClosedError,
  ValidationError,
  sealEvents,
  verifyLog,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@certflow/core';
import { testEvent, testEvents } from './eventFactory.js';
import { describePersonalVaultConformance } from './personalConformance.js';

export interface ConformanceOptions {
  /** How many appenders race in the concurrency cases. Default 10. */
  racers?: number;
  /** Length of the long-stream case. Default 10,000. */
  longStream?: number;
  /** Per-test timeout in ms for the slow cases. Default 60,000. */
  slowTimeout?: number;
  /** A factory of fresh, empty stores that keep a personal-data vault: runs the vault's cases (`describePersonalVaultConformance`). */
  personal?: () => EventStore | Promise<EventStore>;
}

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

async function settleAll<T>(ps: Promise<T>[]) {
  const results = await Promise.allSettled(ps);
  return {
    won: results.filter((r) => r.status === 'fulfilled').length,
    errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
  };
}

/**
 * The one conformance suite every EventStore must pass, unchanged. Call it
 * from a vitest file with a factory that returns a fresh, empty store.
 *
 *   describeEventStoreConformance('memoryStore', () => memoryStore());
 */
export function describeEventStoreConformance(
  name: string,
  factory: () => EventStore | Promise<EventStore>,
  options: ConformanceOptions = {},
): void {
  const racers = options.racers ?? 10;
  const longStream = options.longStream ?? 10_000;
  const slow = options.slowTimeout ?? 60_000;

  describe(`EventStore conformance: ${name}`, () => {
    const opened: EventStore[] = [];
    const open = async () => {
      const s = await factory();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      while (opened.length) await opened.pop()!.close();
    });

    if (options.personal) {
      const personal = options.personal;
      describePersonalVaultConformance(name, async () => {
        const s = await personal();
        opened.push(s);
        return s;
      });
    }

    describe('expectedVersion', () => {
      it("'no-stream' creates a stream at versions 1..n", async () => {
        const store = await open();
        const r = await store.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
        expect(r.nextExpectedVersion).toBe(3);
        expect(r.events.map((e) => e.version)).toEqual([1, 2, 3]);
        expect(r.events[0]!.prevHash).toBeNull();
        expect(r.events[1]!.prevHash).toBe(r.events[0]!.hash);
        expect(await store.streamVersion('application-a')).toBe(3);
      });

      it("'no-stream' on an existing stream throws ConcurrencyError with the actual version", async () => {
        const store = await open();
        await store.append('application-a', testEvents(2), { expectedVersion: 'no-stream' });
        const err = await store
          .append('application-a', testEvents(1), { expectedVersion: 'no-stream' })
          .catch((e) => e);
        expect(err).toBeInstanceOf(ConcurrencyError);
        expect(err).toMatchObject({ code: 'CONCURRENCY', streamId: 'application-a', expected: 'no-stream', actual: 2 });
        expect(await store.streamVersion('application-a')).toBe(2);
      });

      it('a matching number appends; a stale or future number throws and appends nothing', async () => {
        const store = await open();
        await store.append('exam-1', testEvents(2), { expectedVersion: 0 });
        const r = await store.append('exam-1', testEvents(1), { expectedVersion: 2 });
        expect(r.events[0]!.version).toBe(3);
        for (const stale of [0, 1, 2, 4, 99]) {
          const err = await store.append('exam-1', testEvents(1), { expectedVersion: stale }).catch((e) => e);
          expect(err).toBeInstanceOf(ConcurrencyError);
          expect(err).toMatchObject({ expected: stale, actual: 3 });
        }
        expect((await store.readStream('exam-1')).length).toBe(3);
      });

      it('a number on a missing stream: 0 succeeds, anything else throws with actual 0', async () => {
        const store = await open();
        const err = await store.append('exam-new', testEvents(1), { expectedVersion: 1 }).catch((e) => e);
        expect(err).toBeInstanceOf(ConcurrencyError);
        expect(err).toMatchObject({ actual: 0 });
        await store.append('exam-new', testEvents(1), { expectedVersion: 0 });
        expect(await store.streamVersion('exam-new')).toBe(1);
      });

      it("'any' appends whatever the version", async () => {
        const store = await open();
        await store.append('certificate-x', testEvents(1), { expectedVersion: 'any' });
        await store.append('certificate-x', testEvents(2), { expectedVersion: 'any' });
        expect((await store.readStream('certificate-x')).map((e) => e.version)).toEqual([1, 2, 3]);
      });
    });

    describe('concurrency', () => {
      it(`${racers} concurrent 'no-stream' appends: exactly one wins`, async () => {
        const store = await open();
        const { won, errors } = await settleAll(
          Array.from({ length: racers }, (_, i) =>
            store.append('quota-race', [testEvent('Reserved', { i })], { expectedVersion: 'no-stream' }),
          ),
        );
        expect(won).toBe(1);
        expect(errors).toHaveLength(racers - 1);
        errors.forEach((e) => void expect(e).toBeInstanceOf(ConcurrencyError));
        expect(await store.readStream('quota-race')).toHaveLength(1);
      });

      it(`${racers} concurrent appends at the same expected version: exactly one wins`, async () => {
        const store = await open();
        await store.append('quota-v', testEvents(1), { expectedVersion: 'no-stream' });
        const { won, errors } = await settleAll(
          Array.from({ length: racers }, (_, i) =>
            store.append('quota-v', testEvents(2), { expectedVersion: 1 }).then(() => i),
          ),
        );
        expect(won).toBe(1);
        errors.forEach((e) => void expect(e).toBeInstanceOf(ConcurrencyError));
        const events = await store.readStream('quota-v');
        expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
        expect(verifyLog(events).ok).toBe(true);
      });

      it("concurrent 'any' appends to one stream keep versions 1..n without gaps", async () => {
        const store = await open();
        await settleAll(
          Array.from({ length: racers }, () =>
            store.append('application-any', testEvents(2), { expectedVersion: 'any' }),
          ),
        );
        const events = await store.readStream('application-any');
        // 'any' may still lose a race inside a store that checks versions with a unique key;
        // whatever landed must be whole batches with no gaps.
        expect(events.length % 2).toBe(0);
        expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
        expect(verifyLog(events).ok).toBe(true);
      });
    });

    describe('atomic batches and bad input', () => {
      it('a batch with one bad event appends nothing and names the field', async () => {
        const store = await open();
        const bad = [testEvent('Ok'), { ...testEvent('Bad'), type: '' }, testEvent('Ok')];
        const err = await store.append('application-b', bad, { expectedVersion: 'no-stream' }).catch((e) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues.some((i) => i.path.join('.') === 'events.1.type')).toBe(true);
        expect(await store.readStream('application-b')).toEqual([]);
        expect(await collect(store.readAll())).toEqual([]);
      });

      it('a failed expectedVersion appends nothing of the batch', async () => {
        const store = await open();
        await store.append('application-c', testEvents(1), { expectedVersion: 'no-stream' });
        await store.append('application-c', testEvents(5), { expectedVersion: 7 }).catch(() => undefined);
        expect(await store.readStream('application-c')).toHaveLength(1);
      });

      const badCases: Array<[string, () => Parameters<EventStore['append']>, string]> = [
        ['an empty batch', () => ['application-d', [], { expectedVersion: 'any' }], 'events'],
        [
          'a missing type',
          () => [
            'application-d',
            [{ ...testEvent(), type: undefined as unknown as string }],
            { expectedVersion: 'any' },
          ],
          'events.0.type',
        ],
        // no UTF-8 form: a text column would keep U+FFFD and the event would not match its hash
        [
          'a type with a lone surrogate',
          () => ['application-d', [testEvent('Lone\ud800')], { expectedVersion: 'any' }],
          'events.0.type',
        ],
        [
          'a type with U+0000',
          () => ['application-d', [testEvent('Nul\u0000')], { expectedVersion: 'any' }],
          'events.0.type',
        ],
        ['a stream id of an unknown kind', () => ['order-1', testEvents(1), { expectedVersion: 'any' }], 'streamId'],
        ['a stream id with a space', () => ['exam-1 2', testEvents(1), { expectedVersion: 'any' }], 'streamId'],
        [
          'undefined in data',
          () => ['application-d', [testEvent('X', { a: undefined } as never)], { expectedVersion: 'any' }],
          'events.0.data.a',
        ],
        [
          'a function in data',
          () => ['application-d', [testEvent('X', { f: (() => 1) as never })], { expectedVersion: 'any' }],
          'events.0.data.f',
        ],
        [
          'NaN in data',
          () => ['application-d', [testEvent('X', { n: Number.NaN })], { expectedVersion: 'any' }],
          'events.0.data.n',
        ],
        [
          'a Date in data',
          () => ['application-d', [testEvent('X', { d: new Date() as never })], { expectedVersion: 'any' }],
          'events.0.data.d',
        ],
        [
          'a bigint in data',
          () => ['application-d', [testEvent('X', { b: 1n as never })], { expectedVersion: 'any' }],
          'events.0.data.b',
        ],
        [
          'a meta without actor',
          () => [
            'application-d',
            [{ ...testEvent(), meta: { ...testEvent().meta, actor: undefined as never } }],
            { expectedVersion: 'any' },
          ],
          'events.0.meta.actor',
        ],
      ];
      for (const [label, args, path] of badCases) {
        it(`${label} is a ValidationError at ${path} and appends nothing`, async () => {
          const store = await open();
          const err = await store.append(...args()).catch((e) => e);
          expect(err).toBeInstanceOf(ValidationError);
          expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toContain(path);
          expect(await collect(store.readAll())).toEqual([]);
        });
      }

      it('a circular structure in data is a ValidationError', async () => {
        const store = await open();
        const data: Record<string, unknown> = {};
        data.self = data;
        const err = await store
          .append('application-e', [testEvent('X', data as never)], { expectedVersion: 'any' })
          .catch((e) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect(await collect(store.readAll())).toEqual([]);
      });
    });

    describe('malformed options and a closed store', () => {
      const malformed: [string, unknown][] = [
        ['-1', -1],
        ['a fraction', 1.5],
        ['NaN', Number.NaN],
        ['Infinity', Number.POSITIVE_INFINITY],
        ['a numeric string', '1'],
        ['null', null],
        ['missing', undefined],
      ];
      for (const [label, expectedVersion] of malformed) {
        it(`expectedVersion ${label} is a ValidationError at options.expectedVersion and appends nothing`, async () => {
          const store = await open();
          await store.append('application-o', testEvents(1), { expectedVersion: 'no-stream' });
          const err = await store.append('application-o', testEvents(1), { expectedVersion } as never).catch((e) => e);
          expect(err).toBeInstanceOf(ValidationError);
          expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['options.expectedVersion']);
          expect(await store.streamVersion('application-o')).toBe(1);
        });
      }

      it('no options at all is a ValidationError at options.expectedVersion and appends nothing', async () => {
        const store = await open();
        const err = await store.append('application-o', testEvents(1), undefined as never).catch((e) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['options.expectedVersion']);
        expect(await store.streamVersion('application-o')).toBe(0);
      });

      it('after close() every operation is a StoreClosedError naming it; close() again is fine', async () => {
        const store = await open();
        const { events: appended } = await store.append('application-c', testEvents(1), {
          expectedVersion: 'no-stream',
        });
        const event = appended[0]!;
        await store.close();
        const refused = async (operation: string, run: () => unknown) => {
          const err = await Promise.resolve()
            .then(run)
            .then(
              () => null,
              (e: unknown) => e,
            );
          expect(err, operation).toBeInstanceOf(StoreClosedError);
          expect(err, operation).toMatchObject({ code: 'STORE_CLOSED', operation });
        };
        await refused('append', () => store.append('application-c', testEvents(1), { expectedVersion: 'any' }));
        await refused('readStream', () => store.readStream('application-c'));
        await refused('streamVersion', () => store.streamVersion('application-c'));
        await refused('readAll', () => collect(store.readAll()));
        await refused('subscribe', () => store.subscribe({ name: 'after-close', handler: () => undefined }));
        await refused('importEvents', () => store.importEvents([{ ...event, streamId: 'application-d' }]));
        // A store that answers commandId lookups refuses them once closed too.
        if (store.findCommand) await refused('findCommand', () => store.findCommand?.('command-after-close'));
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    describe('reading', () => {
      it('readAll returns every event of every stream once, in position order', async () => {
        const store = await open();
        await store.append('application-1', testEvents(2), { expectedVersion: 'no-stream' });
        await store.append('exam-1', testEvents(3), { expectedVersion: 'no-stream' });
        await store.append('application-1', testEvents(1), { expectedVersion: 2 });
        const events = await collect(store.readAll({ batchSize: 2 }));
        expect(events.map((e) => `${e.streamId}@${e.version}`)).toEqual([
          'application-1@1',
          'application-1@2',
          'exam-1@1',
          'exam-1@2',
          'exam-1@3',
          'application-1@3',
        ]);
        const positions = events.map((e) => e.position);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(verifyLog(events).ok).toBe(true);
      });

      it('readAll fromPosition is inclusive', async () => {
        const store = await open();
        const r = await store.append('application-1', testEvents(5), { expectedVersion: 'no-stream' });
        const third = r.events[2]!.position;
        const events = await collect(store.readAll({ fromPosition: third, batchSize: 1 }));
        expect(events.map((e) => e.version)).toEqual([3, 4, 5]);
      });

      it('readStream honours fromVersion and toVersion; an unknown stream is empty', async () => {
        const store = await open();
        await store.append('application-r', testEvents(6), { expectedVersion: 'no-stream' });
        expect(
          (await store.readStream('application-r', { fromVersion: 2, toVersion: 4 })).map((e) => e.version),
        ).toEqual([2, 3, 4]);
        expect(await store.readStream('application-none')).toEqual([]);
        expect(await store.streamVersion('application-none')).toBe(0);
      });

      it('what append returns equals what is read back, and changing it changes nothing stored', async () => {
        const store = await open();
        const r = await store.append('application-m', [testEvent('X', { list: [1, 2], nested: { a: 'b' } })], {
          expectedVersion: 'no-stream',
        });
        const [read] = await store.readStream('application-m');
        expect(read).toEqual(r.events[0]);
        (r.events[0]!.data as { nested: { a: string } }).nested.a = 'changed';
        (read!.data as { list: number[] }).list.push(3);
        const [again] = await store.readStream('application-m');
        expect(again!.data).toEqual({ list: [1, 2], nested: { a: 'b' } });
        expect(verifyLog([again!]).ok).toBe(true);
      });

      it('unicode payloads round-trip exactly and verify', async () => {
        const store = await open();
        const data = {
          name: '山东省职业技能鉴定指导中心',
          quote: '“谁评价、谁发证、谁负责”',
          emoji: '🧑‍🏭✅',
          astral: '𠮷野家',
          controls: 'line\u2028sep\u2029tab\tquote"back\\slash',
          combining: 'é' + 'é',
          keys: { 职业: '6-18-01-01', z: 1, a: 2, '\u00e9': 3 },
        };
        await store.append('application-u', [testEvent('Unicode', data)], { expectedVersion: 'no-stream' });
        const [read] = await store.readStream('application-u');
        expect(read!.data).toEqual(data);
        expect(verifyLog([read!]).ok).toBe(true);
      });

      it('numbers round-trip exactly', async () => {
        const store = await open();
        const data = { int: 9007199254740991, neg: -0.5, small: 1e-7, big: 1e21, zero: 0, frac: 0.1 + 0.2 };
        await store.append('application-n', [testEvent('Numbers', data)], { expectedVersion: 'no-stream' });
        const [read] = await store.readStream('application-n');
        expect(read!.data).toEqual(data);
        expect(verifyLog([read!]).ok).toBe(true);
      });

      it('a large payload (about 2 MB) round-trips and verifies', { timeout: slow }, async () => {
        const store = await open();
        const roster = Array.from({ length: 20_000 }, (_, i) => ({
          id: `37010119900101${String(i).padStart(4, '0')}`,
          name: '张三' + i,
          score: i % 100,
        }));
        await store.append('exam-big', [testEvent('RosterAttached', { roster })], { expectedVersion: 'no-stream' });
        const [read] = await store.readStream('exam-big');
        expect((read!.data as { roster: unknown[] }).roster).toHaveLength(20_000);
        expect(read!.data).toEqual({ roster });
        expect(verifyLog([read!]).ok).toBe(true);
      });

      it(`a ${longStream}-event stream reads back whole, in order, and verifies`, { timeout: slow }, async () => {
        const store = await open();
        const batch = 100;
        for (let v = 0; v < longStream; v += batch) {
          await store.append('application-long', testEvents(batch), { expectedVersion: v });
        }
        const events = await store.readStream('application-long');
        expect(events).toHaveLength(longStream);
        expect(events[longStream - 1]!.version).toBe(longStream);
        expect(verifyLog(events).ok).toBe(true);
        const all = await collect(store.readAll({ batchSize: 999 }));
        expect(all).toHaveLength(longStream);
      });
    });

    describe('subscriptions', () => {
      it('delivers every event once, in order, and waitUntilCaughtUp waits for them', async () => {
        const store = await open();
        await store.append('application-s', testEvents(3), { expectedVersion: 'no-stream' });
        const seen: string[] = [];
        const sub = store.subscribe({ name: 'catalog', handler: (e) => void seen.push(`${e.streamId}@${e.version}`) });
        await sub.waitUntilCaughtUp();
        expect(seen).toEqual(['application-s@1', 'application-s@2', 'application-s@3']);
        await store.append('exam-s', testEvents(2), { expectedVersion: 'no-stream' });
        await sub.waitUntilCaughtUp();
        expect(seen).toEqual(['application-s@1', 'application-s@2', 'application-s@3', 'exam-s@1', 'exam-s@2']);
        await sub.stop();
      });

      it('a restarted subscription resumes after its checkpoint', async () => {
        const store = await open();
        await store.append('application-s', testEvents(2), { expectedVersion: 'no-stream' });
        const first: number[] = [];
        const sub1 = store.subscribe({ name: 'registry', handler: (e) => void first.push(e.version) });
        await sub1.waitUntilCaughtUp();
        await sub1.stop();
        await store.append('application-s', testEvents(2), { expectedVersion: 2 });
        const second: number[] = [];
        const sub2 = store.subscribe({ name: 'registry', handler: (e) => void second.push(e.version) });
        await sub2.waitUntilCaughtUp();
        await sub2.stop();
        expect(first).toEqual([1, 2]);
        expect(second).toEqual([3, 4]);
      });

      it('from starts a new subscription at a position', async () => {
        const store = await open();
        const r = await store.append('application-f', testEvents(4), { expectedVersion: 'no-stream' });
        const seen: number[] = [];
        const sub = store.subscribe({
          name: 'late',
          from: r.events[2]!.position,
          handler: (e) => void seen.push(e.version),
        });
        await sub.waitUntilCaughtUp();
        await sub.stop();
        expect(seen).toEqual([3, 4]);
      });

      it('a failing handler stops the subscription and waitUntilCaughtUp rejects', async () => {
        const store = await open();
        await store.append('application-h', testEvents(2), { expectedVersion: 'no-stream' });
        const sub = store.subscribe({
          name: 'fails',
          handler: (e) => {
            if (e.version === 2) throw new Error('read model down');
          },
        });
        await expect(sub.waitUntilCaughtUp()).rejects.toThrow('read model down');
        await sub.stop();
      });
    });

    describe('commandIds', () => {
      const F1 = 'a'.repeat(64);
      const F2 = 'b'.repeat(64);
      const claimed = (commandId: string, fingerprint: string | undefined, type = 'SomethingHappened'): NewEvent =>
        testEvent(
          type,
          { n: 1 },
          fingerprint === undefined ? { commandId } : { commandId, commandFingerprint: fingerprint },
        );

      it('findCommand gives the first event recorded under a commandId with a fingerprint; events without one claim nothing', async () => {
        const store = await open();
        expect(store.findCommand, 'the store implements findCommand').toBeTypeOf('function');
        await store.append('exam-c0', [claimed('plain', undefined)], { expectedVersion: 'no-stream' });
        const quota = await store.append('quota-c1', [claimed('cmd-1', F1, 'QuotaPlaceReserved')], {
          expectedVersion: 'no-stream',
        });
        await store.append('application-c1', [claimed('cmd-1', F1), claimed('cmd-1', F1)], {
          expectedVersion: 'no-stream',
        });
        expect(await store.findCommand!('cmd-1')).toEqual({
          commandId: 'cmd-1',
          fingerprint: F1,
          streamId: 'quota-c1',
          position: quota.events[0]!.position,
        });
        expect(await store.findCommand!('plain')).toBeUndefined();
        expect(await store.findCommand!('never')).toBeUndefined();
        // Events without a fingerprint never conflict (plain appends, logs written before fingerprints).
        await store.append('exam-c0', [claimed('plain', F2)], { expectedVersion: 1 });
        await store.append('exam-c9', [claimed('plain', undefined)], { expectedVersion: 'no-stream' });
      });

      it('the same commandId with another fingerprint, on any stream, is an IdempotencyConflictError naming both, and appends nothing', async () => {
        const store = await open();
        await store.append('application-c2', [claimed('cmd-2', F1)], { expectedVersion: 'no-stream' });
        for (const [streamId, expected] of [
          ['application-c2', 1],
          ['application-c3', 'no-stream'],
        ] as const) {
          const err = await store
            .append(streamId, [claimed('cmd-2', F2)], { expectedVersion: expected })
            .catch((e: unknown) => e);
          expect(err).toBeInstanceOf(IdempotencyConflictError);
          expect(err).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', commandId: 'cmd-2', recorded: F1, attempted: F2 });
        }
        // A batch that claims one id twice over, with two fingerprints, is refused as a whole.
        const mixed = await store
          .append('application-c4', [claimed('cmd-3', F1), claimed('cmd-3', F2)], { expectedVersion: 'no-stream' })
          .catch((e: unknown) => e);
        expect(mixed).toBeInstanceOf(IdempotencyConflictError);
        expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(['application-c2']);
        // The same fingerprint may record on other streams (a command appends to several).
        await store.append('quota-c2', [claimed('cmd-2', F1)], { expectedVersion: 'no-stream' });
        expect(await store.findCommand!('cmd-2')).toMatchObject({ fingerprint: F1, streamId: 'application-c2' });
      });

      it(`${racers} appends racing one commandId with different fingerprints on different streams: exactly one is recorded`, async () => {
        const store = await open();
        const fingerprints = Array.from({ length: racers }, (_, i) => i.toString(16).padStart(64, '0'));
        const { won, errors } = await settleAll(
          fingerprints.map((f, i) =>
            store.append(`application-race-${i}`, [claimed('cmd-race', f)], { expectedVersion: 'no-stream' }),
          ),
        );
        expect(won).toBe(1);
        expect(errors.every((e) => e instanceof IdempotencyConflictError)).toBe(true);
        const all = await collect(store.readAll());
        expect(all).toHaveLength(1);
        expect(await store.findCommand!('cmd-race')).toMatchObject({
          fingerprint: all[0]!.meta.commandFingerprint,
          streamId: all[0]!.streamId,
        });
      });

      it('an imported log is taken as it is (even one that reused an id), and its commands are found', async () => {
        const source = await open();
        await source.append('application-i1', [claimed('cmd-i', F1)], { expectedVersion: 'no-stream' });
        const log = await collect(source.readAll());
        // An older log may hold one id under two fingerprints: it still imports and verifies.
        const reused = sealEvents(
          'application-i2',
          { version: 0, hash: null },
          [log.length + 1],
          [claimed('cmd-i', F2)],
        );
        const copy = await open();
        await copy.importEvents([...log, ...reused]);
        expect(verifyLog(await collect(copy.readAll()))).toMatchObject({ ok: true, events: 2 });
        expect(await copy.findCommand!('cmd-i')).toMatchObject({ fingerprint: F1, streamId: 'application-i1' });
        const err = await copy
          .append('application-i3', [claimed('cmd-i', F2)], { expectedVersion: 'no-stream' })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(IdempotencyConflictError);
      });
    });

    describe('import', () => {
      it('imports an exported log verbatim into an empty store', async () => {
        const source = await open();
        await source.append('application-i', testEvents(3), { expectedVersion: 'no-stream' });
        await source.append('exam-i', testEvents(2), { expectedVersion: 'no-stream' });
        const exported = await collect(source.readAll());
        const target = await open();
        await target.importEvents(exported);
        expect(await collect(target.readAll())).toEqual(exported);
        const next = await target.append('application-i', testEvents(1), { expectedVersion: 3 });
        expect(next.events[0]!.prevHash).toBe(exported[2]!.hash);
        expect(next.events[0]!.position).toBeGreaterThan(exported[4]!.position);
      });

      it('refuses a tampered log and writes nothing', async () => {
        const source = await open();
        await source.append('application-i', testEvents(3), { expectedVersion: 'no-stream' });
        const exported = await collect(source.readAll());
        (exported[1]!.data as Record<string, unknown>).i = 'tampered';
        const target = await open();
        await expect(target.importEvents(exported)).rejects.toBeInstanceOf(ValidationError);
        expect(await collect(target.readAll())).toEqual([]);
      });

      it('refuses a log with a type no text column can keep exactly, and writes nothing', async () => {
        // a correctly sealed event, as an older log could hold: it verifies, but
        // stored as text its lone surrogate would become U+FFFD and break the hash
        const log = sealEvents(
          'application-j',
          { version: 0, hash: null },
          [1, 2],
          [testEvent('Fine'), testEvent('Lone\ud800')],
        );
        expect(verifyLog(log).ok).toBe(true);
        const target = await open();
        const err = await target.importEvents(log).catch((e) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toContain('events.1.type');
        expect(await collect(target.readAll())).toEqual([]);
      });

      it('one valid log: refuses a sealed log whose positions go backwards within a stream, as verifyLog does, and writes nothing', async () => {
        // every hash is right (sealed with these positions), but version 2 sits before version 1 in the global order
        const log = sealEvents(
          'application-p',
          { version: 0, hash: null },
          [5, 3],
          [testEvent('First'), testEvent('Second')],
        );
        expect(verifyLog(log).problems).toEqual([
          expect.objectContaining({ streamId: 'application-p', version: 2, kind: 'position-order' }),
        ]);
        const target = await open();
        await expect(target.importEvents(log)).rejects.toBeInstanceOf(ValidationError);
        expect(await collect(target.readAll())).toEqual([]);
      });

      it('one valid log: what a store reads back from appends and imports verifies with verifyLog', async () => {
        const store = await open();
        await store.append('application-v', testEvents(2), { expectedVersion: 'no-stream' });
        await store.append('exam-v', testEvents(2), { expectedVersion: 'no-stream' });
        await store.append('application-v', testEvents(1), { expectedVersion: 2 });
        const log = await collect(store.readAll());
        expect(verifyLog(log)).toMatchObject({ ok: true, events: 5, streams: 2 });
        const copy = await open();
        await copy.importEvents(log);
        expect(verifyLog(await collect(copy.readAll()))).toMatchObject({ ok: true, events: 5 });
      });

      it('I-JSON: refuses a new event with an unsafe integer, a lone surrogate or a __proto__ key, naming the path, and appends nothing', async () => {
        const store = await open();
        for (const [data, path] of [
          [{ n: 2 ** 53 }, 'events.0.data.n'],
          [{ s: 'x\ud800' }, 'events.0.data.s'],
          [JSON.parse('{"__proto__":{"a":1}}'), 'events.0.data.__proto__'],
        ] as const) {
          const err = await store
            .append('application-ij', [testEvent('Odd', data as never)], { expectedVersion: 'any' })
            .catch((e) => e);
          expect(err).toBeInstanceOf(ValidationError);
          expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toContain(path);
        }
        expect(await collect(store.readAll())).toEqual([]);
      });
    });
  });
}
