// docs/store-postgres.md: the retry pattern that never duplicates a plain
// append. Needs PostgreSQL at DATABASE_URL (the test passes the test server's
// URL); works in its own schema, dropped after.
import pg from 'pg';
import type { NewEvent } from '@certflow/core';
import { postgresStore } from '@certflow/store-postgres';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dropSchema = async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS certflow_docs_retry CASCADE');
  await client.end();
};
await dropSchema();
const store = postgresStore({ connectionString: url, schema: 'certflow_docs_retry' });
const event = (id: string): NewEvent => ({
  type: 'ScoreRecorded',
  data: { id },
  meta: {
    at: '2020-06-01T09:00:00+08:00',
    actor: { id: 'expert-1', role: 'expert' },
    commandId: id,
    correlationId: 'k1',
  },
});

// #region retry
import { ConcurrencyError, StoreUnavailableError, type EventStore } from '@certflow/core';

/**
 * Appends `events` (the first one's data carries a unique `id`) exactly once,
 * through outages: the same events at the same expectedVersion until the store
 * answers. After `unknown` the first try may have committed; then the retry
 * meets a ConcurrencyError and the stream shows whether the events are in it.
 */
async function appendOnce(store: EventStore, streamId: string, events: NewEvent[], expectedVersion: number) {
  const id = (events[0]!.data as { id: string }).id;
  for (let delay = 100; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return (await store.append(streamId, events, { expectedVersion })).nextExpectedVersion;
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        await new Promise((r) => setTimeout(r, delay)); // 'not-written' or 'unknown': the same retry
        continue;
      }
      if (!(e instanceof ConcurrencyError)) throw e;
      const after = await store.readStream(streamId, { fromVersion: expectedVersion + 1 });
      const mine = after.find((x) => (x.data as { id?: string }).id === id);
      if (mine) return mine.version + events.length - 1; // the earlier try committed
      throw e; // another writer got there first: decide again on the new state
    }
  }
}
// #endregion retry

// The second call is the retry after a lost reply: it appends nothing twice.
const first = await appendOnce(store, 'exam-370100-2020-001', [event('s1')], 0);
const again = await appendOnce(store, 'exam-370100-2020-001', [event('s1')], 0);
console.log(first, again); // 1 1
console.log((await store.readStream('exam-370100-2020-001')).length); // 1
await store.close();
await dropSchema();
