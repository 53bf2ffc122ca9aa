import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ConcurrencyError } from '@certflow/core';
import {
  personalLookupKey,
  type PersonalVault,
  type PersonalVaultRow,
  type ResolvedSubject,
} from '@certflow/core/store';

/**
 * The personal-data vault of a SQLite store: the values and salts behind the
 * tokens of format-2 events, and the lookup from 身份证号 to subject (an HMAC
 * under the secret in `certflow_personal_secret`). Written in the append's
 * transaction; created when a store opened with `personal: true` first
 * writes the file. The events never reference these tables: a copy of the
 * file without them still verifies.
 */
const VAULT_SCHEMA = `
CREATE TABLE IF NOT EXISTS certflow_personal (
  commitment TEXT PRIMARY KEY,
  subject    TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('id-number', 'name')),
  value      TEXT NOT NULL,
  salt       TEXT NOT NULL,
  lookup     TEXT UNIQUE
) STRICT;
CREATE INDEX IF NOT EXISTS certflow_personal_subject ON certflow_personal (subject, kind);
CREATE TABLE IF NOT EXISTS certflow_personal_secret (
  one    INTEGER PRIMARY KEY CHECK (one = 1),
  secret BLOB NOT NULL
) STRICT;
`;

/** The vault's operations, synchronous (better-sqlite3); the store wraps them as a `PersonalVault`. */
export interface SqliteVault {
  resolve(idNumbers: readonly string[]): Map<string, ResolvedSubject>;
  lookupKeys(values: Parameters<PersonalVault['lookupKeys']>[0]): string[];
  rows(subjects?: readonly string[]): PersonalVaultRow[];
  /** Inside the append's transaction: refuses rows that clash (ConcurrencyError), writes the new ones. */
  write(streamId: string, version: number, rows: readonly PersonalVaultRow[]): void;
  /** Inside the erasure's transaction: deletes the subject's rows (values, salts, lookup key). */
  drop(subject: string): void;
}

type Raw = [string, string, string, string, string, string | null];
const toRow = (r: Raw): PersonalVaultRow => ({
  commitment: r[0],
  subject: r[1],
  kind: r[2] as PersonalVaultRow['kind'],
  value: JSON.parse(r[3]) as unknown,
  salt: r[4],
  lookup: r[5],
});

/** Whether the file has the vault's tables (a store opened read-only reads a vault only if one was written). */
export function hasVault(db: Database.Database): boolean {
  return (
    (db
      .prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('certflow_personal', 'certflow_personal_secret')",
      )
      .pluck()
      .get() as number) === 2
  );
}

/** Opens the vault, creating its tables and secret if the store may write. */
export function openVault(db: Database.Database, readOnly: boolean): SqliteVault {
  if (!readOnly) {
    db.transaction(() => {
      db.exec(VAULT_SCHEMA);
      db.prepare('INSERT OR IGNORE INTO certflow_personal_secret (one, secret) VALUES (1, ?)').run(randomBytes(32));
    }).immediate();
  }
  const present = readOnly ? hasVault(db) : true;
  const secret = present
    ? (db.prepare('SELECT secret FROM certflow_personal_secret WHERE one = 1').pluck().get() as Buffer)
    : randomBytes(32);
  const COLS = 'commitment, subject, kind, value, salt, lookup';
  const sql = present
    ? {
        byLookup: db.prepare('SELECT subject FROM certflow_personal WHERE lookup = ?').pluck(),
        salt: db.prepare('SELECT salt FROM certflow_personal WHERE subject = ? AND kind = ? LIMIT 1').pluck(),
        insert: db.prepare(
          `INSERT INTO certflow_personal (${COLS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (commitment) DO NOTHING`,
        ),
        all: db.prepare(`SELECT ${COLS} FROM certflow_personal ORDER BY subject, kind, commitment`).raw(),
        drop: db.prepare('DELETE FROM certflow_personal WHERE subject = ?'),
        ofSubject: db
          .prepare(`SELECT ${COLS} FROM certflow_personal WHERE subject = ? ORDER BY kind, commitment`)
          .raw(),
      }
    : undefined;
  return {
    resolve(idNumbers) {
      const out = new Map<string, ResolvedSubject>();
      for (const value of idNumbers) {
        const lookup = personalLookupKey(secret, 'id-number', value);
        const found: ResolvedSubject = { lookup, salts: {} };
        const subject = sql?.byLookup.get(lookup) as string | undefined;
        if (subject !== undefined) {
          found.subject = subject;
          for (const kind of ['id-number', 'name'] as const) {
            const salt = sql!.salt.get(subject, kind) as string | undefined;
            if (salt !== undefined) found.salts[kind] = salt;
          }
        }
        out.set(value, found);
      }
      return out;
    },
    lookupKeys(values) {
      return values.map((v) => personalLookupKey(secret, v.kind, v.value));
    },
    rows(subjects) {
      if (!sql) return [];
      if (!subjects) return (sql.all.all() as Raw[]).map(toRow);
      return [...new Set(subjects)].sort().flatMap((s) => (sql.ofSubject.all(s) as Raw[]).map(toRow));
    },
    drop(subject) {
      sql?.drop.run(subject);
    },
    write(streamId, version, rows) {
      if (!sql) return;
      for (const r of rows) {
        const salt = sql.salt.get(r.subject, r.kind) as string | undefined;
        // Another writer made this subject's salt first: the caller resolves again.
        if (salt !== undefined && salt !== r.salt) throw new ConcurrencyError(streamId, version, version);
        try {
          sql.insert.run(r.commitment, r.subject, r.kind, JSON.stringify(r.value), r.salt, r.lookup);
        } catch (err) {
          // Another writer made this person (its lookup key) first: the caller resolves again.
          if (
            (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
            /certflow_personal\.lookup/.test((err as Error).message)
          )
            throw new ConcurrencyError(streamId, version, version);
          throw err;
        }
      }
    },
  };
}
