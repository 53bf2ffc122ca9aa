import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { commitPersonalValue, verifyLog, type StoredEvent } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { createAuditorRole } from './testing/auditorRole.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';

const { skip } = await postgresForTests();
const value = '11010519491231002X';

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

describe.skipIf(skip)('postgresStore personal-data vault and its privileges', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  it('the auditor role (SELECT on every table of the schema) reads and verifies the events, never the vault; a separate grant reads the vault', async () => {
    const schema = testSchemaName('vaultro');
    schemas.push(schema);
    const writer = postgresStore({ connectionString: PG_URL, schema, personal: true });
    const [lookup] = await writer.vault!.lookupKeys([{ kind: 'id-number', value }]);
    const c = commitPersonalValue(value);
    const row = {
      subject: 'a'.repeat(32),
      kind: 'id-number' as const,
      value,
      salt: c.salt,
      commitment: c.commitment,
      lookup: lookup!,
    };
    await writer.append('quota-a', [testEvent()], { expectedVersion: 'no-stream', personal: [row] });
    const log = await collect(writer.readAll());
    await writer.close();

    const auditor = await createAuditorRole(schema);
    try {
      const store = postgresStore({ connectionString: auditor.url, schema, readOnly: true, personal: true });
      try {
        expect(verifyLog(await collect(store.readAll()))).toMatchObject({ ok: true, events: log.length });
        await expect(store.vault!.rows()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      } finally {
        await store.close();
      }
      // The vault's own grant (docs/store-postgres.md, Privileges).
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`GRANT USAGE ON SCHEMA "${schema}_personal" TO "${auditor.role}"`);
      await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}_personal" TO "${auditor.role}"`);
      await admin.end();
      const officer = postgresStore({ connectionString: auditor.url, schema, readOnly: true, personal: true });
      try {
        expect(await officer.vault!.rows()).toEqual([row]);
        expect((await officer.vault!.resolve([value])).get(value)).toMatchObject({ subject: 'a'.repeat(32), lookup });
      } finally {
        await officer.close();
      }
    } finally {
      await auditor.drop();
    }
  });
});
