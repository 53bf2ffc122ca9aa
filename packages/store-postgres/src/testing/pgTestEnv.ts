import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the integration tests find PostgreSQL. */
export const PG_URL = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Probes the server once; resolves to an error message when it cannot be reached. */
export async function probePostgres(url = PG_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Decides, at load time, whether a test file can run. With no server: under
 * CI=true the file fails (a missing database must not look green); elsewhere a
 * loud warning is printed and the caller skips with `describe.skipIf(skip)`.
 */
export async function postgresForTests(): Promise<{ skip: boolean }> {
  const problem = await probePostgres();
  if (problem === undefined) return { skip: false };
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required under CI but ${PG_URL} is unreachable: ${problem}`);
  }
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! PostgreSQL at ${PG_URL} is unreachable (${problem}).\n` +
      `!! The @certflow/store-postgres integration tests are SKIPPED. Start a server or set CERTFLOW_PG_URL.\n${bar}\n`,
  );
  return { skip: true };
}

/** A fresh schema name for one test file (or one store of it). */
export function testSchemaName(label = 'x'): string {
  return `certflow_test_${label}_${randomBytes(4).toString('hex')}`;
}

/** Drops the given schemas and everything in them. */
export async function dropSchemas(schemas: Iterable<string>, url = PG_URL): Promise<void> {
  const list = [...schemas];
  if (list.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of list) {
      await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${s}_personal" CASCADE`);
    }
  } finally {
    await client.end();
  }
}
