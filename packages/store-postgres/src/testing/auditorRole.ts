import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PG_URL } from './pgTestEnv.js';

/**
 * A login role holding exactly the privileges docs/store-postgres.md lists for
 * an auditor (USAGE on the schema, SELECT on its tables), for tests that run
 * the read-only path as such a role. `url` connects as it (trust auth in the
 * test database); `drop()` removes the role and its grants.
 */
export async function createAuditorRole(
  schema: string,
  url = PG_URL,
): Promise<{ role: string; url: string; drop(): Promise<void> }> {
  const role = `certflow_auditor_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${role}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return {
    role,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP OWNED BY "${role}"`);
        await c.query(`DROP ROLE IF EXISTS "${role}"`);
      } finally {
        await c.end();
      }
    },
  };
}
