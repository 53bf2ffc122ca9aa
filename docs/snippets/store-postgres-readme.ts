// packages/store-postgres/README.md. Needs PostgreSQL at DATABASE_URL; its
// schema is dropped before and after, so the sample can run again.
import pg from 'pg';

const dropSchema = async () => {
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS certflow_readme CASCADE');
  await client.end();
};
await dropSchema();

// #region readme
import { ConcurrencyError } from '@certflow/core';
import { postgresStore } from '@certflow/store-postgres';

const store = postgresStore({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  schema: 'certflow_readme',
});

const meta = {
  at: '2020-06-01T09:00:00+08:00',
  actor: { id: 'center-370100', role: 'city-center' as const },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
};

const { nextExpectedVersion } = await store.append(
  'application-370100-2020-001',
  [{ type: 'ApplicationDrafted', data: { organization: '济南市某职业培训学校' }, meta }],
  { expectedVersion: 'no-stream' },
);

try {
  await store.append('application-370100-2020-001', [{ type: 'ApplicationDrafted', data: {}, meta }], {
    expectedVersion: 'no-stream',
  });
} catch (e) {
  if (e instanceof ConcurrencyError) console.log(`already at version ${e.actual}`); // already at version 1
}

const seen: string[] = [];
const catalog = store.subscribe({ name: 'catalog', handler: (e) => void seen.push(`${e.streamId}@${e.version}`) });
await catalog.waitUntilCaughtUp();
await catalog.stop();

for await (const event of store.readAll()) console.log(event.position, event.type, event.hash); // 1 ApplicationDrafted …
console.log(nextExpectedVersion, seen); // 1 [ 'application-370100-2020-001@1' ]
await store.close();
// #endregion readme

await dropSchema();
