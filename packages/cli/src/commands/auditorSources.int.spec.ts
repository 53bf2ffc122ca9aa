import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { computeEventHash, sealEvents, type StoredEvent } from '@certflow/core';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { buildFixtureLog, tempDir, writeJsonl } from '../testFixtures.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');

async function cli(args: string[], cwd: string) {
  const io = bufferIo({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A SQLite store holding the fixture log, made by certflow import. */
async function sqliteFixture(): Promise<{ dir: string; file: string; events: StoredEvent[] }> {
  const dir = tempDir();
  const events = await buildFixtureLog();
  writeJsonl(join(dir, 'log.jsonl'), events);
  expect((await cli(['import', 'log.jsonl', 'log.db'], dir)).code).toBe(0);
  return { dir, file: join(dir, 'log.db'), events };
}

const rehash = (events: StoredEvent[], streamId: string) => {
  let prev: string | null = null;
  for (const e of events.filter((x) => x.streamId === streamId)) {
    e.prevHash = prev;
    e.hash = computeEventHash(e);
    prev = e.hash;
  }
};

describe('auditor sources are read-only', () => {
  it('verify, replay, report and export leave a SQLite file byte for byte as it was, with no -wal/-shm', async () => {
    const { dir, file } = await sqliteFixture();
    const before = readFileSync(file);
    const files = readdirSync(dir).sort();
    for (const argv of [
      ['verify', 'log.db'],
      ['report', 'log.db', '--format', 'json'],
      ['export', 'log.db', '--unmasked'],
      ['replay', 'log.db', '--json'],
    ]) {
      const r = await cli(argv, dir);
      expect([0, 1], `${argv.join(' ')}: ${r.err}`).toContain(r.code);
      expect(readFileSync(file).equals(before), argv.join(' ')).toBe(true);
      expect(readdirSync(dir).sort(), argv.join(' ')).toEqual(files);
    }
  });

  it('a 0-byte file, a foreign SQLite file or an empty JSONL is an error (exit 3), not "0 events verify", and is not written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'zero.db'), '');
    const foreign = new Database(join(dir, 'other.db'));
    foreign.exec('CREATE TABLE notes (a)');
    foreign.close();
    writeFileSync(join(dir, 'empty.jsonl'), '');
    for (const source of ['zero.db', 'other.db', 'empty.jsonl']) {
      for (const verb of ['verify', 'replay', 'report', 'export']) {
        const r = await cli([verb, source], dir);
        expect(r.code, `${verb} ${source}: ${r.out}${r.err}`).toBe(3);
        expect(r.out).not.toContain('verify\n');
        expect(r.err).toContain(source);
      }
    }
    expect(readFileSync(join(dir, 'zero.db')).length).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['empty.jsonl', 'other.db', 'zero.db']);
    const json = JSON.parse((await cli(['verify', 'zero.db', '--json'], dir)).out);
    expect(json).toMatchObject({
      ok: false,
      exitCode: 3,
      error: { code: 'CLI_CANNOT_READ', causeCode: 'STORE_NO_EVENT_STORE' },
    });
    const empty = JSON.parse((await cli(['verify', 'empty.jsonl', '--json'], dir)).out);
    expect(empty).toMatchObject({ ok: false, exitCode: 3, error: { code: 'CLI_EMPTY_SOURCE' } });
  });

  it('verifies a copy in a folder it may not write to', { timeout: 60_000 }, async () => {
    const { dir } = await sqliteFixture();
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    writeFileSync(join(ro, 'copy.db'), readFileSync(join(dir, 'log.db')));
    chmodSync(ro, 0o555);
    try {
      // root writes anywhere: where we are root, certflow runs without any capability (setpriv)
      const argv = [
        process.execPath,
        '--import',
        'tsx',
        join(repoRoot, 'packages/cli/src/bin.ts'),
        'verify',
        join(ro, 'copy.db'),
      ];
      const [cmd, ...args] =
        process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-all', '--inh-caps=-all', ...argv] : argv;
      const r = spawnSync(cmd!, args, { cwd: repoRoot, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('4 events in 2 streams verify');
      expect(readdirSync(ro)).toEqual(['copy.db']);
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  it('a failed import leaves no SQLite file behind', async () => {
    const dir = tempDir();
    // Sealed correctly and each stream verifies, but the positions go back across streams: every store refuses the order.
    const a = sealEvents(
      'application-x',
      { version: 0, hash: null },
      [5],
      [{ type: 'A', data: {}, meta: (await buildFixtureLog())[0]!.meta }],
    );
    const b = sealEvents('exam-y', { version: 0, hash: null }, [2], [{ type: 'B', data: {}, meta: a[0]!.meta }]);
    writeJsonl(join(dir, 'log.jsonl'), [...a, ...b]);
    expect((await cli(['verify', 'log.jsonl'], dir)).code).toBe(0);
    const r = await cli(['import', 'log.jsonl', 'new.db'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was imported');
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['log.jsonl']);
  });
});

describe('verify and import agree on one valid log', () => {
  it('positions that go backwards within a stream fail verify (exit 1) as they fail import, even with every hash recomputed', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    const [e1, e2] = [events[0]!, events[1]!];
    [e1.position, e2.position] = [e2.position, e1.position];
    rehash(events, e1.streamId);
    writeJsonl(
      join(dir, 'log.jsonl'),
      [e2, e1, ...events.slice(2)].sort((x, y) => (x.streamId === y.streamId ? x.version - y.version : 0)),
    );
    const v = await cli(['verify', 'log.jsonl', '--json'], dir);
    expect(v.code).toBe(1);
    expect(JSON.parse(v.out).problems).toEqual([
      expect.objectContaining({ streamId: e1.streamId, version: 2, kind: 'position-order' }),
    ]);
    const i = await cli(['import', 'log.jsonl', 'copy.db'], dir);
    expect(i.code).toBe(1);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
  });
});

describe('verify --json heads and --heads', () => {
  it('lists every stream head and the packs the events name', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    writeJsonl(join(dir, 'log.jsonl'), events);
    const json = JSON.parse((await cli(['verify', 'log.jsonl', '--json'], dir)).out);
    expect(json.heads).toEqual([
      { streamId: 'application-jinan-001', version: 2, hash: events[1]!.hash },
      { streamId: 'exam-2020-001', version: 2, hash: events[3]!.hash },
    ]);
    expect(json.packs).toEqual([{ id: 'shandong', version: '1.0.0', hashes: ['abc'] }]);
  });

  it('names every stream shortened, removed or rewritten since the heads were kept (exit 1), each a check no hash chain makes', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    writeJsonl(join(dir, 'log.jsonl'), events);
    const kept = (await cli(['verify', 'log.jsonl', '--json'], dir)).out;
    writeFileSync(join(dir, 'verify.json'), kept);
    writeFileSync(join(dir, 'heads.json'), JSON.stringify(JSON.parse(kept).heads));
    expect((await cli(['verify', 'log.jsonl', '--heads', 'heads.json'], dir)).code).toBe(0);
    expect((await cli(['verify', 'log.jsonl', '--heads', 'verify.json'], dir)).code).toBe(0);

    // shortened: the last event of the application dropped; removed: the exam stream gone. Both chains still verify.
    writeJsonl(join(dir, 'cut.jsonl'), [events[0]]);
    const cut = await cli(['verify', 'cut.jsonl', '--heads', 'heads.json', '--json'], dir);
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.out).problems).toEqual([
      expect.objectContaining({ streamId: 'application-jinan-001', version: 2, kind: 'stream-shortened' }),
      expect.objectContaining({ streamId: 'exam-2020-001', version: 2, kind: 'stream-removed' }),
    ]);
    expect((await cli(['verify', 'cut.jsonl'], dir)).code).toBe(0);

    // rewritten: the exam's data changed and the whole stream re-hashed; its chain verifies, its head does not match.
    const forged = JSON.parse(JSON.stringify(events)) as StoredEvent[];
    (forged[3]!.data as Record<string, unknown>).due = '2020-07-10';
    rehash(forged, 'exam-2020-001');
    writeJsonl(join(dir, 'forged.jsonl'), forged);
    expect((await cli(['verify', 'forged.jsonl'], dir)).code).toBe(0);
    const r = await cli(['verify', 'forged.jsonl', '--heads', 'heads.json'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✖ exam-2020-001 version 2: stream-rewritten');
    expect(r.out).not.toContain('application-jinan-001 version');
  });

  it('a heads file that is not one is a usage error (exit 2)', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
    writeFileSync(join(dir, 'bad.json'), '{"heads": [{"streamId": 1}]}');
    const r = await cli(['verify', 'log.jsonl', '--heads', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json is not a heads file');
  });
});

describe('reports list stream heads and packs', () => {
  it('md, html and json reports carry every stream head and the pack hashes, and a json report serves as a --heads file', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    writeJsonl(join(dir, 'log.jsonl'), events);
    const json = JSON.parse((await cli(['report', 'log.jsonl', '--format', 'json'], dir)).out);
    expect(json.heads).toEqual([
      { streamId: 'application-jinan-001', version: 2, hash: events[1]!.hash },
      { streamId: 'exam-2020-001', version: 2, hash: events[3]!.hash },
    ]);
    expect(json.packs).toEqual([{ id: 'shandong', version: '1.0.0', hashes: ['abc'] }]);
    const md = (await cli(['report', 'log.jsonl'], dir)).out;
    expect(md).toContain('## Appendix B. Stream heads');
    expect(md).toContain(`| exam-2020-001 | 2 | \`${events[3]!.hash}\` |`);
    const html = (await cli(['report', 'log.jsonl', '--format', 'html'], dir)).out;
    expect(html).toContain(`<code class="hash">${events[1]!.hash}</code>`);
    writeFileSync(join(dir, 'report.json'), JSON.stringify(json));
    writeJsonl(join(dir, 'cut.jsonl'), events.slice(0, 3));
    const r = await cli(['verify', 'cut.jsonl', '--heads', 'report.json'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✖ exam-2020-001 version 2: stream-shortened');
  });
});
