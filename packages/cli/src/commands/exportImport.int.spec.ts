import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { buildFixtureLog, ID_1, ID_2, mask, tempDir, writeJsonl } from '../testFixtures.js';

async function cli(args: string[], cwd: string) {
  const io = bufferIo({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function fixtureDir() {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
  return dir;
}

describe('certflow export', () => {
  it('masks every ID number by default, with a header and a note on stderr', async () => {
    const dir = await fixtureDir();
    const r = await cli(['export', 'log.jsonl'], dir);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(ID_1);
    expect(r.out).not.toContain(ID_2);
    expect(r.out).toContain(mask(ID_1));
    expect(r.out).toContain(mask(ID_2));
    const [header, ...events] = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(header.certflowExport).toMatchObject({ format: 1, masked: true });
    expect(events).toHaveLength(4);
    expect(r.err).toContain('ID numbers masked: this file cannot be verified or imported');
  });

  it('a masked export is refused by verify and import with the reason, and still reads in report', async () => {
    const dir = await fixtureDir();
    writeJsonl(join(dir, 'masked.jsonl'), (await cli(['export', 'log.jsonl'], dir)).out.trim().split('\n'));
    const v = await cli(['verify', 'masked.jsonl'], dir);
    expect(v.code).toBe(1);
    expect(v.err).toContain('masked.jsonl is a masked export');
    expect(v.err).toContain('--unmasked');
    const i = await cli(['import', 'masked.jsonl', 'copy.db'], dir);
    expect(i.code).toBe(1);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    const rep = await cli(['report', 'masked.jsonl', '--format', 'json'], dir);
    expect(rep.code).toBe(0);
    expect(JSON.parse(rep.out).organizations[0].filings[0].stream.integrity.status).toBe('not-checked');
  });

  it('--unmasked writes the events verbatim: the archive verifies and round-trips through SQLite', async () => {
    const dir = await fixtureDir();
    const original = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n');
    const exp = await cli(['export', 'log.jsonl', '--unmasked'], dir);
    expect(exp.code).toBe(0);
    expect(exp.err).toContain('contains personal ID numbers');
    const lines = exp.out.trim().split('\n');
    expect(JSON.parse(lines[0]!).certflowExport.masked).toBe(false);
    expect(lines.slice(1)).toEqual(original);
    writeJsonl(join(dir, 'archive.jsonl'), lines);
    expect((await cli(['verify', 'archive.jsonl'], dir)).code).toBe(0);

    const imp = await cli(['import', 'archive.jsonl', 'copy.db'], dir);
    expect(imp).toMatchObject({ code: 0 });
    expect(imp.out).toContain('imported 4 events in 2 streams into copy.db');
    const v = await cli(['verify', 'copy.db', '--json'], dir);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.out)).toMatchObject({ ok: true, events: 4, streams: 2 });
    const back = await cli(['export', 'copy.db', '--unmasked'], dir);
    expect(back.out.trim().split('\n').slice(1)).toEqual(original);
  });

  it('import refuses a tampered log, all or nothing, and a second import of the same log', async () => {
    const dir = await fixtureDir();
    const events = await buildFixtureLog();
    (events[3]!.data as Record<string, unknown>).due = '2020-07-10';
    writeJsonl(join(dir, 'tampered.jsonl'), events);
    const bad = await cli(['import', 'tampered.jsonl', 'copy.db'], dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('exam-2020-001 version 2 (position 4): hash-mismatch');
    expect(bad.err).toContain('nothing was imported');
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);

    expect((await cli(['import', 'log.jsonl', 'copy.db'], dir)).code).toBe(0);
    const again = await cli(['import', 'log.jsonl', 'copy.db', '--json'], dir);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out)).toMatchObject({ ok: false, imported: 0 });
    expect((await cli(['verify', 'copy.db', '--json'], dir)).out).toContain('"events": 4');
  });

  it('import takes only JSONL and needs a target', async () => {
    const dir = await fixtureDir();
    expect((await cli(['import', 'log.jsonl'], dir)).err).toContain('missing <target>');
    expect((await cli(['import', 'log.jsonl'], dir)).code).toBe(2);
    const r = await cli(['import', 'some.db', 'copy.db'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('some.db is not a JSONL file');
  });
});

// PostgreSQL: the same round trip through a fresh schema of the test server.
const PG_URL = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (e) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL is required under CI but ${PG_URL} is unreachable: ${(e as Error).message}`);
    console.warn(
      `\n${'!'.repeat(78)}\n!! PostgreSQL at ${PG_URL} is unreachable: the @certflow/cli PostgreSQL tests are SKIPPED.\n${'!'.repeat(78)}\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const pgUp = await pgReachable();
const schema = `cli_test_${randomBytes(4).toString('hex')}`;

describe.skipIf(!pgUp)('certflow with a postgres:// source', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_personal" CASCADE`);
    await client.end();
  });

  it('imports into PostgreSQL, verifies and exports the same events back', async () => {
    const dir = await fixtureDir();
    const url = `${PG_URL}?schema=${schema}`;
    expect((await cli(['import', 'log.jsonl', url], dir)).code).toBe(0);
    const v = await cli(['verify', url, '--json'], dir);
    expect(JSON.parse(v.out)).toMatchObject({ ok: true, events: 4, streams: 2 });
    const back = await cli(['export', url, '--unmasked'], dir);
    expect(back.out.trim().split('\n').slice(1)).toEqual(
      readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n'),
    );
  });

  it('an import into the schema that now holds the log is refused in its transaction, and the schema keeps what it held', async () => {
    const dir = await fixtureDir();
    const url = `${PG_URL}?schema=${schema}`;
    const again = await cli(['import', 'log.jsonl', url, '--json'], dir);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out)).toMatchObject({ ok: false, imported: 0 });
    expect(JSON.parse((await cli(['verify', url, '--json'], dir)).out)).toMatchObject({
      ok: true,
      events: 4,
      streams: 2,
    });
  });
});
