import { memoryStore, type StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { logHeads, packsUsed } from '../heads.js';
import type { Source, SourceRecord } from '../sources.js';
import { verifyRecords, verifySource } from './verify.js';

async function sampleLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await store.append('application-a', testEvents(4), { expectedVersion: 'no-stream' });
  await store.append('exam-b', testEvents(3), { expectedVersion: 'no-stream' });
  await store.append('application-a', testEvents(2), { expectedVersion: 4 });
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

const sourceOf = (events: unknown[]): Source => ({
  kind: 'jsonl',
  label: 'log.jsonl',
  header: undefined,
  async *records(): AsyncIterable<SourceRecord> {
    for (const event of events) yield { event: structuredClone(event) };
  },
  close: async () => {},
});

describe('verifySource (verify read as a stream)', () => {
  it('reports what verifying the whole array reports, heads and packs included, for intact and broken logs', async () => {
    const tamperings: ((log: StoredEvent[]) => unknown[])[] = [
      (log) => log,
      (log) => {
        (log[1]!.data as Record<string, unknown>).i = 99; // hash mismatch at application-a v2: its head is still v6 as read
        return log;
      },
      (log) => [...log, { ...log[8]!, hash: 'f'.repeat(64) }], // a repeated version with another hash: the later one is the head
      (log) => log.filter((_, i) => i !== 2),
      (log) => log.map((e, i) => (i === 5 ? { ...e, version: 'x' } : e)),
    ];
    for (const tamper of tamperings) {
      const log = tamper(await sampleLog());
      const streamed = await verifySource(sourceOf(log));
      expect(streamed).toEqual(
        verifyRecords(
          'log.jsonl',
          log.map((event) => ({ event })),
        ),
      );
      expect(streamed.heads).toEqual(logHeads(log));
      expect(streamed.packs).toEqual(packsUsed(log));
    }
  });
});
