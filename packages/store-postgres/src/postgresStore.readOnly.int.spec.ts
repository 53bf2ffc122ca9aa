import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog, type StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { ReadOnlyStoreError, SchemaNotFoundError } from './readOnly.js';
import { createAuditorRole } from './testing/auditorRole.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

async function schemaExists(schema: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
  } finally {
    await c.end();
  }
}

describe.skipIf(skip)('postgresStore({ readOnly: true })', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  it('reads a log as a role with only USAGE on the schema and SELECT on its tables, and refuses writes', async () => {
    const schema = testSchemaName('ro');
    schemas.push(schema);
    const writer = postgresStore({ connectionString: PG_URL, schema });
    await writer.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
    await writer.append('exam-b', testEvents(2), { expectedVersion: 'no-stream' });
    const log = await collect(writer.readAll());
    await writer.close();
    const auditor = await createAuditorRole(schema);
    try {
      const store = postgresStore({ connectionString: auditor.url, schema, readOnly: true });
      try {
        const read = await collect(store.readAll());
        expect(read).toEqual(log);
        expect(verifyLog(read).ok).toBe(true);
        expect(await store.readStream('exam-b')).toHaveLength(2);
        expect(await store.streamVersion('application-a')).toBe(3);
        await expect(store.append('application-a', testEvents(1), { expectedVersion: 3 })).rejects.toBeInstanceOf(
          ReadOnlyStoreError,
        );
        await expect(store.importEvents(log)).rejects.toBeInstanceOf(ReadOnlyStoreError);
        expect(() => store.subscribe({ name: 's', handler: () => {} })).toThrow(ReadOnlyStoreError);
      } finally {
        await store.close();
      }
    } finally {
      await auditor.drop();
    }
  });

  it('a schema that does not exist is SchemaNotFoundError, and is not created', async () => {
    const schema = testSchemaName('missing');
    schemas.push(schema);
    const store = postgresStore({ connectionString: PG_URL, schema, readOnly: true });
    try {
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(SchemaNotFoundError);
      await expect(store.streamVersion('application-a')).rejects.toBeInstanceOf(SchemaNotFoundError);
    } finally {
      await store.close();
    }
    expect(await schemaExists(schema)).toBe(false);
  });
});
