import { describe, expect, it } from 'vitest';
import type { StoredEvent } from './event.js';
import { computeEventHash } from './hash.js';
import { memoryStore } from './memoryStore.js';
import { testEvents } from './testing/eventFactory.js';
import { verifyLog } from './verifyLog.js';
import { positionRanges, verifyLogStream } from './verifyLogStream.js';

async function sampleLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await store.append('application-a', testEvents(4), { expectedVersion: 'no-stream' });
  await store.append('exam-b', testEvents(3), { expectedVersion: 'no-stream' });
  await store.append('application-a', testEvents(2), { expectedVersion: 4 });
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

async function* asStream<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) yield structuredClone(i);
}

const reseal = (e: StoredEvent) => {
  e.hash = computeEventHash(e);
};

describe('verifyLogStream', () => {
  it('accepts an untouched log read as a stream, calling onEvent per event', async () => {
    const seen: number[] = [];
    const r = await verifyLogStream(asStream(await sampleLog()), { onEvent: (_e, n) => seen.push(n) });
    expect(r).toEqual({ ok: true, problems: [], streams: 2, events: 9 });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('finds what verifyLog finds: changed data, a deleted event, a broken envelope', async () => {
    const tamperings: ((log: StoredEvent[]) => unknown[])[] = [
      (log) => {
        (log[1]!.data as Record<string, unknown>).i = 99;
        return log;
      },
      (log) => log.filter((_, i) => i !== 2),
      (log) => log.map((e, i) => (i === 5 ? { ...e, version: 'x' } : e)),
      (log) => [...log.slice(0, 4), log[5], log[4], ...log.slice(6)],
    ];
    for (const tamper of tamperings) {
      const log = tamper(await sampleLog());
      const streamed = await verifyLogStream(asStream(log));
      expect(streamed.ok).toBe(false);
      expect(streamed).toEqual(verifyLog(log));
    }
  });

  it('catches two events of different streams claiming one position, with the log out of position order', async () => {
    const log = await sampleLog();
    const exam = log.find((e) => e.streamId === 'exam-b' && e.version === 1)!;
    exam.position = 1; // also held by application-a version 1
    reseal(exam);
    const r = await verifyLogStream(asStream(log));
    expect(r.problems).toEqual([
      expect.objectContaining({
        streamId: 'exam-b',
        version: 1,
        kind: 'duplicate-position',
        detail: 'position 1 is also held by an event of another stream',
      }),
    ]);
    expect(verifyLog(log).problems).toEqual([
      expect.objectContaining({ streamId: 'exam-b', version: 1, kind: 'duplicate-position' }),
    ]);
  });
});

describe('positionRanges', () => {
  it('keeps an ascending run of positions as one range, and one more per gap', () => {
    const p = positionRanges();
    for (let i = 1; i <= 10_000; i++) expect(p.claim(i, 's')).toBeUndefined();
    expect(p.ranges).toBe(1);
    p.claim(10_005, 's');
    expect(p.ranges).toBe(2);
  });

  it('finds a repeated position whatever the order, and merges ranges as gaps fill', () => {
    const p = positionRanges();
    for (const n of [5, 1, 3, 9, 2, 4]) expect(p.claim(n, 's')).toBeUndefined();
    expect(p.ranges).toBe(2); // 1..5 and 9
    for (const n of [1, 3, 5, 9]) expect(p.claim(n, 't')).toBe('another stream');
    expect(p.claim(7, 's')).toBeUndefined();
    expect(p.claim(8, 's')).toBeUndefined();
    expect(p.claim(6, 's')).toBeUndefined();
    expect(p.ranges).toBe(1);
    expect(p.claim(0, 's')).toBeUndefined();
    expect(p.claim(0, 's')).toBe('another stream');
  });
});
