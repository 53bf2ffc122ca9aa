import { CertflowError, StoreUnavailableError, registerMessages } from '@certflow/core';

/** Base of the errors `sqliteStore` throws about the database file itself. */
export class SqliteStoreError extends CertflowError {
  /** The file the store was asked to open. */
  readonly file: string;
  constructor(code: string, params: Record<string, unknown> & { file: string }) {
    super(code, params);
    this.file = params.file;
  }
}

/** The file exists but is not a SQLite database (or is damaged beyond reading). */
export class NotADatabaseError extends SqliteStoreError {
  /** What SQLite said, e.g. `file is not a database`. */
  readonly detail: string;
  constructor(file: string, detail: string) {
    super('STORE_NOT_A_DATABASE', { file, detail });
    this.detail = detail;
  }
}

/** The file is a SQLite database, but not one certflow created (no certflow meta table). */
export class ForeignDatabaseError extends SqliteStoreError {
  /** The tables found in it. */
  readonly tables: string[];
  constructor(file: string, tables: string[]) {
    super('STORE_FOREIGN_DATABASE', { file, tables });
    this.tables = tables;
  }
}

/** A certflow database whose schema version this release does not know (usually a newer release wrote it). */
export class UnsupportedSchemaError extends SqliteStoreError {
  readonly found: string;
  readonly supported: number;
  constructor(file: string, found: string, supported: number) {
    super('STORE_SCHEMA_UNSUPPORTED', { file, found, supported });
    this.found = found;
    this.supported = supported;
  }
}

/** A method was called after `close()`. */
export class StoreClosedError extends SqliteStoreError {
  readonly operation: string;
  constructor(file: string, operation: string) {
    super('STORE_CLOSED', { file, operation });
    this.operation = operation;
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
  constructor(file: string, busyTimeoutMs: number, operation = 'append', options: { cause?: unknown; driverCode?: string } = {}) {
    super(operation, 'not-written', { ...options, code: 'STORE_BUSY', params: { file, busyTimeoutMs } });
    this.file = file;
    this.busyTimeoutMs = busyTimeoutMs;
  }
}

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

registerMessages('STORE_NOT_A_DATABASE', {
  en: (p) => `${s(p.file)} is not a readable SQLite database (${s(p.detail)})`,
  'zh-CN': (p) => `${s(p.file)} 不是可读取的 SQLite 数据库（${s(p.detail)}）`,
});
registerMessages('STORE_FOREIGN_DATABASE', {
  en: (p) =>
    `${s(p.file)} is a SQLite database that certflow did not create (tables: ${(p.tables as string[]).join(', ')}); use a new file`,
  'zh-CN': (p) => `${s(p.file)} 不是 certflow 创建的 SQLite 数据库（包含表：${(p.tables as string[]).join('、')}），请使用新文件`,
});
registerMessages('STORE_SCHEMA_UNSUPPORTED', {
  en: (p) =>
    `${s(p.file)} has certflow schema version ${s(p.found)}, but this release supports version ${s(p.supported)}; upgrade @certflow/store-sqlite`,
  'zh-CN': (p) => `${s(p.file)} 的 certflow 数据结构版本为 ${s(p.found)}，本版本仅支持 ${s(p.supported)}，请升级 @certflow/store-sqlite`,
});
registerMessages('STORE_CLOSED', {
  en: (p) => `cannot ${s(p.operation)}: the store on ${s(p.file)} is closed`,
  'zh-CN': (p) => `无法执行 ${s(p.operation)}：${s(p.file)} 上的事件存储已关闭`,
});
registerMessages('STORE_BUSY', {
  en: (p) => `${s(p.file)} stayed locked by another writer for more than ${s(p.busyTimeoutMs)} ms during ${s(p.operation)}; nothing was written: retry`,
  'zh-CN': (p) => `${s(p.file)} 在执行 ${s(p.operation)} 时被其他写入者锁定超过 ${s(p.busyTimeoutMs)} 毫秒，未写入任何内容，可重试`,
});

/** A write (append, import, a subscription's checkpoint) on a store opened with `readOnly: true`. Nothing was written. */
export class StoreReadOnlyError extends SqliteStoreError {
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
export class NoEventStoreError extends SqliteStoreError {
  /** What was found: 'missing', 'empty file', 'empty database'. */
  readonly found: string;
  constructor(file: string, found: string) {
    super('STORE_NO_EVENT_STORE', { file, found });
    this.found = found;
  }
}

registerMessages('STORE_READ_ONLY', {
  en: (p) => `cannot ${s(p.operation)}: the store on ${s(p.file)} was opened read-only; nothing was written`,
  'zh-CN': (p) => `无法执行 ${s(p.operation)}：${s(p.file)} 上的事件存储以只读方式打开，未写入任何内容`,
});
registerMessages('STORE_NO_EVENT_STORE', {
  en: (p) => `${s(p.file)} holds no certflow event log (${s(p.found)}); a read-only open creates nothing`,
  'zh-CN': (p) => `${s(p.file)} 中没有 certflow 事件日志（${s(p.found)}）；只读打开不会创建任何内容`,
});
