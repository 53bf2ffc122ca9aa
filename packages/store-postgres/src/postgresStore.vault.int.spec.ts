import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { commitPersonalValue, personalLookupKey, verifyLog, type StoredEvent } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { MIGRATIONS } from './schema.js';
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

  it('migration 9 moves the rows per value of <schema>_personal.vault into rows per subject, and the store goes on with them', async () => {
    const schema = testSchemaName('vaultmig');
    schemas.push(schema);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      // The schema as a release with migrations 1–8 leaves it, with vault rows per value.
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.query(
        `CREATE TABLE "${schema}".migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const m of MIGRATIONS.filter((m) => m.version <= 8)) {
        await admin.query(m.sql(schema));
        await admin.query(`INSERT INTO "${schema}".migrations (version, description) VALUES ($1, $2)`, [
          m.version,
          m.description,
        ]);
      }
      const secret = Buffer.alloc(32, 5);
      await admin.query(`INSERT INTO "${schema}_personal".secret (one, secret) VALUES (1, $1)`, [secret]);
      const a = 'a'.repeat(32);
      const b = 'b'.repeat(32);
      const other = '110105194912310037';
      const idSalt = commitPersonalValue(value).salt;
      const nameSalt = commitPersonalValue('张三').salt;
      const row = (subject: string, kind: 'id-number' | 'name', v: string, salt: string, lookup: string | null) => ({
        commitment: commitPersonalValue(v, salt).commitment,
        subject,
        kind,
        value: v,
        salt,
        lookup,
      });
      const old = [
        row(a, 'id-number', value, idSalt, personalLookupKey(secret, 'id-number', value)),
        row(a, 'name', '张三', nameSalt, null),
        row(a, 'name', '张叁', nameSalt, null),
        row(b, 'id-number', other, commitPersonalValue(other).salt, personalLookupKey(secret, 'id-number', other)),
      ];
      for (const r of old)
        await admin.query(
          `INSERT INTO "${schema}_personal".vault (commitment, subject, kind, value, salt, lookup) VALUES ($1, $2, $3, $4, $5, $6)`,
          [r.commitment, r.subject, r.kind, JSON.stringify(r.value), r.salt, r.lookup],
        );
      const byOrder = (rows: typeof old) =>
        [...rows].sort((x, y) =>
          x.subject !== y.subject
            ? x.subject.localeCompare(y.subject)
            : x.kind !== y.kind
              ? x.kind.localeCompare(y.kind)
              : x.commitment.localeCompare(y.commitment),
        );

      const store = postgresStore({ connectionString: PG_URL, schema, personal: true });
      try {
        expect(await store.vault!.rows()).toEqual(byOrder(old));
        expect((await store.vault!.resolve([value])).get(value)).toEqual({
          lookup: personalLookupKey(secret, 'id-number', value),
          subject: a,
          salts: { 'id-number': idSalt, name: nameSalt },
        });
        const added = row(a, 'name', '张山', nameSalt, null);
        await store.append('quota-b', [testEvent()], { expectedVersion: 'no-stream', personal: [old[0]!, added] });
        expect(await store.vault!.rows([a])).toEqual(byOrder([...old.slice(0, 3), added]));
        // Another salt for a subject's kind, or another subject for a lookup key: refused, nothing written.
        await expect(
          store.append('quota-c', [testEvent()], {
            expectedVersion: 'no-stream',
            personal: [row(a, 'name', '张珊', commitPersonalValue('x').salt, null)],
          }),
        ).rejects.toMatchObject({ code: 'CONCURRENCY' });
        await expect(
          store.append('quota-c', [testEvent()], {
            expectedVersion: 'no-stream',
            personal: [row('c'.repeat(32), 'id-number', other, idSalt, personalLookupKey(secret, 'id-number', other))],
          }),
        ).rejects.toMatchObject({ code: 'CONCURRENCY' });
        expect(await store.readStream('quota-c')).toEqual([]);
        const erased = await store.vault!.eraseSubject(a, {
          reason: '保存期限届满',
          actor: { id: 'privacy-officer', role: 'provincial-center' },
        });
        expect(erased.commitments).toEqual([...old.slice(0, 3), added].map((r) => r.commitment).sort());
        expect(await store.vault!.rows()).toEqual(old.slice(3));
        expect(verifyLog(await collect(store.readAll()))).toMatchObject({ ok: true, events: 2 });
      } finally {
        await store.close();
      }
      const tables = (
        await admin.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
          [`${schema}_personal`],
        )
      ).rows.map((r) => r.table_name);
      expect(tables).toEqual(['secret', 'subjects']);
    } finally {
      await admin.end();
    }
  });

  it('a schema dropped without its <schema>_personal migrates again on top of it: the vault written before is still read', async () => {
    const schema = testSchemaName('vaultleft');
    schemas.push(schema);
    const first = postgresStore({ connectionString: PG_URL, schema, personal: true });
    const [lookup] = await first.vault!.lookupKeys([{ kind: 'id-number', value }]);
    const c = commitPersonalValue(value);
    const row = { subject: 'b'.repeat(32), kind: 'id-number' as const, value, ...c, lookup: lookup! };
    await first.append('quota-a', [testEvent()], { expectedVersion: 'no-stream', personal: [row] });
    await first.close();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
    const again = postgresStore({ connectionString: PG_URL, schema, personal: true });
    try {
      await again.append('quota-b', [testEvent()], { expectedVersion: 'no-stream' });
      expect((await again.vault!.rows()).map((r) => [r.subject, r.commitment])).toEqual([
        ['b'.repeat(32), c.commitment],
      ]);
    } finally {
      await again.close();
    }
  });
});
