import type { MessageTable } from '@certflow/core';
import type { PostgresErrorParams } from './types.js';

/** The messages of @certflow/store-postgres in English. */
export const en: MessageTable<PostgresErrorParams> = {
  PG_SCHEMA_NOT_FOUND: (p) =>
    `schema ${String(p.schema)} holds no certflow event log (no ${String(p.schema)}.events table); a read-only store creates nothing`,
  PG_READ_ONLY: (p) =>
    `cannot ${String(p.operation)}: the store on schema ${String(p.schema)} was opened read-only; nothing was written`,
};
