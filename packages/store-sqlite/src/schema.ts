import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CorruptStoreError } from '@certflow/core';
import { ForeignDatabaseError, NoEventStoreError, NotADatabaseError, UnsupportedSchemaError } from './errors.js';

/** The schema version this release writes and reads. */
export const SCHEMA_VERSION = 1;
/** Marks a database as certflow's in its meta table. */
export const STORE_MARK = 'certflow-event-store';

const TABLES = ['certflow_meta', 'certflow_events', 'certflow_checkpoints'] as const;

// Position is the rowid (INTEGER PRIMARY KEY): assigned as max+1 inside the
// write transaction, so it grows in commit order. UNIQUE (stream_id, version)
// is the last line of defence against two writers taking one version.
const CREATE_SCHEMA = `
CREATE TABLE certflow_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE certflow_events (
  position  INTEGER PRIMARY KEY CHECK (position >= 1),
  stream_id TEXT    NOT NULL,
  version   INTEGER NOT NULL CHECK (version >= 1),
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  meta      TEXT    NOT NULL,
  prev_hash TEXT,
  hash      TEXT    NOT NULL,
  UNIQUE (stream_id, version)
) STRICT;
CREATE TABLE certflow_checkpoints (
  name       TEXT    PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT    NOT NULL
) STRICT;
`;

/**
 * The commandId of each event, indexed: an append looks up whether its
 * commandId was recorded with another fingerprint (see core's commandClaims),
 * under the write lock, so the check holds across processes. An index over
 * the meta text, not a column: a file written before it keeps its rows as
 * they are and gets the index when it is next opened for writing. Readers and
 * older releases need nothing of it.
 */
export const COMMAND_INDEX = 'certflow_events_command_id';
export const COMMAND_ID_SQL = "json_extract(meta, '$.commandId')";
const CREATE_COMMAND_INDEX = `CREATE INDEX IF NOT EXISTS ${COMMAND_INDEX} ON certflow_events (${COMMAND_ID_SQL})`;

/** Adds the commandId index to a certflow database that lacks it (one written before it existed). */
function ensureCommandIndex(db: Database.Database): void {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(COMMAND_INDEX);
  if (!has) db.transaction(() => db.exec(CREATE_COMMAND_INDEX)).immediate();
}

export type Synchronous = 'FULL' | 'NORMAL';

export interface OpenOptions {
  file: string;
  synchronous: Synchronous;
  busyTimeoutMs: number;
  /** `'quick'`: run `PRAGMA quick_check` on an existing file before using it. */
  checkOnOpen?: 'quick' | 'none';
}

/** SQLite result codes that mean "this is not a database we can read". */
const UNREADABLE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isUnreadable(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && [...UNREADABLE].some((c) => code.startsWith(c));
}

/** Damaged pages in a file that is a database (as opposed to a file that is none: NotADatabaseError). */
function isCorrupt(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CORRUPT');
}

/**
 * `PRAGMA quick_check`: every page of every table and index read once (about
 * 5 ms per MB, 160 ms for 100,000 events), so damaged or missing pages are
 * found before the first append rather than in the middle of some later read.
 */
function quickCheck(db: Database.Database, file: string): void {
  const problems = (db.prepare('PRAGMA quick_check(5)').pluck().all() as string[]).filter((r) => r !== 'ok');
  if (problems.length > 0) throw new CorruptStoreError(file, `PRAGMA quick_check: ${problems.join('; ')}`);
}

/**
 * Opens (and on first use creates) a certflow database: WAL, the chosen
 * synchronous level, a busy timeout, and a schema check. Throws a typed error
 * for a file that is not a database, a foreign database, or an unknown schema,
 * and leaves no connection open when it does.
 */
export function openDatabase(options: OpenOptions): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(options.file, { timeout: options.busyTimeoutMs });
  } catch (err) {
    if (isUnreadable(err)) throw new NotADatabaseError(options.file, err.message);
    throw err;
  }
  try {
    // Check before changing anything, so a foreign database is left as it was
    // (switching to WAL would be a lasting change to someone else's file).
    if (inspect(db, options.file) === 'ours') {
      if (options.checkOnOpen !== 'none' && options.file !== ':memory:') quickCheck(db, options.file);
      configure(db, options);
      ensureCommandIndex(db);
    } else {
      configure(db, options);
      // IMMEDIATE: two processes opening a new file at once must not both create the schema.
      db.transaction(() => {
        if (inspect(db, options.file) === 'empty') createSchema(db);
      }).immediate();
    }
    return db;
  } catch (err) {
    db.close();
    if (isCorrupt(err)) throw new CorruptStoreError(options.file, err.message, { cause: err });
    if (isUnreadable(err)) throw new NotADatabaseError(options.file, err.message);
    throw err;
  }
}

function configure(db: Database.Database, options: OpenOptions): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
}

function createSchema(db: Database.Database): void {
  db.exec(CREATE_SCHEMA);
  db.exec(CREATE_COMMAND_INDEX);
  const put = db.prepare('INSERT INTO certflow_meta (key, value) VALUES (?, ?)');
  put.run('store', STORE_MARK);
  put.run('schema_version', String(SCHEMA_VERSION));
  put.run('created_at', new Date().toISOString());
}

/** 'empty' for a new file, 'ours' for a certflow database this release reads; throws for anything else. */
function inspect(db: Database.Database, file: string): 'empty' | 'ours' {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  if (!tables.includes('certflow_meta')) {
    if (tables.length > 0) throw new ForeignDatabaseError(file, tables);
    return 'empty';
  }
  let meta: Map<string, unknown>;
  try {
    meta = new Map(db.prepare('SELECT key, value FROM certflow_meta').raw().all() as [string, unknown][]);
  } catch (err) {
    if (isUnreadable(err)) throw err;
    throw new ForeignDatabaseError(file, tables); // a certflow_meta table of some other shape
  }
  if (meta.get('store') !== STORE_MARK) throw new ForeignDatabaseError(file, tables);
  const found = String(meta.get('schema_version') ?? '(none)');
  if (found !== String(SCHEMA_VERSION)) throw new UnsupportedSchemaError(file, found, SCHEMA_VERSION);
  const missing = TABLES.filter((t) => !tables.includes(t));
  if (missing.length > 0)
    throw new UnsupportedSchemaError(file, `${found} without ${missing.join(', ')}`, SCHEMA_VERSION);
  return 'ours';
}

/**
 * The journal mode a database file's header records (bytes 18 and 19: 1 for a
 * rollback journal, 2 for a write-ahead log), read without opening the file
 * as a database; undefined for a file too short to have a header.
 */
export function headerJournal(file: string): 'rollback' | 'wal' | 'other' | undefined {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(20);
    if (readSync(fd, header, 0, 20, 0) < 20) return undefined;
    if (header[18] === 1 && header[19] === 1) return 'rollback';
    if (header[18] === 2 && header[19] === 2) return 'wal';
    return 'other';
  } finally {
    closeSync(fd);
  }
}

/**
 * Leaves a database file in rollback-journal mode when its last connection
 * closes (the write-ahead log checkpointed into the file and removed), so a
 * reader can later open the file in place, read-only, without creating a
 * `-wal` or `-shm` beside it (see `openDatabaseReadOnly`). A writer switches
 * the file back to WAL when it opens it. When another connection still has
 * the file open the switch is refused at once (no busy wait) and the file
 * stays in WAL mode: nothing is lost either way.
 */
export function leaveInRollbackMode(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // another connection holds the file: it stays in WAL mode
  }
}

/**
 * Opens an existing certflow database for reading only, changing nothing on
 * disk, in bounded memory where it can:
 *
 * - a file in rollback-journal mode (how a certflow store leaves a file it
 *   closed last) is opened in place, read-only: SQLite reads pages as needed
 *   through its page cache, takes only a shared lock while a read runs, and
 *   creates nothing beside the file, so a file in a read-only folder can be
 *   read and memory does not grow with the file;
 * - a file whose `-wal` holds committed pages (a writer is active, or one
 *   crashed) is opened read-only in place, as those pages are part of the log;
 * - a file still marked for a write-ahead log but without one (left by an
 *   earlier release, or closed while another connection had it open) is read
 *   into memory and opened from there (SQLite's deserialize), with the
 *   header's WAL flag turned off in the copy only, since SQLite would need a
 *   `-shm` beside the file to read it in place. Memory grows with the file
 *   on this path only.
 *
 * A missing, 0-byte or non-certflow file throws.
 */
/**
 * True when `openDatabaseReadOnly` reads the file in place (through SQLite's
 * page cache), false when it must read the whole file into memory first (a
 * file marked for WAL without a live -wal beside it).
 */
export function readsInPlace(file: string): boolean {
  const walFile = `${file}-wal`;
  return (existsSync(walFile) && statSync(walFile).size > 0) || headerJournal(file) !== 'wal';
}

/** The page cache of a read-only open, in KB (SQLite's own default; better-sqlite3 builds with 16,000). */
export const READ_ONLY_CACHE_KB = 2_000;

export function openDatabaseReadOnly(options: OpenOptions): Database.Database {
  const { file } = options;
  if (!existsSync(file)) throw new NoEventStoreError(file, 'missing');
  if (statSync(file).isDirectory()) throw new NotADatabaseError(file, 'a directory');
  if (statSync(file).size === 0) throw new NoEventStoreError(file, 'empty file');
  const walFile = `${file}-wal`;
  const liveWal = existsSync(walFile) && statSync(walFile).size > 0;
  let db: Database.Database;
  try {
    if (liveWal || headerJournal(file) !== 'wal')
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs });
    else {
      const bytes = readFileSync(file);
      bytes[18] = 1;
      bytes[19] = 1;
      db = new Database(bytes, { readonly: true });
    }
  } catch (err) {
    if (isUnreadable(err)) throw new NotADatabaseError(file, err.message);
    throw err;
  }
  try {
    if (inspect(db, file) === 'empty') throw new NoEventStoreError(file, 'empty database');
    // A reader goes through the log once, in position order: a page is rarely
    // read twice, so a small page cache serves as well as the default 16 MB
    // (better-sqlite3's build), and no memory map adds the file's pages to RSS.
    db.pragma(`cache_size = -${READ_ONLY_CACHE_KB}`);
    db.pragma('mmap_size = 0');
    return db;
  } catch (err) {
    db.close();
    if (isUnreadable(err)) throw new NotADatabaseError(file, err.message);
    throw err;
  }
}
