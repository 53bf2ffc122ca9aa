// docs/store-postgres.md: open, append, close. Needs PostgreSQL at DATABASE_URL
// (the test passes the test server's URL); works in its own schema, dropped after.
import pg from 'pg';
import type { NewEvent } from '@certflow/core';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dropSchema = async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS certflow_docs CASCADE');
  await client.end();
};
await dropSchema();
const events: NewEvent[] = [
  {
    type: 'ApplicationSubmitted',
    data: { organization: '济南市某职业培训学校' },
    meta: {
      at: '2020-06-01T09:00:00+08:00',
      actor: { id: 'org-1', role: 'applicant' },
      commandId: 'c1',
      correlationId: 'k1',
    },
  },
];

// #region open
import { postgresStore } from '@certflow/store-postgres';

const store = postgresStore({ connectionString: process.env.DATABASE_URL!, schema: 'certflow_docs' });
await store.append('application-370100-2020-001', events, { expectedVersion: 'no-stream' });
console.log((await store.readStream('application-370100-2020-001')).length); // 1
await store.close();
// #endregion open

await dropSchema();
