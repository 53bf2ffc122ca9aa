import { ValidationError, type ValidationIssue } from '@certflow/core';
import type { Synchronous } from './schema.js';

export interface SqliteStoreOptions {
  /** Path of the database file (created on first use), or `':memory:'` for a private in-memory database. */
  file: string;
  /**
   * `'FULL'` (default): an acknowledged append survives a power cut.
   * `'NORMAL'`: faster; in WAL mode a power cut (not a process crash) can lose
   * the last acknowledged appends, though the database stays consistent.
   */
  synchronous?: Synchronous;
  /** How long a write waits for another process's write lock before failing. Default 5,000 ms. */
  busyTimeoutMs?: number;
  /**
   * How often subscriptions look for events appended by other processes.
   * Appends through this store wake them at once. Default 100 ms.
   */
  pollIntervalMs?: number;
  /**
   * Open an existing certflow file for reading only (auditors): nothing is
   * created, migrated or written (no `-wal`/`-shm` files are left behind, and
   * a file in a read-only folder can be read). A missing, 0-byte or
   * non-certflow file throws; append, import and subscribe throw
   * StoreReadOnlyError. Default false.
   */
  readOnly?: boolean;
  /**
   * `'quick'` (default): an existing file is checked with `PRAGMA quick_check`
   * when opened (about 5 ms per MB), and a damaged one is refused with
   * CorruptStoreError before anything is read or appended. `'none'` skips the
   * check; damage is then reported when a read or append meets it.
   */
  checkOnOpen?: 'quick' | 'none';
  /**
   * Keep a personal-data vault (`store.vault`, tables `certflow_personal` and
   * `certflow_personal_secret`): the engine then writes format-2 events, each
   * 身份证号 and name a token, the values in the vault. Default false.
   */
  personal?: boolean;
}

export interface ResolvedOptions {
  file: string;
  synchronous: Synchronous;
  busyTimeoutMs: number;
  pollIntervalMs: number;
  readOnly: boolean;
  checkOnOpen: 'quick' | 'none';
  personal: boolean;
}

const SYNCHRONOUS: readonly Synchronous[] = ['FULL', 'NORMAL'];

/** Checks the options and fills in defaults; throws one ValidationError naming every bad field. */
export function resolveOptions(options: SqliteStoreOptions): ResolvedOptions {
  const issues: ValidationIssue[] = [];
  const opts = (options ?? {}) as Partial<Record<keyof SqliteStoreOptions, unknown>>;
  if (typeof opts.file !== 'string' || opts.file.length === 0) {
    issues.push({
      path: ['options', 'file'],
      code: 'invalid_file',
      message: "expected a file path or ':memory:'",
      expected: 'non-empty string',
      received: JSON.stringify(opts.file) ?? String(opts.file),
    });
  }
  if (opts.synchronous !== undefined && !SYNCHRONOUS.includes(opts.synchronous as Synchronous)) {
    issues.push({
      path: ['options', 'synchronous'],
      code: 'invalid_value',
      message: `expected 'FULL' or 'NORMAL', received ${JSON.stringify(opts.synchronous)}`,
      expected: "'FULL' | 'NORMAL'",
      received: JSON.stringify(opts.synchronous) ?? String(opts.synchronous),
    });
  }
  for (const key of ['busyTimeoutMs', 'pollIntervalMs'] as const) {
    const v = opts[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= (key === 'pollIntervalMs' ? 1 : 0))) {
      issues.push({
        path: ['options', key],
        code: 'invalid_number',
        message: `expected a whole number of milliseconds${key === 'pollIntervalMs' ? ' above 0' : ''}, received ${JSON.stringify(v) ?? String(v)}`,
        expected: 'integer',
        received: JSON.stringify(v) ?? String(v),
      });
    }
  }
  if (opts.personal !== undefined && typeof opts.personal !== 'boolean') {
    issues.push({
      path: ['options', 'personal'],
      code: 'invalid_type',
      message: `expected true or false, received ${JSON.stringify(opts.personal) ?? String(opts.personal)}`,
      expected: 'boolean',
      received: JSON.stringify(opts.personal) ?? String(opts.personal),
    });
  }
  if (opts.readOnly !== undefined && typeof opts.readOnly !== 'boolean') {
    issues.push({
      path: ['options', 'readOnly'],
      code: 'invalid_type',
      message: `expected true or false, received ${JSON.stringify(opts.readOnly) ?? String(opts.readOnly)}`,
      expected: 'boolean',
      received: JSON.stringify(opts.readOnly) ?? String(opts.readOnly),
    });
  }
  if (opts.checkOnOpen !== undefined && opts.checkOnOpen !== 'quick' && opts.checkOnOpen !== 'none') {
    issues.push({
      path: ['options', 'checkOnOpen'],
      code: 'invalid_value',
      message: `expected 'quick' or 'none', received ${JSON.stringify(opts.checkOnOpen)}`,
      expected: "'quick' | 'none'",
      received: JSON.stringify(opts.checkOnOpen) ?? String(opts.checkOnOpen),
    });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'sqliteStore');
  return {
    file: opts.file as string,
    synchronous: (opts.synchronous as Synchronous | undefined) ?? 'FULL',
    busyTimeoutMs: (opts.busyTimeoutMs as number | undefined) ?? 5_000,
    pollIntervalMs: (opts.pollIntervalMs as number | undefined) ?? 100,
    readOnly: opts.readOnly === true,
    checkOnOpen: (opts.checkOnOpen as 'quick' | 'none' | undefined) ?? 'quick',
    personal: opts.personal === true,
  };
}
