import type { MessageTable } from '@certflow/core';
import type { SqliteErrorParams } from './types.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The messages of @certflow/store-sqlite in English. */
export const en: MessageTable<SqliteErrorParams> = {
  STORE_NOT_A_DATABASE: (p) => `${s(p.file)} is not a readable SQLite database (${s(p.detail)})`,
  STORE_FOREIGN_DATABASE: (p) =>
    `${s(p.file)} is a SQLite database that certflow did not create (tables: ${p.tables.join(', ')}); use a new file`,
  STORE_SCHEMA_UNSUPPORTED: (p) =>
    `${s(p.file)} has certflow schema version ${s(p.found)}, but this release supports version ${s(p.supported)}; upgrade @certflow/store-sqlite`,
  STORE_BUSY: (p) =>
    `${s(p.file)} stayed locked by another writer for more than ${s(p.busyTimeoutMs)} ms during ${s(p.operation)}; nothing was written: retry`,
  STORE_READ_ONLY: (p) =>
    `cannot ${s(p.operation)}: the store on ${s(p.file)} was opened read-only; nothing was written`,
  STORE_NO_EVENT_STORE: (p) =>
    `${s(p.file)} holds no certflow event log (${s(p.found)}); a read-only open creates nothing`,
};
