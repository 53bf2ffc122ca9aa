import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog, type StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { ForeignDatabaseError, NoEventStoreError, NotADatabaseError, StoreReadOnlyError } from './errors.js';
import { headerJournal } from './schema.js';
import { sqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-ro-'));
afterAll(() => {
  chmodSync(dir, 0o755);
  for (const d of readdirSync(dir)) chmodSync(join(dir, d), 0o755);
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const folder = () => {
  const d = join(dir, `case-${++n}`);
  mkdirSync(d);
  return d;
};
const repoRoot = resolve(import.meta.dirname, '../../..');
const reader = resolve(import.meta.dirname, 'fixtures/readOnlyReader.ts');

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

async function writtenLog(file: string): Promise<StoredEvent[]> {
  const store = sqliteStore({ file });
  await store.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
  await store.append('exam-b', testEvents(2), { expectedVersion: 'no-stream' });
  const log = await collect(store.readAll());
  await store.close();
  return log;
}

const listing = (d: string) => readdirSync(d).sort();

describe('sqliteStore({ readOnly: true })', () => {
  it('reads a log without changing a byte or leaving -wal/-shm files', async () => {
    const d = folder();
    const file = join(d, 'log.db');
    const log = await writtenLog(file);
    const before = { files: listing(d), bytes: readFileSync(file) };
    expect(before.files).toEqual(['log.db']);
    const store = sqliteStore({ file, readOnly: true });
    expect(await collect(store.readAll())).toEqual(log);
    expect(await store.readStream('exam-b')).toEqual(log.filter((e) => e.streamId === 'exam-b'));
    expect(await store.streamVersion('application-a')).toBe(3);
    await store.close();
    expect(listing(d)).toEqual(before.files);
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
  });

  it('refuses append, import and subscribe with StoreReadOnlyError and writes nothing', async () => {
    const d = folder();
    const file = join(d, 'log.db');
    const log = await writtenLog(file);
    const bytes = readFileSync(file);
    const store = sqliteStore({ file, readOnly: true });
    await expect(store.append('application-a', testEvents(1), { expectedVersion: 3 })).rejects.toBeInstanceOf(
      StoreReadOnlyError,
    );
    await expect(store.importEvents(log)).rejects.toBeInstanceOf(StoreReadOnlyError);
    expect(() => store.subscribe({ name: 'x', handler: () => {} })).toThrow(StoreReadOnlyError);
    await store.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(listing(d)).toEqual(['log.db']);
  });

  it('a missing, 0-byte, foreign or non-SQLite file is an error, and stays as it was', () => {
    const d = folder();
    expect(() => sqliteStore({ file: join(d, 'missing.db'), readOnly: true })).toThrow(NoEventStoreError);
    writeFileSync(join(d, 'zero.db'), '');
    const zero = (() => {
      try {
        sqliteStore({ file: join(d, 'zero.db'), readOnly: true });
      } catch (e) {
        return e;
      }
    })();
    expect(zero).toBeInstanceOf(NoEventStoreError);
    expect((zero as NoEventStoreError).found).toBe('empty file');
    const foreign = new Database(join(d, 'foreign.db'));
    foreign.exec('CREATE TABLE t (a)');
    foreign.close();
    expect(() => sqliteStore({ file: join(d, 'foreign.db'), readOnly: true })).toThrow(ForeignDatabaseError);
    const empty = new Database(join(d, 'emptydb.db'));
    empty.pragma('user_version = 1');
    empty.close();
    expect(() => sqliteStore({ file: join(d, 'emptydb.db'), readOnly: true })).toThrow(NoEventStoreError);
    writeFileSync(join(d, 'text.db'), 'not a database, only some text that is long enough to have a header'.repeat(4));
    expect(() => sqliteStore({ file: join(d, 'text.db'), readOnly: true })).toThrow(NotADatabaseError);
    expect(listing(d)).toEqual(['emptydb.db', 'foreign.db', 'text.db', 'zero.db']);
    expect(readFileSync(join(d, 'zero.db')).length).toBe(0);
  });

  it('sees events a live writer has committed to its write-ahead log', async () => {
    const d = folder();
    const file = join(d, 'live.db');
    const writer = sqliteStore({ file });
    await writer.append('application-w', testEvents(2), { expectedVersion: 'no-stream' });
    try {
      expect(readdirSync(d)).toContain('live.db-wal');
      const store = sqliteStore({ file, readOnly: true });
      const read = await collect(store.readAll());
      await store.close();
      expect(read).toHaveLength(2);
      expect(verifyLog(read).ok).toBe(true);
    } finally {
      await writer.close();
    }
  });

  it('reads a file in a folder the reader may not write to', { timeout: 60_000 }, async () => {
    const d = folder();
    const file = join(d, 'log.db');
    await writtenLog(file);
    chmodSync(d, 0o555);
    // root writes anywhere: where we are root, the reader runs without any capability
    // (setpriv), so the folder's permissions hold for it as for anyone
    const argv = [process.execPath, '--import', 'tsx', reader, file];
    const [cmd, ...args] =
      process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-all', '--inh-caps=-all', ...argv] : argv;
    const r = spawnSync(cmd!, args, { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ events: 5, ok: true });
    expect(listing(d)).toEqual(['log.db']);
  });

  it('a closed store leaves its file in rollback mode, which a reader opens in place and reads as it changes', async () => {
    const d = folder();
    const file = join(d, 'log.db');
    await writtenLog(file);
    expect(headerJournal(file)).toBe('rollback');
    const store = sqliteStore({ file, readOnly: true });
    expect(await collect(store.readAll())).toHaveLength(5);
    // read in place, not from a copy taken at open: events appended since are seen
    const writer = sqliteStore({ file });
    await writer.append('exam-c', testEvents(2), { expectedVersion: 'no-stream' });
    await writer.close();
    const read = await collect(store.readAll());
    await store.close();
    expect(read).toHaveLength(7);
    expect(verifyLog(read).ok).toBe(true);
    expect(listing(d)).toEqual(['log.db']);
  });

  it('reads a file still marked for a write-ahead log without one (closed while another connection had it open), changing nothing', async () => {
    const d = folder();
    const file = join(d, 'log.db');
    const log = await writtenLog(file);
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.close();
    expect(headerJournal(file)).toBe('wal');
    expect(listing(d)).toEqual(['log.db']);
    const bytes = readFileSync(file);
    const store = sqliteStore({ file, readOnly: true });
    expect(await collect(store.readAll())).toEqual(log);
    await store.close();
    expect(listing(d)).toEqual(['log.db']);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a readOnly option that is not a boolean', () => {
    expect(() => sqliteStore({ file: join(folder(), 'x.db'), readOnly: 'yes' as never })).toThrow(
      /readOnly|true or false/,
    );
  });
});
