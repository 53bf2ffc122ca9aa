// The whole auditor path (verify, replay, report, export) run as a PostgreSQL
// role holding only the privileges docs/store-postgres.md lists for auditors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { sealEvents } from '@certflow/core';
import { testRulePack } from '@certflow/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditorRole } from '../../../store-postgres/src/testing/auditorRole.js';
import {
  PG_URL,
  dropSchemas,
  postgresForTests,
  testSchemaName,
} from '../../../store-postgres/src/testing/pgTestEnv.js';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { buildFixtureLog, formatTwoLog, tempDir, writeJsonl } from '../testFixtures.js';
import { postgresStore } from '@certflow/store-postgres';

const { skip } = await postgresForTests();

async function cli(args: string[], cwd: string, options: Parameters<typeof runCli>[2] = {}) {
  const io = bufferIo({ cwd });
  const code = await runCli(args, io, options);
  return { code, out: io.out(), err: io.err() };
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

describe.skipIf(skip)('certflow as a SELECT-only PostgreSQL role', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  it("a format-2 log: the auditor verifies the events without the vault; with the vault's own grant, verify opens every commitment", async () => {
    const dir = tempDir();
    const schema = testSchemaName('cli_vault');
    schemas.push(schema);
    await (await formatTwoLog(postgresStore({ connectionString: PG_URL, schema, personal: true }))).close();
    const auditor = await createAuditorRole(schema);
    try {
      const url = `${auditor.url}?schema=${schema}`;
      const v = await cli(['verify', url], dir);
      expect(v.err).toBe('');
      expect(v.code).toBe(0);
      // Without the vault's grant the masked export still says format 2: its events are as stored
      // and verify; no personal lines (the display forms are unknown to this role), and it says so.
      const masked = await cli(['export', url, '--out', 'masked.jsonl'], dir);
      expect(masked.code, masked.err).toBe(0);
      expect(masked.err).toContain('may not read the personal-data vault');
      const lines = readFileSync(join(dir, 'masked.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines[0].certflowExport).toMatchObject({ format: 2, masked: true });
      expect(lines[0].certflowExport.personal).toBeUndefined();
      expect(lines[0].certflowExport.note).toContain('display forms are unknown');
      expect(lines.filter((l) => 'certflowPersonal' in l)).toEqual([]);
      expect(lines.slice(1).every((l) => typeof l.streamId === 'string')).toBe(true);
      const vm = await cli(['verify', 'masked.jsonl', '--json'], dir);
      expect(vm.code, vm.out + vm.err).toBe(0);
      expect(JSON.parse(vm.out)).toMatchObject({ ok: true, events: lines.length - 1 });
      const rm = await cli(['replay', 'masked.jsonl'], dir, { packs: [testRulePack] });
      expect(rm.code, rm.out + rm.err).toBe(0);
      expect(rm.out).toContain('0 differ');
      // --with-personal-data is refused, never a file without the vault.
      const refused = await cli(['export', url, '--with-personal-data'], dir);
      expect(refused.code).toBe(3);
      expect(refused.out).toBe('');
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      try {
        await admin.query(`GRANT USAGE ON SCHEMA "${schema}_personal" TO "${auditor.role}"`);
        await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}_personal" TO "${auditor.role}"`);
        expect(await cli(['verify', url], dir)).toMatchObject({ code: 0 });
        const full = await cli(['export', url, '--with-personal-data'], dir);
        expect(JSON.parse(full.out.split('\n')[0]!).certflowExport).toMatchObject({ format: 2, personal: 'vault' });
        // A value changed in the vault no longer opens its commitment.
        await admin.query(
          `UPDATE "${schema}_personal".subjects t SET entries = jsonb_set(t.entries, ARRAY[x.k], jsonb_set(t.entries->x.k, '{1}', '"别人"'))
             FROM (SELECT subject AS s, e.key AS k FROM "${schema}_personal".subjects, jsonb_each(entries) e
                    WHERE e.value->>0 = 'name' ORDER BY e.key LIMIT 1) x
            WHERE t.subject = x.s`,
        );
        const forged = await cli(['verify', url], dir);
        expect(forged.code).toBe(1);
        expect(forged.out).toContain('personal-unopened');
      } finally {
        await admin.end();
      }
    } finally {
      await auditor.drop();
    }
  });

  it('verify, replay, report and export all run with only USAGE on the schema and SELECT on its tables', async () => {
    const dir = tempDir();
    const schema = testSchemaName('cli_ro');
    schemas.push(schema);
    const events = await buildFixtureLog();
    writeJsonl(join(dir, 'log.jsonl'), events);
    expect((await cli(['import', 'log.jsonl', `${PG_URL}?schema=${schema}`], dir)).code).toBe(0);
    const auditor = await createAuditorRole(schema);
    try {
      const url = `${auditor.url}?schema=${schema}`;
      const v = await cli(['verify', url, '--json'], dir);
      expect(v.err).toBe('');
      expect(v.code).toBe(0);
      expect(JSON.parse(v.out)).toMatchObject({ ok: true, events: 4, streams: 2 });
      const rep = await cli(['report', url, '--format', 'json'], dir);
      expect(rep.code, rep.err).toBe(0);
      const exp = await cli(['export', url, '--unmasked'], dir);
      expect(exp.code, exp.err).toBe(0);
      expect(exp.out.trim().split('\n')).toHaveLength(5);
      // the transparency commands too: a checkpoint signed by the role, and verify --checkpoint against it (the store's own tree asked read-only)
      expect((await cli(['keygen', 'certflow.test/ro', '--out', 'ro'], dir)).code).toBe(0);
      const cp = await cli(['checkpoint', url, '--key', 'ro.key'], dir);
      expect(cp.code, cp.err).toBe(0);
      writeFileSync(join(dir, 'ro-cp.txt'), cp.out);
      const vc = await cli(['verify', url, '--checkpoint', 'ro-cp.txt', '--vkey', 'ro.vkey', '--json'], dir);
      expect(vc.code, vc.out + vc.err).toBe(0);
      expect(JSON.parse(vc.out).checkpoint).toMatchObject({ ok: true, size: 4, checkpointSize: 4 });
      const rp = await cli(['replay', url, '--json'], dir);
      expect(rp.err).not.toMatch(/permission denied/);
      expect(JSON.parse(rp.out).events).toBe(4);
      // what the role may not do is refused as "could not write", not a raw driver error
      const imp = await cli(['import', 'log.jsonl', url], dir);
      expect(imp.code).toBe(3);
      expect(imp.err).toMatch(/could not write/);
    } finally {
      await auditor.drop();
    }
  });

  it('a schema name with a typo is an error (exit 3) and no schema is created', async () => {
    const dir = tempDir();
    const typo = testSchemaName('typo');
    schemas.push(typo);
    const r = await cli(['verify', `${PG_URL}?schema=${typo}`, '--json'], dir);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: false,
      error: { code: 'CLI_CANNOT_READ', causeCode: 'PG_SCHEMA_NOT_FOUND' },
    });
    expect(await schemaExists(typo)).toBe(false);
  });

  it('a failed import leaves no schema behind, and never touches a schema that holds events', async () => {
    const dir = tempDir();
    // Sealed correctly and each stream verifies, but the positions go back across streams: every store refuses the order.
    const meta = (await buildFixtureLog())[0]!.meta;
    const a = sealEvents('application-x', { version: 0, hash: null }, [5], [{ type: 'A', data: {}, meta }]);
    const b = sealEvents('exam-y', { version: 0, hash: null }, [2], [{ type: 'B', data: {}, meta }]);
    writeJsonl(join(dir, 'bad.jsonl'), [...a, ...b]);
    expect((await cli(['verify', 'bad.jsonl'], dir)).code).toBe(0);
    const fresh = testSchemaName('cli_failed');
    schemas.push(fresh);
    const r = await cli(['import', 'bad.jsonl', `${PG_URL}?schema=${fresh}`], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was imported');
    expect(await schemaExists(fresh)).toBe(false);
    // The same failure into a schema that already holds a log leaves that log as it was.
    const kept = testSchemaName('cli_kept');
    schemas.push(kept);
    writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
    expect((await cli(['import', 'log.jsonl', `${PG_URL}?schema=${kept}`], dir)).code).toBe(0);
    expect((await cli(['import', 'bad.jsonl', `${PG_URL}?schema=${kept}`], dir)).code).toBe(1);
    expect(await schemaExists(kept)).toBe(true);
    const v = await cli(['verify', `${PG_URL}?schema=${kept}`, '--json'], dir);
    expect(JSON.parse(v.out)).toMatchObject({ ok: true, events: 4 });
  });
});
