import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testEvents } from '@certflow/core/testing';
import type { StoredEvent } from '@certflow/core';
import { postgresStore, postgresStoreWithHooks } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const label = (e: StoredEvent) => `${e.streamId}@${e.version}`;

describe.skipIf(skip)('postgresStore: a transaction that commits late is never skipped', () => {
  const schema = testSchemaName('order');
  afterAll(() => dropSchemas([schema]));

  it('holds back a later commit until the earlier-positioned transaction ends, then delivers both in position order', async () => {
    const reachedCommit = deferred();
    const releaseA = deferred();
    let positionA = 0;
    const store = postgresStoreWithHooks(
      { connectionString: PG_URL, schema, pollIntervalMs: 50 },
      {
        async afterReserve(streamId, events) {
          if (streamId !== 'application-A') return;
          positionA = events[0]!.position;
          reachedCommit.resolve();
          await releaseA.promise;
        },
      },
    );
    const raw = new pg.Client({ connectionString: PG_URL });
    await raw.connect();
    try {
      await store.append('exam-0', testEvents(1), { expectedVersion: 'no-stream' });
      const seen: string[] = [];
      const sub = store.subscribe({ name: 'watch', handler: (e) => void seen.push(label(e)) });
      await sub.waitUntilCaughtUp();
      expect(seen).toEqual(['exam-0@1']);

      // Transaction A takes its position and stays open.
      const appendA = store.append('application-A', testEvents(1), { expectedVersion: 'no-stream' });
      await reachedCommit.promise;
      // Transaction B takes a later position and commits.
      const b = await store.append('application-B', testEvents(1), { expectedVersion: 'no-stream' });
      expect(b.events[0]!.position).toBeGreaterThan(positionA);
      const committed = await raw.query(`SELECT stream_id FROM "${schema}".events ORDER BY position`);
      expect(committed.rows.map((r) => r.stream_id)).toEqual(['exam-0', 'application-B']);

      // Readers started now must not see B while A is open.
      let readDone = false;
      const reading = (async () => {
        const out: string[] = [];
        for await (const e of store.readAll({ batchSize: 1 })) out.push(label(e));
        readDone = true;
        return out;
      })();
      await sleep(500); // ten poll intervals
      expect(seen).toEqual(['exam-0@1']);
      expect(readDone).toBe(false);

      releaseA.resolve();
      await appendA;
      await sub.waitUntilCaughtUp();
      expect(seen).toEqual(['exam-0@1', 'application-A@1', 'application-B@1']);
      expect(await reading).toEqual(['exam-0@1', 'application-A@1', 'application-B@1']);
      await sub.stop();
    } finally {
      releaseA.resolve();
      await raw.end();
      await store.close();
    }
  });

  it('a subscription in another store instance is woken by NOTIFY, not only by polling', async () => {
    const writer = postgresStore({ connectionString: PG_URL, schema });
    // A poll interval of a minute: only a notification can wake this one in time.
    const reader = postgresStore({ connectionString: PG_URL, schema, pollIntervalMs: 60_000 });
    try {
      const seen: string[] = [];
      const sub = reader.subscribe({ name: 'notified', handler: (e) => void seen.push(label(e)) });
      await sub.waitUntilCaughtUp();
      const before = seen.length;
      await sleep(300); // let the LISTEN connection settle
      await writer.append('certificate-N', testEvents(2), { expectedVersion: 'no-stream' });
      const deadline = Date.now() + 10_000;
      while (seen.length < before + 2 && Date.now() < deadline) await sleep(20);
      expect(seen.slice(before)).toEqual(['certificate-N@1', 'certificate-N@2']);
      await sub.stop();
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
