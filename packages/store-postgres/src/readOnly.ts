import { CertflowError, registerMessages } from '@certflow/core';
import type { Pool } from 'pg';

/**
 * `postgresStore({ readOnly: true })` was pointed at a schema that holds no
 * certflow event log (no such schema, or no `events` table in it). A
 * read-only store never creates or migrates anything, so this is an error
 * rather than an empty log.
 */
export class SchemaNotFoundError extends CertflowError {
  readonly schema: string;
  constructor(schema: string) {
    super('PG_SCHEMA_NOT_FOUND', { schema });
    this.schema = schema;
  }
}

/** A write (append, import, a subscription's checkpoint) on a store opened with `readOnly: true`. Nothing was written. */
export class ReadOnlyStoreError extends CertflowError {
  readonly schema: string;
  readonly operation: string;
  constructor(schema: string, operation: string) {
    super('PG_READ_ONLY', { schema, operation });
    this.schema = schema;
    this.operation = operation;
  }
}

registerMessages('PG_SCHEMA_NOT_FOUND', {
  en: (p) => `schema ${String(p.schema)} holds no certflow event log (no ${String(p.schema)}.events table); a read-only store creates nothing`,
  'zh-CN': (p) => `模式 ${String(p.schema)} 中没有 certflow 事件日志（没有 ${String(p.schema)}.events 表）；只读存储不会创建任何内容`,
});
registerMessages('PG_READ_ONLY', {
  en: (p) => `cannot ${String(p.operation)}: the store on schema ${String(p.schema)} was opened read-only; nothing was written`,
  'zh-CN': (p) => `无法执行 ${String(p.operation)}：模式 ${String(p.schema)} 上的事件存储以只读方式打开，未写入任何内容`,
});

/**
 * What a read-only store does instead of migrating: checks, with a plain
 * SELECT (no DDL, no advisory lock), that the schema holds an events table.
 */
export async function checkReadable(pool: Pool, schema: string): Promise<void> {
  const r = await pool.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`"${schema}".events`]);
  if (!r.rows[0]?.t) throw new SchemaNotFoundError(schema);
}
