import { CertflowError, StoreClosedError as CoreStoreClosedError, StoreUnavailableError } from '@certflow/core';
import { sqliteCatalogue, type SqliteErrorParams } from './locales/index.js';

/** Base of the errors `sqliteStore` throws about the database file itself. */
export class SqliteStoreError<C extends keyof SqliteErrorParams = keyof SqliteErrorParams> extends CertflowError<
  SqliteErrorParams[C]
> {
  /** The file the store was asked to open. */
  readonly file: string;
  /** Every error of this store is one, the closed store's (core's StoreClosedError) included. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return (
      Function.prototype[Symbol.hasInstance].call(this, x) ||
      (this === SqliteStoreError && x instanceof StoreClosedError)
    );
  }
  constructor(code: C, params: SqliteErrorParams[C]) {
    super(code, params, sqliteCatalogue);
    this.file = params.file;
  }
}

/** The file exists but is not a SQLite database (or is damaged beyond reading). */
export class NotADatabaseError extends SqliteStoreError<'STORE_NOT_A_DATABASE'> {
  /** What SQLite said, e.g. `file is not a database`. */
  readonly detail: string;
  constructor(file: string, detail: string) {
    super('STORE_NOT_A_DATABASE', { file, detail });
    this.detail = detail;
  }
}

/** The file is a SQLite database, but not one certflow created (no certflow meta table). */
export class ForeignDatabaseError extends SqliteStoreError<'STORE_FOREIGN_DATABASE'> {
  /** The tables found in it. */
  readonly tables: string[];
  constructor(file: string, tables: string[]) {
    super('STORE_FOREIGN_DATABASE', { file, tables });
    this.tables = tables;
  }
}

/** A certflow database whose schema version this release does not know (usually a newer release wrote it). */
export class UnsupportedSchemaError extends SqliteStoreError<'STORE_SCHEMA_UNSUPPORTED'> {
  readonly found: string;
  readonly supported: number;
  constructor(file: string, found: string, supported: number) {
    super('STORE_SCHEMA_UNSUPPORTED', { file, found, supported });
    this.found = found;
    this.supported = supported;
  }
}

/**
 * A method was called after `close()`: core's `StoreClosedError` (code
 * `STORE_CLOSED`, what every store throws, worded by core's locales) naming
 * the file. It is also a `SqliteStoreError`.
 */
export class StoreClosedError extends CoreStoreClosedError {
  /** The file the store was opened on. */
  readonly file: string;
  constructor(file: string, operation: string) {
    super(file, operation);
    this.file = file;
  }
}

/**
 * Another connection held the write lock for longer than the busy timeout.
 * A `StoreUnavailableError` with outcome `not-written` (SQLite rolled the
 * transaction back: nothing was written), keeping its own code `STORE_BUSY`:
 * retry the same append at the same `expectedVersion`, or the same command
 * with the same `commandId`.
 */
export class StoreBusyError extends StoreUnavailableError {
  declare readonly outcome: 'not-written';
  /** The file the store was asked to open. */
  readonly file: string;
  readonly busyTimeoutMs: number;
  constructor(
    file: string,
    busyTimeoutMs: number,
    operation = 'append',
    options: { cause?: unknown; driverCode?: string } = {},
  ) {
    super(operation, 'not-written', {
      ...options,
      code: 'STORE_BUSY',
      params: { file, busyTimeoutMs },
      catalogue: sqliteCatalogue,
    });
    this.file = file;
    this.busyTimeoutMs = busyTimeoutMs;
  }
}

/** A write (append, import, a subscription's checkpoint) on a store opened with `readOnly: true`. Nothing was written. */
export class StoreReadOnlyError extends SqliteStoreError<'STORE_READ_ONLY'> {
  readonly operation: string;
  constructor(file: string, operation: string) {
    super('STORE_READ_ONLY', { file, operation });
    this.operation = operation;
  }
}

/**
 * A store opened with `readOnly: true` on a file that holds no certflow log:
 * missing, 0 bytes, or a SQLite database without certflow's tables. A
 * read-only open never creates anything, so there is nothing to read.
 */
export class NoEventStoreError extends SqliteStoreError<'STORE_NO_EVENT_STORE'> {
  /** What was found: 'missing', 'empty file', 'empty database'. */
  readonly found: string;
  constructor(file: string, found: string) {
    super('STORE_NO_EVENT_STORE', { file, found });
    this.found = found;
  }
}
