import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, StoredEvent } from '@certflow/core';

const readOnly = (what: string) => () => {
  throw new Error(`replay reads a log and never writes: ${what} is not available`);
};

/** Events written per transaction while spilling. */
const BATCH = 5_000;

/**
 * A log read once from a source that cannot be read by stream (a JSONL
 * export), kept on disk so that replay can read any stream of it again
 * without holding the log: each event's JSON text, in read order, indexed by
 * stream and version, in a SQLite file of its own in a fresh private folder
 * under the system's temporary directory (mode 0700), removed by `close`.
 * The events are copied as read (nothing is checked here: a broken log is
 * replay's to report), and the source is not touched. Memory: one batch.
 */
export interface SpilledLog {
  /** A read-only EventStore over the spilled events (readStream by stream and version, readAll in read order). */
  store: EventStore;
  /** How many events were spilled. */
  readonly events: number;
  /** No two events of a stream share a version and every version is a whole number (replay may then keep streams from its log pass). */
  readonly oneEventPerVersion: boolean;
  /** Every spilled event in read order. */
  read(): AsyncIterable<unknown>;
  close(): Promise<void>;
}

export async function spillLog(events: AsyncIterable<unknown>, onEvent?: (count: number) => void): Promise<SpilledLog> {
  const dir = mkdtempSync(join(tmpdir(), 'certflow-replay-'));
  chmodSync(dir, 0o700);
  let db: Database.Database | undefined;
  try {
    db = new Database(join(dir, 'log.sqlite'));
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec('CREATE TABLE events (n INTEGER PRIMARY KEY, stream_id TEXT, version REAL, json TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO events (stream_id, version, json) VALUES (?, ?, ?)');
    const write = db.transaction((rows: [string | null, number | null, string][]) => {
      for (const r of rows) insert.run(r[0], r[1], r[2]);
    });
    let rows: [string | null, number | null, string][] = [];
    let count = 0;
    for await (const raw of events) {
      const e = raw as { streamId?: unknown; version?: unknown } | null;
      rows.push([
        typeof e?.streamId === 'string' ? e.streamId : null,
        typeof e?.version === 'number' ? e.version : null,
        JSON.stringify(raw) ?? 'null',
      ]);
      onEvent?.(++count);
      if (rows.length >= BATCH) {
        write(rows);
        rows = [];
      }
    }
    write(rows);
    db.exec('CREATE INDEX events_stream ON events (stream_id, version, n)');
    return spilled(db, dir, count);
  } catch (e) {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function spilled(db: Database.Database, dir: string, count: number): SpilledLog {
  const byStream = db
    .prepare('SELECT json FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version, n')
    .pluck();
  const last = db.prepare('SELECT MAX(version) FROM events WHERE stream_id = ?').pluck();
  const lasts = db
    .prepare(
      'SELECT (SELECT MAX(version) FROM events WHERE stream_id = ids.value) FROM json_each(?) AS ids ORDER BY ids.key',
    )
    .pluck();
  const from = db.prepare('SELECT n, json FROM events WHERE n > ? ORDER BY n LIMIT ?').raw();
  // Two scans of the index: a version repeated within a stream, a version that is not a whole number.
  const repeated = db
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM events WHERE stream_id IS NOT NULL AND version IS NOT NULL GROUP BY stream_id, version HAVING COUNT(*) > 1)',
    )
    .pluck();
  const fractional = db
    .prepare('SELECT EXISTS (SELECT 1 FROM events WHERE version IS NOT NULL AND version != CAST(version AS INTEGER))')
    .pluck();
  const oneEventPerVersion = repeated.get() === 0 && fractional.get() === 0;
  async function* all(): AsyncIterable<unknown> {
    let after = 0;
    for (;;) {
      const rows = from.all(after, 1000) as [number, string][];
      for (const [, json] of rows) yield JSON.parse(json);
      if (rows.length < 1000) return;
      after = rows[rows.length - 1]![0];
    }
  }
  const store: EventStore = {
    append: readOnly('append'),
    importEvents: readOnly('importEvents'),
    subscribe: readOnly('subscribe'),
    async readStream(streamId, options = {}) {
      return (
        byStream.all(streamId, options.fromVersion ?? 1, options.toVersion ?? Number.MAX_SAFE_INTEGER) as string[]
      ).map((j) => JSON.parse(j) as StoredEvent);
    },
    async *readAll(options = {}) {
      const fromPosition = options.fromPosition ?? 0;
      for await (const e of all()) if ((e as StoredEvent).position >= fromPosition) yield e as StoredEvent;
    },
    async streamVersion(streamId) {
      return (last.get(streamId) as number | null) ?? 0;
    },
    async streamVersions(streamIds) {
      if (streamIds.length === 0) return [];
      return (lasts.all(JSON.stringify(streamIds)) as (number | null)[]).map((v) => v ?? 0);
    },
    async close() {},
  };
  let closed = false;
  // The copy holds what the export holds (ID numbers included): gone when the process ends, however it ends normally.
  const removeOnExit = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  return {
    store,
    events: count,
    oneEventPerVersion,
    read: all,
    async close() {
      if (closed) return;
      closed = true;
      process.off('exit', removeOnExit);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
