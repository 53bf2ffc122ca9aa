import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { IdempotencyConflictError, StoreUnavailableError, verifyLog, type StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';
import { ForeignDatabaseError, NotADatabaseError, StoreBusyError, UnsupportedSchemaError } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `faults-${++n}.db`);
const repoRoot = resolve(import.meta.dirname, '../../..');
const fixture = resolve(import.meta.dirname, 'fixtures/appender.ts');

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

function runAppender(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('sqliteStore faults', () => {
  it('a file reopened after close has every event, and appends continue the chains', async () => {
    const file = fresh();
    const first = sqliteStore({ file });
    for (let i = 0; i < 20; i++) await first.append(`exam-${i % 3}`, testEvents(5), { expectedVersion: 'any' });
    const before = await collect(first.readAll());
    await first.close();

    const second = sqliteStore({ file });
    const after = await collect(second.readAll());
    expect(after).toEqual(before);
    expect(after).toHaveLength(100);
    expect(verifyLog(after).ok).toBe(true);
    const next = await second.append('exam-0', testEvents(1), {
      expectedVersion: await second.streamVersion('exam-0'),
    });
    expect(next.events[0]!.position).toBe(101);
    expect(verifyLog(await second.readStream('exam-0')).ok).toBe(true);
    await second.close();
  });

  it('a file of random bytes is a NotADatabaseError, and the file is left untouched', () => {
    const file = fresh();
    const bytes = randomBytes(8192);
    writeFileSync(file, bytes);
    const err = (() => {
      try {
        sqliteStore({ file });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(NotADatabaseError);
    expect(err).toMatchObject({ code: 'STORE_NOT_A_DATABASE', file });
    expect((err as Error).message).toContain('not a readable SQLite database');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a short text file is a NotADatabaseError too', () => {
    const file = fresh();
    writeFileSync(file, 'streamId,version\napplication-1,1\n'.repeat(40));
    expect(() => sqliteStore({ file })).toThrow(NotADatabaseError);
  });

  it('a foreign SQLite database is refused by name, its tables listed, and left unchanged', () => {
    const file = fresh();
    const raw = new Database(file);
    raw.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT); INSERT INTO orders (item) VALUES ('tea')");
    const mode = raw.pragma('journal_mode', { simple: true });
    raw.close();
    let err: unknown;
    try {
      sqliteStore({ file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ForeignDatabaseError);
    expect(err).toMatchObject({ code: 'STORE_FOREIGN_DATABASE', tables: ['orders'] });
    expect((err as ForeignDatabaseError).format('zh-CN')).toContain('不是 certflow 创建的');
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['orders']);
    expect(check.pragma('journal_mode', { simple: true })).toBe(mode);
    check.close();
  });

  it('a certflow_meta table of another shape or another owner is a foreign database', () => {
    const shapes = [
      'CREATE TABLE certflow_meta (id INTEGER)',
      "CREATE TABLE certflow_meta (key TEXT, value TEXT); INSERT INTO certflow_meta VALUES ('store', 'someone-else')",
    ];
    for (const ddl of shapes) {
      const file = fresh();
      const raw = new Database(file);
      raw.exec(ddl);
      raw.close();
      expect(() => sqliteStore({ file })).toThrow(ForeignDatabaseError);
    }
  });

  it('a newer schema version is refused with UnsupportedSchemaError and its events are left as they were', async () => {
    const file = fresh();
    const store = sqliteStore({ file });
    await store.append('application-1', testEvents(2), { expectedVersion: 'no-stream' });
    await store.close();
    const raw = new Database(file);
    raw.prepare("UPDATE certflow_meta SET value = '2' WHERE key = 'schema_version'").run();
    raw.close();
    let err: unknown;
    try {
      sqliteStore({ file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedSchemaError);
    expect(err).toMatchObject({ code: 'STORE_SCHEMA_UNSUPPORTED', found: '2', supported: 1 });
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) FROM certflow_events').pluck().get()).toBe(2);
    check.close();
  });

  it('a child killed with SIGKILL while appending leaves only whole batches', { timeout: 60_000 }, async () => {
    const file = fresh();
    const batch = 250;
    const run = runAppender([file, 'batches', String(batch), '4']);
    // Let it commit a number of batches, then kill it wherever it is.
    await new Promise<void>((res, rej) => {
      const timer = setInterval(() => {
        const acks = run
          .out()
          .split('\n')
          .filter((l) => l.startsWith('ack ')).length;
        if (acks >= 12) {
          clearInterval(timer);
          res();
        }
        if (run.child.exitCode !== null) {
          clearInterval(timer);
          rej(new Error(`appender exited early: ${run.err()}`));
        }
      }, 5);
    });
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    expect(existsSync(file)).toBe(true);

    const acked = new Map<string, number>();
    for (const line of run.out().split('\n')) {
      const m = /^ack (\S+) (\d+)$/.exec(line);
      if (m) acked.set(m[1]!, Number(m[2]));
    }
    const store = sqliteStore({ file });
    const all = await collect(store.readAll());
    expect(verifyLog(all).ok).toBe(true);
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of all) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    for (const [streamId, events] of byStream) {
      expect(events.length % batch).toBe(0);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      // Every acknowledged append is there (the kill may have come after a commit but before its ack line).
      expect(events.length).toBeGreaterThanOrEqual(acked.get(streamId) ?? 0);
      expect(events.length).toBeLessThanOrEqual((acked.get(streamId) ?? 0) + batch);
    }
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    await store.close();
  });

  it('two processes appending to one stream of one file lose nothing and never share a version', {
    timeout: 60_000,
  }, async () => {
    const file = fresh();
    await sqliteStore({ file }).close(); // create the schema before both start
    const per = 150;
    const runs = [runAppender([file, 'contend', String(per), 'a']), runAppender([file, 'contend', String(per), 'b'])];
    const exits = await Promise.all(runs.map((r) => r.exited));
    runs.forEach((r, i) => void expect({ i, exit: exits[i]!.code, err: r.err() }).toEqual({ i, exit: 0, err: '' }));
    const store = sqliteStore({ file });
    const events = await store.readStream('quota-shared');
    expect(events).toHaveLength(2 * per);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => (e.data as { tag: string }).tag === 'a')).toHaveLength(per);
    expect(verifyLog(events).ok).toBe(true);
    await store.close();
  });

  it('a unique-key conflict from SQLite itself is recognised as a stream/version conflict', async () => {
    const { isStreamVersionConflict } = await import('./sqliteStore.js');
    const file = fresh();
    const store = sqliteStore({ file });
    const r = await store.append('application-dup', testEvents(1), { expectedVersion: 'no-stream' });
    await store.close();
    const raw = new Database(file);
    const e = r.events[0]!;
    let err: unknown;
    try {
      raw
        .prepare(
          'INSERT INTO certflow_events (position, stream_id, version, type, data, meta, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(99, e.streamId, 1, e.type, '{}', '{}', null, e.hash);
    } catch (x) {
      err = x;
    }
    raw.close();
    expect(isStreamVersionConflict(err)).toBe(true);
    expect(isStreamVersionConflict(new Error('other'))).toBe(false);
  });

  it('a write lock held by another connection past busyTimeoutMs is StoreBusyError: a StoreUnavailableError, not-written, and the retry appends once', async () => {
    const file = fresh();
    const store = sqliteStore({ file, busyTimeoutMs: 100 });
    await store.append('exam-busy', testEvents(1), { expectedVersion: 'no-stream' });
    // A second connection takes the write lock and keeps it.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    let err: unknown;
    try {
      await store.append('exam-busy', testEvents(2), { expectedVersion: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreBusyError);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const busy = err as StoreBusyError;
    expect({
      code: busy.code,
      outcome: busy.outcome,
      operation: busy.operation,
      file: busy.file,
      busyTimeoutMs: busy.busyTimeoutMs,
      driverCode: busy.driverCode,
    }).toEqual({
      code: 'STORE_BUSY',
      outcome: 'not-written',
      operation: 'append',
      file,
      busyTimeoutMs: 100,
      driverCode: 'SQLITE_BUSY',
    });
    expect(busy.format('zh-CN')).toContain('未写入任何内容');
    // Nothing was written: the stream is where it was, and the retry at the same expectedVersion appends once.
    expect(await store.streamVersion('exam-busy')).toBe(1);
    other.prepare('ROLLBACK').run();
    other.close();
    await store.append('exam-busy', testEvents(2), { expectedVersion: 1 });
    const events = await store.readStream('exam-busy');
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(verifyLog(events).ok).toBe(true);
    await store.close();
  });

  it('a file written before the commandId index reads and verifies as before, read-only too; opened for writing it gets the index and refuses a reused id', async () => {
    const file = fresh();
    const first = sqliteStore({ file });
    const claimed = (commandId: string, fingerprint: string) =>
      testEvents(1).map((e) => ({ ...e, meta: { ...e.meta, commandId, commandFingerprint: fingerprint } }));
    await first.append('application-old', claimed('old-cmd', 'a'.repeat(64)), { expectedVersion: 'no-stream' });
    await first.append('exam-old', testEvents(3), { expectedVersion: 'no-stream' });
    const before = await collect(first.readAll());
    await first.close();
    // What an earlier release left: the same tables, no index.
    const raw = new Database(file);
    raw.exec('DROP INDEX certflow_events_command_id');
    raw.close();
    const reader = sqliteStore({ file, readOnly: true });
    expect(await collect(reader.readAll())).toEqual(before);
    expect(verifyLog(before).ok).toBe(true);
    expect(await reader.findCommand!('old-cmd')).toMatchObject({
      fingerprint: 'a'.repeat(64),
      streamId: 'application-old',
    });
    await reader.close();
    const indexes = () => {
      const db = new Database(file, { readonly: true });
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'certflow_events_command_id'")
        .pluck()
        .all();
      db.close();
      return names;
    };
    expect(indexes()).toEqual([]);
    const writer = sqliteStore({ file });
    expect(indexes()).toEqual(['certflow_events_command_id']);
    expect(await collect(writer.readAll())).toEqual(before);
    const err = await writer
      .append('application-new', claimed('old-cmd', 'b'.repeat(64)), { expectedVersion: 'no-stream' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdempotencyConflictError);
    expect(await writer.streamVersion('application-new')).toBe(0);
    await writer.close();
  });
});
