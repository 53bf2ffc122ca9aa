import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from './event.js';
import { computeEventHash } from './hash.js';
import { memoryStore } from './memoryStore.js';
import { testEvent, testEvents } from './testing/eventFactory.js';
import { toIJson } from './testing/iJson.js';
import { StreamHeadTable, verifyLog } from './verifyLog.js';

async function sampleLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await store.append('application-a', testEvents(4), { expectedVersion: 'no-stream' });
  await store.append('exam-b', testEvents(3), { expectedVersion: 'no-stream' });
  await store.append('application-a', testEvents(2), { expectedVersion: 4 });
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

const idx = (log: StoredEvent[], stream: string, version: number) =>
  log.findIndex((e) => e.streamId === stream && e.version === version);

describe('verifyLog', () => {
  it('accepts an untouched log', async () => {
    const r = verifyLog(await sampleLog());
    expect(r).toMatchObject({ ok: true, problems: [], streams: 2, events: 9 });
  });

  it('catches changed data as a hash mismatch at that event', async () => {
    const log = await sampleLog();
    (log[idx(log, 'application-a', 2)]!.data as Record<string, unknown>).i = 99;
    const r = verifyLog(log);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ streamId: 'application-a', version: 2, kind: 'hash-mismatch' }),
    ]);
  });

  it('catches changed meta (actor, time) as a hash mismatch', async () => {
    for (const mutate of [
      (e: StoredEvent) => (e.meta.actor.role = 'provincial-center'),
      (e: StoredEvent) => (e.meta.at = '2020-06-02T09:00:00+08:00'),
      (e: StoredEvent) => (e.type = 'Forged'),
    ]) {
      const log = await sampleLog();
      mutate(log[idx(log, 'exam-b', 3)]!);
      expect(verifyLog(log).problems).toEqual([
        expect.objectContaining({ streamId: 'exam-b', version: 3, kind: 'hash-mismatch' }),
      ]);
    }
  });

  it('catches a re-hashed forgery as a broken chain at the next event', async () => {
    const log = await sampleLog();
    const forged = log[idx(log, 'application-a', 2)]!;
    (forged.data as Record<string, unknown>).i = 'forged';
    forged.hash = computeEventHash(forged);
    const r = verifyLog(log);
    expect(r.problems).toEqual([
      expect.objectContaining({ streamId: 'application-a', version: 3, kind: 'chain-broken' }),
    ]);
  });

  it('catches a deleted event as a version gap', async () => {
    const log = await sampleLog();
    log.splice(idx(log, 'application-a', 3), 1);
    expect(verifyLog(log).problems).toEqual([
      expect.objectContaining({ streamId: 'application-a', version: 4, kind: 'version-gap' }),
    ]);
  });

  it('catches an inserted event (a copy of another) as a version-order problem', async () => {
    const log = await sampleLog();
    const copy = structuredClone(log[idx(log, 'exam-b', 1)]!);
    log.splice(idx(log, 'exam-b', 2) + 1, 0, copy);
    expect(verifyLog(log).problems).toEqual([
      expect.objectContaining({ streamId: 'exam-b', version: 1, kind: 'version-order' }),
    ]);
  });

  it('catches an inserted forged event renumbered to fit as a broken chain', async () => {
    const log = await sampleLog();
    // Forge version 2 of exam-b with a valid hash of its own, and drop the real one.
    const real = log[idx(log, 'exam-b', 2)]!;
    const forged: StoredEvent = { ...structuredClone(real), data: { injected: true }, prevHash: 'f'.repeat(64) };
    forged.hash = computeEventHash(forged);
    log[idx(log, 'exam-b', 2)] = forged;
    expect(verifyLog(log).problems).toEqual([
      expect.objectContaining({ streamId: 'exam-b', version: 2, kind: 'chain-broken' }),
    ]);
  });

  it('catches reordered events', async () => {
    const log = await sampleLog();
    const a = idx(log, 'application-a', 2);
    const b = idx(log, 'application-a', 3);
    [log[a], log[b]] = [log[b]!, log[a]!];
    expect(verifyLog(log).problems).toEqual([
      expect.objectContaining({ streamId: 'application-a', version: 3, kind: 'version-gap' }),
    ]);
  });

  it('catches a malformed envelope as a schema problem, naming the field', async () => {
    const log = await sampleLog();
    delete (log[0] as Partial<StoredEvent>).meta;
    const r = verifyLog(log);
    expect(r.problems[0]).toMatchObject({ streamId: 'application-a', version: 1, kind: 'schema' });
    expect(r.problems[0]!.detail).toContain('meta');
  });

  it('catches a duplicated global position', async () => {
    const store = memoryStore();
    await store.append('application-x', [testEvent()], { expectedVersion: 'no-stream' });
    await store.append('exam-y', [testEvent()], { expectedVersion: 'no-stream' });
    const log: StoredEvent[] = [];
    for await (const e of store.readAll()) log.push(e);
    log[1]!.position = log[0]!.position;
    log[1]!.hash = computeEventHash(log[1]!);
    expect(verifyLog(log).problems).toEqual([
      expect.objectContaining({ streamId: 'exam-y', kind: 'duplicate-position' }),
    ]);
  });

  it('reports only the first broken event of each stream, and every broken stream', async () => {
    const log = await sampleLog();
    (log[idx(log, 'application-a', 1)]!.data as Record<string, unknown>).i = 'x';
    (log[idx(log, 'application-a', 5)]!.data as Record<string, unknown>).i = 'y';
    (log[idx(log, 'exam-b', 2)]!.data as Record<string, unknown>).i = 'z';
    const r = verifyLog(log);
    expect(r.problems.map((p) => `${p.streamId}@${p.version}`)).toEqual(['application-a@1', 'exam-b@2']);
  });
});

describe('verifyLog properties', () => {
  const streamIds = fc.constantFrom(
    'application-1',
    'application-2',
    'exam-1',
    'certificate-S00003700000120500001',
    'quota-x',
  );
  const json = fc.jsonValue({ maxDepth: 3 }).map((v) => toIJson(JSON.parse(JSON.stringify(v))) as StoredEvent['data']);
  const appends = fc.array(fc.tuple(streamIds, fc.array(json, { minLength: 1, maxLength: 4 })), {
    minLength: 1,
    maxLength: 12,
  });

  async function build(plan: Array<[string, StoredEvent['data'][]]>): Promise<StoredEvent[]> {
    const store = memoryStore();
    for (const [stream, datas] of plan) {
      await store.append(
        stream,
        datas.map((d) => testEvent('Happened', d)),
        { expectedVersion: 'any' },
      );
    }
    const out: StoredEvent[] = [];
    for await (const e of store.readAll()) out.push(e);
    return out;
  }

  it('any sequence of appends yields a log verifyLog accepts', async () => {
    await fc.assert(
      fc.asyncProperty(appends, async (plan) => {
        const log = await build(plan);
        expect(verifyLog(log).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  const fields = [
    'streamId',
    'version',
    'position',
    'type',
    'data',
    'meta.at',
    'meta.actor.id',
    'meta.commandId',
    'meta.correlationId',
    'prevHash',
    'hash',
  ] as const;

  it('any single-field mutation is caught', async () => {
    await fc.assert(
      fc.asyncProperty(appends, fc.nat(), fc.constantFrom(...fields), async (plan, pick, field) => {
        const log = await build(plan);
        const target = log[pick % log.length]!;
        // biome-ignore lint/suspicious/noExplicitAny: the property rewrites any one field of the event, whatever its type
        const e = target as unknown as Record<string, any>;
        switch (field) {
          case 'streamId':
            e.streamId = target.streamId === 'application-1' ? 'application-2' : 'application-1';
            break;
          case 'version':
          case 'position':
            e[field] = target[field] + 1;
            break;
          case 'type':
            e.type = target.type + 'X';
            break;
          case 'data':
            e.data = { tampered: target.data };
            break;
          case 'prevHash':
            e.prevHash = target.prevHash === null ? 'a'.repeat(64) : null;
            break;
          case 'hash':
            e.hash = target.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
            break;
          default: {
            const [, k1, k2] = field.split('.') as [string, string, string | undefined];
            if (k2) e.meta[k1][k2] += 'X';
            else e.meta[k1] = k1 === 'at' ? '2021-01-01T00:00:00Z' : e.meta[k1] + 'X';
          }
        }
        expect(verifyLog(log).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** Re-seals a stream after a forger edited it: every hash and prevHash recomputed in order. */
function rehashStream(log: StoredEvent[], streamId: string): void {
  let prev: string | null = null;
  for (const e of log.filter((x) => x.streamId === streamId)) {
    e.prevHash = prev;
    e.hash = computeEventHash(e);
    prev = e.hash;
  }
}

describe('verifyLog: positions within a stream', () => {
  it('reports a stream whose positions go backwards, even when every hash was recomputed', async () => {
    const log = await sampleLog();
    const a2 = log[idx(log, 'application-a', 2)]!;
    const a3 = log[idx(log, 'application-a', 3)]!;
    [a2.position, a3.position] = [a3.position, a2.position];
    rehashStream(log, 'application-a');
    const r = verifyLog(log);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ streamId: 'application-a', version: 3, kind: 'position-order' }),
    ]);
  });

  it('accepts positions that increase within each stream though streams interleave', async () => {
    const log = await sampleLog();
    expect(log.map((e) => e.streamId)).toContain('exam-b');
    expect(verifyLog([...log].reverse().sort((x, y) => x.version - y.version)).ok).toBe(true);
  });

  it('reports a value too deep to canonicalize as a schema problem, not a raw RangeError', async () => {
    const log = await sampleLog();
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const e = log[idx(log, 'exam-b', 1)]!;
    (e as { data: unknown }).data = deep;
    const r = verifyLog(log);
    expect(r.problems).toEqual([expect.objectContaining({ streamId: 'exam-b', version: 1, kind: 'schema' })]);
  });
});

describe('StreamHeadTable (the check keeps heads compactly)', () => {
  it('gives back every head as set, past its first growth, with null and non-hex hashes kept as they were', () => {
    const table = new StreamHeadTable([['exam-given', { version: 4, hash: null }]]);
    const hash = (i: number) => createHash('sha256').update(String(i)).digest('hex');
    for (let i = 0; i < 3000; i++)
      table.set(`application-${i}`, { version: i + 1, hash: hash(i), position: i * 2 + 1 });
    table.set('application-odd', { version: 1, hash: 'not a hex hash' });
    table.set('application-7', { version: 9, hash: hash(70), position: 99 });
    expect(table.size).toBe(3002);
    expect(table.get('exam-given')).toEqual({ version: 4, hash: null });
    expect(table.get('application-odd')).toEqual({ version: 1, hash: 'not a hex hash' });
    expect(table.get('application-2999')).toEqual({ version: 3000, hash: hash(2999), position: 5999 });
    expect(table.get('application-7')).toEqual({ version: 9, hash: hash(70), position: 99 });
    expect(table.has('application-nope')).toBe(false);
    expect(table.slot('application-new')).toBe(3002);
    expect(table.has('application-new')).toBe(false);
    expect(table.size).toBe(3002);
    expect([...table.keys()]).toHaveLength(3002);
    expect(new Map(table).get('application-0')).toEqual({ version: 1, hash: hash(0), position: 1 });
  });

  it('reads a head in place as it reads it whole: version, position, and whether a hash is its hash', () => {
    const table = new StreamHeadTable();
    const h = createHash('sha256').update('x').digest('hex');
    const empty = table.slot('application-none');
    const hex = table.slot('application-hex');
    table.setSlotFields(hex, 3, h, 17);
    const odd = table.slot('application-odd');
    table.setSlotFields(odd, 2, 'ABC', Number.NaN);
    const none = table.slot('exam-null');
    table.setSlot(none, { version: 1, hash: null });
    expect([table.versionAt(empty), table.positionAt(empty), table.hasHeadAt(empty)]).toEqual([0, Number.NaN, false]);
    expect(table.hashIs(empty, null)).toBe(true);
    expect(table.hashIs(empty, h)).toBe(false);
    expect([table.versionAt(hex), table.positionAt(hex), table.hasHeadAt(hex)]).toEqual([3, 17, true]);
    expect(table.hashIs(hex, h)).toBe(true);
    // the same bytes in capitals, or one digit changed, are not the hash (the stored form is lowercase hex)
    expect(table.hashIs(hex, h.toUpperCase())).toBe(false);
    expect(table.hashIs(hex, `${h.slice(0, 63)}${h[63] === '0' ? '1' : '0'}`)).toBe(false);
    expect(table.hashIs(hex, h.slice(0, 62))).toBe(false);
    expect(table.hashIs(hex, null)).toBe(false);
    expect(table.hashIs(odd, 'ABC')).toBe(true);
    expect(table.hashIs(odd, h)).toBe(false);
    expect(table.positionAt(odd)).toBeNaN();
    expect(table.hashIs(none, null)).toBe(true);
    expect(table.get('application-hex')).toEqual({ version: 3, hash: h, position: 17 });
    // a slot whose odd hash becomes a hex one reads as the hex one
    table.setSlotFields(odd, 3, h, 20);
    expect(table.get('application-odd')).toEqual({ version: 3, hash: h, position: 20 });
    expect(table.hashIs(odd, 'ABC')).toBe(false);
  });

  it('counts only the streams of the log read, not the heads it was given to continue', async () => {
    const result = verifyLog(await sampleLog(), {
      heads: new Map([['exam-other', { version: 2, hash: 'a'.repeat(64) }]]),
    });
    expect(result).toMatchObject({ ok: true, streams: 2, events: 9 });
  });
});
