import { CertflowError } from '@certflow/core';
import { postgresCatalogue, type PostgresErrorParams } from './locales/index.js';
import pg from 'pg';
import type { Pool } from 'pg';
import { checkSchemaName } from './schema.js';

/**
 * `postgresStore({ readOnly: true })` was pointed at a schema that holds no
 * certflow event log (no such schema, or no `events` table in it). A
 * read-only store never creates or migrates anything, so this is an error
 * rather than an empty log.
 */
export class SchemaNotFoundError extends CertflowError<PostgresErrorParams['PG_SCHEMA_NOT_FOUND']> {
  readonly schema: string;
  constructor(schema: string) {
    super('PG_SCHEMA_NOT_FOUND', { schema }, postgresCatalogue);
    this.schema = schema;
  }
}

/** A write (append, import, a subscription's checkpoint) on a store opened with `readOnly: true`. Nothing was written. */
export class ReadOnlyStoreError extends CertflowError<PostgresErrorParams['PG_READ_ONLY']> {
  readonly schema: string;
  readonly operation: string;
  constructor(schema: string, operation: string) {
    super('PG_READ_ONLY', { schema, operation }, postgresCatalogue);
    this.schema = schema;
    this.operation = operation;
  }
}

/**
 * What a read-only store does instead of migrating: checks, with a plain
 * SELECT (no DDL, no advisory lock), that the schema holds an events table.
 */
export async function checkReadable(pool: Pool, schema: string): Promise<void> {
  const r = await pool.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`"${schema}".events`]);
  if (!r.rows[0]?.t) throw new SchemaNotFoundError(schema);
}

/** Where a postgres:// target's log lives: the connection string without `?schema=`, and the schema. */
export interface PgLogLocation {
  connectionString: string;
  schema: string;
}

/** True when the schema holds a certflow events table (a plain SELECT, no DDL). */
export async function logExists(at: PgLogLocation): Promise<boolean> {
  const client = new pg.Client({ connectionString: at.connectionString });
  await client.connect();
  try {
    const r = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [
      `"${checkSchemaName(at.schema)}".events`,
    ]);
    return Boolean(r.rows[0]?.t);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Drops the schema again if it holds no event: what `certflow import` does
 * when it created the schema and the import then failed, so a failed import
 * leaves nothing behind. A schema holding any event is never touched; the
 * check and the drop run in one transaction under a lock on the table.
 * Returns whether the schema was dropped.
 */
export async function removeEmptyLog(at: PgLogLocation): Promise<boolean> {
  const schema = checkSchemaName(at.schema);
  const client = new pg.Client({ connectionString: at.connectionString });
  await client.connect();
  try {
    await client.query('BEGIN');
    const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`"${schema}".events`]);
    if (!exists.rows[0]?.t) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(`LOCK TABLE "${schema}".events IN ACCESS EXCLUSIVE MODE`);
    const any = await client.query(`SELECT 1 FROM "${schema}".events LIMIT 1`);
    if (any.rowCount !== 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_personal" CASCADE`);
    await client.query('COMMIT');
    return true;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}
