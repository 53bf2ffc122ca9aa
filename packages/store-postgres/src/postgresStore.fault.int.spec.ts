import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog } from '@certflow/core';
import { postgresStore } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';
import { spawnWorker } from './testing/processFixture.js';

const { skip } = await postgresForTests();
const crashWorker = fileURLToPath(new URL('./testing/crashWorker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip)('postgresStore: a writer killed with SIGKILL mid-append', () => {
  const schema = testSchemaName('crash');
  afterAll(() => dropSchemas([schema]));

  it('leaves whole batches only: versions 1..n, every acknowledged batch present, the chain verifies', {
    timeout: 120_000,
  }, async () => {
    const batchSize = 400;
    const streamId = 'exam-crash';
    const store = postgresStore({ connectionString: PG_URL, schema });
    let interrupted = 0;
    let acknowledged = 0;
    try {
      // At least 5 kills, and more (up to 12) until one has landed inside an
      // append: how long an append takes varies with the machine's load.
      let rounds = 0;
      for (; rounds < 12 && (rounds < 5 || interrupted === 0); rounds++) {
        const w = spawnWorker(crashWorker, [PG_URL, schema, streamId, String(batchSize), '2000']);
        // The child runs against core's sources (tsconfig paths from the repository root).
        expect((await w.next((m) => 'core' in m)).core).toBe('source');
        // Time a warm append (the first also prepares the statement), then
        // kill at a random moment within the next one.
        const first = await w.next((m) => 'ack' in m);
        const second = await w.next((m) => m.ack === (first.ack as number) + 1);
        const secondBegin = w.messages.find((m) => m.begin === second.ack)!;
        const appendMs = Math.max(2, (second.at as number) - (secondBegin.at as number));
        const target = (second.ack as number) + 1;
        await w.next((m) => m.begin === target);
        await sleep(Math.random() * appendMs * 0.8);
        w.child.kill('SIGKILL');
        const exit = await w.done;
        expect(exit.signal).toBe('SIGKILL');
        const acks = w.messages.filter((m) => 'ack' in m).map((m) => m.ack as number);
        acknowledged = Math.max(acknowledged, ...acks);
        const head = await store.streamVersion(streamId);
        expect(head % batchSize).toBe(0);
        expect(head / batchSize).toBeGreaterThanOrEqual(Math.max(...acks));
        const lastBegin = Math.max(...w.messages.filter((m) => 'begin' in m).map((m) => m.begin as number));
        if (!acks.includes(lastBegin) && head / batchSize < lastBegin) interrupted++;
      }
      const events = await store.readStream(streamId);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(events.length % batchSize).toBe(0);
      expect(events.length / batchSize).toBeGreaterThanOrEqual(acknowledged);
      events.forEach(
        (e, i) => void expect(e.data).toMatchObject({ batch: Math.floor(i / batchSize) + 1, i: i % batchSize }),
      );
      expect(verifyLog(events).ok).toBe(true);
      console.log(
        `crash test: ${events.length / batchSize} whole batches of ${batchSize}, ${interrupted} of ${rounds} kills landed inside an append`,
      );
      // At least one kill landed inside an append, and that append left nothing.
      expect(interrupted).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
