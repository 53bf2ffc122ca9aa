import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog, type StoredEvent } from '@certflow/core';
import { postgresStore } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';
import { spawnWorker } from './testing/processFixture.js';

const { skip } = await postgresForTests();
const loadWorker = fileURLToPath(new URL('./testing/loadWorker.ts', import.meta.url));

interface Ack {
  streamId: string;
  ids: string[];
  versions: number[];
}

describe.skipIf(skip)('postgresStore: four processes appending to shared streams', () => {
  const schema = testSchemaName('load');
  afterAll(() => dropSchemas([schema]));

  it('loses, duplicates and reorders nothing, and a live subscriber sees every event exactly once', {
    timeout: 120_000,
  }, async () => {
    const store = postgresStore({ connectionString: PG_URL, schema, pollIntervalMs: 50 });
    const streams = ['quota-a', 'quota-b', 'exam-c', 'application-d', 'application-e'];
    try {
      await store.streamVersion('quota-a'); // migrate before the workers race to
      const seen: StoredEvent[] = [];
      const sub = store.subscribe({ name: 'load-watch', handler: (e) => void seen.push(e) });
      const workers = [1, 2, 3, 4].map((id) =>
        spawnWorker(loadWorker, [PG_URL, schema, `w${id}`, streams.join(','), '120']),
      );
      const exits = await Promise.all(workers.map((w) => w.done));
      for (const x of exits) expect(x, x.stderr).toMatchObject({ code: 0 });
      for (const w of workers) expect(w.messages.find((m) => 'core' in m)?.core).toBe('source');
      const acks = workers.flatMap((w) => w.messages.filter((m) => 'ack' in m).map((m) => m.ack as Ack));
      const retries = workers.map((w) => (w.messages.find((m) => 'done' in m)!.done as { retries: number }).retries);

      const all: StoredEvent[] = [];
      for await (const e of store.readAll()) all.push(e);
      const idOf = (e: StoredEvent) => (e.data as { id: string }).id;
      const stored = new Map(all.map((e) => [idOf(e), e]));
      const ackedIds = acks.flatMap((a) => a.ids);
      // Nothing lost, nothing duplicated, nothing unacknowledged.
      expect(stored.size).toBe(all.length);
      expect(new Set(ackedIds).size).toBe(ackedIds.length);
      expect([...stored.keys()].sort()).toEqual([...ackedIds].sort());
      // Each acknowledged event sits in its stream at the version the writer was told.
      for (const a of acks) {
        a.ids.forEach(
          (id, i) => void expect(stored.get(id)).toMatchObject({ streamId: a.streamId, version: a.versions[i] }),
        );
      }
      for (const s of streams) {
        const versions = all.filter((e) => e.streamId === s).map((e) => e.version);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
      expect(verifyLog(all).ok).toBe(true);
      // The optimistic checks really were contended.
      expect(retries.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      console.log(
        `load test: ${all.length} events from ${acks.length} appends by 4 processes, ${retries.join('+')} expectedVersion retries`,
      );
      await sub.waitUntilCaughtUp();
      await sub.stop();
      expect(seen.map(idOf)).toEqual(all.map(idOf));
      expect(new Set(seen.map(idOf)).size).toBe(all.length);
    } finally {
      await store.close();
    }
  });
});
