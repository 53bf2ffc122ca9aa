import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ConcurrencyError } from '@certflow/core';
import type { PersonalKind } from '@certflow/core';
import {
  importedVaultRows,
  personalLookupKey,
  type PersonalVault,
  type PersonalVaultRow,
  type ResolvedSubject,
  type VaultEntry,
  vaultRowsOf,
  vaultSubjects,
} from '@certflow/core/store';

/**
 * The personal-data vault of a SQLite store: the values and salts behind the
 * tokens of format-2 events, and the lookup from 身份证号 to subject (an HMAC
 * under the secret in `certflow_personal_secret`). Written in the append's
 * transaction; created when a store opened with `personal: true` first
 * writes the file. The events never reference these tables: a copy of the
 * file without them still verifies.
 *
 * One row per subject (person): its lookup key, its salt of each kind (one
 * salt per subject and kind), and its entries, each a value with its
 * commitment. A roster of 30 new people is 30 rows in one B-tree keyed by
 * subject plus the lookup index, where a row per value was 60 rows and four
 * B-trees; an append that names only known values writes nothing.
 *
 * `entries` is a JSON array of `[kind, commitment, value, lookup]`, with a
 * fifth element, the salt, only for an entry whose salt is not the subject's
 * salt of its kind (a file upgraded from rows that disagreed; never written
 * otherwise).
 */
const VAULT_SCHEMA = `
CREATE TABLE IF NOT EXISTS certflow_personal_subjects (
  subject   TEXT PRIMARY KEY,
  lookup    TEXT UNIQUE,
  id_salt   TEXT,
  name_salt TEXT,
  entries   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS certflow_personal_secret (
  one    INTEGER PRIMARY KEY CHECK (one = 1),
  secret BLOB NOT NULL
) STRICT;
`;

/** The table of vault rows per value, before one row per subject (read from, and upgraded when a store may write). */
const LEGACY_TABLE = 'certflow_personal';

/** The vault's operations, synchronous (better-sqlite3); the store wraps them as a `PersonalVault`. */
export interface SqliteVault {
  resolve(idNumbers: readonly string[]): Map<string, ResolvedSubject>;
  lookupKeys(values: Parameters<PersonalVault['lookupKeys']>[0]): string[];
  rows(subjects?: readonly string[]): PersonalVaultRow[];
  /** Inside the append's transaction: refuses rows that clash (ConcurrencyError), writes the new ones. */
  write(streamId: string, version: number, rows: readonly PersonalVaultRow[]): void;
  /** Imported rows checked and keyed under this vault's secret (`importedVaultRows`). */
  imported(rows: unknown): PersonalVaultRow[];
  /** Inside the erasure's transaction: deletes the subject's row (values, salts, lookup key). */
  drop(subject: string): void;
}

type SubjectRaw = [
  subject: string,
  lookup: string | null,
  idSalt: string | null,
  nameSalt: string | null,
  entries: string,
];

/** A subject's row as vault rows, ordered by kind, commitment. */
const rowsOf = (r: SubjectRaw): PersonalVaultRow[] =>
  vaultRowsOf(r[0], { 'id-number': r[2], name: r[3] }, JSON.parse(r[4]) as VaultEntry[]);

function hasTable(db: Database.Database, name: string): boolean {
  return (
    (db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) as number) ===
    1
  );
}

/** Whether the file has the vault's tables (a store opened read-only reads a vault only if one was written). */
export function hasVault(db: Database.Database): boolean {
  return (
    hasTable(db, 'certflow_personal_secret') &&
    (hasTable(db, 'certflow_personal_subjects') || hasTable(db, LEGACY_TABLE))
  );
}

/**
 * Rewrites a file's vault rows per value (the table `certflow_personal`) as
 * rows per subject, and drops the old table, inside the caller's transaction.
 */
function upgrade(db: Database.Database): void {
  const old = db
    .prepare(
      `SELECT commitment, subject, kind, value, salt, lookup FROM ${LEGACY_TABLE} ORDER BY subject, kind, commitment`,
    )
    .raw()
    .all() as [string, string, PersonalKind, string, string, string | null][];
  const rows = old.map(
    ([commitment, subject, kind, value, salt, lookup]): PersonalVaultRow => ({
      commitment,
      subject,
      kind,
      value: JSON.parse(value) as unknown,
      salt,
      lookup,
    }),
  );
  const insert = db.prepare(
    'INSERT INTO certflow_personal_subjects (subject, lookup, id_salt, name_salt, entries) VALUES (?, ?, ?, ?, ?)',
  );
  const taken = new Set<string>();
  for (const [subject, s] of vaultSubjects(rows)) {
    // A lookup key is one subject's (the old table's UNIQUE): never twice here either.
    const lookup = s.lookup !== null && !taken.has(s.lookup) ? s.lookup : null;
    if (lookup !== null) taken.add(lookup);
    insert.run(subject, lookup, s.salts['id-number'] ?? null, s.salts.name ?? null, JSON.stringify(s.entries));
  }
  db.exec(`DROP TABLE ${LEGACY_TABLE}`);
}

/** Opens the vault, creating its tables and secret (and upgrading rows per value) if the store may write. */
export function openVault(db: Database.Database, readOnly: boolean): SqliteVault {
  if (!readOnly) {
    db.transaction(() => {
      db.exec(VAULT_SCHEMA);
      db.prepare('INSERT OR IGNORE INTO certflow_personal_secret (one, secret) VALUES (1, ?)').run(randomBytes(32));
      if (hasTable(db, LEGACY_TABLE)) upgrade(db);
    }).immediate();
  }
  const present = readOnly ? hasVault(db) : true;
  const secret = present
    ? (db.prepare('SELECT secret FROM certflow_personal_secret WHERE one = 1').pluck().get() as Buffer)
    : randomBytes(32);
  // Read-only, a file written before rows per subject is read as it is (nothing is upgraded).
  if (present && readOnly && !hasTable(db, 'certflow_personal_subjects')) return legacyVault(db, secret);
  const COLS = 'subject, lookup, id_salt, name_salt, entries';
  const sql = present
    ? {
        // Batched: one statement for all the 身份证号 of a command, one for the subjects of an append.
        // The keys drive the join (a probe of the lookup index each), where `lookup IN (SELECT …)` first
        // built a temporary index of them: about a tenth less CPU for 30 known keys.
        byLookups: db
          .prepare(
            `SELECT s.lookup, s.subject, s.id_salt, s.name_salt FROM json_each(?) AS k CROSS JOIN certflow_personal_subjects AS s ON s.lookup = k.value`,
          )
          .raw(),
        bySubjects: db
          .prepare(`SELECT ${COLS} FROM certflow_personal_subjects WHERE subject IN (SELECT value FROM json_each(?))`)
          .raw(),
        // A lookup key another subject holds still fails (UNIQUE); only a known subject is left alone.
        insertNew: db.prepare(
          `INSERT INTO certflow_personal_subjects (${COLS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING`,
        ),
        ofSubject: db.prepare(`SELECT ${COLS} FROM certflow_personal_subjects WHERE subject = ?`).raw(),
        update: db.prepare(
          'UPDATE certflow_personal_subjects SET lookup = ?, id_salt = ?, name_salt = ?, entries = ? WHERE subject = ?',
        ),
        all: db.prepare(`SELECT ${COLS} FROM certflow_personal_subjects ORDER BY subject`).raw(),
        drop: db.prepare('DELETE FROM certflow_personal_subjects WHERE subject = ?'),
      }
    : undefined;
  return {
    resolve(idNumbers) {
      const out = new Map<string, ResolvedSubject>();
      const keys = idNumbers.map((value) => personalLookupKey(secret, 'id-number', value));
      const found = new Map<string, [string, string, string | null, string | null]>();
      if (sql && keys.length > 0)
        for (const r of sql.byLookups.all(JSON.stringify(keys)) as [string, string, string | null, string | null][])
          found.set(r[0], r);
      idNumbers.forEach((value, i) => {
        const r = found.get(keys[i]!);
        const resolved: ResolvedSubject = { lookup: keys[i]!, salts: {} };
        if (r) {
          resolved.subject = r[1];
          if (r[2] !== null) resolved.salts['id-number'] = r[2];
          if (r[3] !== null) resolved.salts.name = r[3];
        }
        out.set(value, resolved);
      });
      return out;
    },
    lookupKeys(values) {
      return values.map((v) => personalLookupKey(secret, v.kind, v.value));
    },
    imported(rows) {
      return importedVaultRows(secret, rows);
    },
    rows(subjects) {
      if (!sql) return [];
      const raws = subjects
        ? (sql.bySubjects.all(JSON.stringify([...new Set(subjects)])) as SubjectRaw[]).sort((a, b) =>
            a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
          )
        : (sql.all.all() as SubjectRaw[]);
      return raws.flatMap(rowsOf);
    },
    drop(subject) {
      sql?.drop.run(subject);
    },
    write(streamId, version, rows) {
      if (!sql || rows.length === 0) return;
      const given = vaultSubjects(rows);
      const clash = () => new ConcurrencyError(streamId, version, version);
      try {
        for (const [subject, s] of given) {
          // A new subject (the common case) is one insert; a known one is read and merged.
          const inserted = sql.insertNew.run(
            subject,
            s.lookup,
            s.salts['id-number'] ?? null,
            s.salts.name ?? null,
            JSON.stringify(s.entries),
          );
          if (inserted.changes === 1) continue;
          const h = sql.ofSubject.get(subject) as SubjectRaw;
          // Another writer made this subject's salt, or gave it another lookup key, first: the caller resolves again.
          const salts: Record<PersonalKind, string | null> = { 'id-number': h[2], name: h[3] };
          let lookup = h[1];
          let entries: VaultEntry[] | undefined;
          let changed = false;
          for (const e of s.entries) {
            const salt = e[4] ?? s.salts[e[0]]!;
            if (salts[e[0]] === null) {
              salts[e[0]] = salt;
              changed = true;
            } else if (salts[e[0]] !== salt) throw clash();
            if (e[3] !== null) {
              if (lookup === null) {
                lookup = e[3];
                changed = true;
              } else if (lookup !== e[3]) throw clash();
            }
            entries ??= JSON.parse(h[4]) as VaultEntry[];
            if (!entries.some((x) => x[1] === e[1])) {
              entries.push([e[0], e[1], e[2], e[3]]);
              changed = true;
            }
          }
          if (changed) sql.update.run(lookup, salts['id-number'], salts.name, JSON.stringify(entries), subject);
        }
      } catch (err) {
        // Another writer made this person (its lookup key) first: the caller resolves again.
        if (
          (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
          /certflow_personal_subjects\.lookup/.test((err as Error).message)
        )
          throw clash();
        throw err;
      }
    },
  };
}

/** The vault of a file written before rows per subject, opened read-only: read as it is. */
function legacyVault(db: Database.Database, secret: Buffer): SqliteVault {
  const COLS = 'commitment, subject, kind, value, salt, lookup';
  type Raw = [string, string, PersonalKind, string, string, string | null];
  const toRow = (r: Raw): PersonalVaultRow => ({
    commitment: r[0],
    subject: r[1],
    kind: r[2],
    value: JSON.parse(r[3]) as unknown,
    salt: r[4],
    lookup: r[5],
  });
  const sql = {
    byLookups: db
      .prepare(`SELECT lookup, subject FROM ${LEGACY_TABLE} WHERE lookup IN (SELECT value FROM json_each(?))`)
      .raw(),
    salts: db
      .prepare(
        `SELECT subject, kind, min(salt) FROM ${LEGACY_TABLE} WHERE subject IN (SELECT value FROM json_each(?)) GROUP BY subject, kind`,
      )
      .raw(),
    all: db.prepare(`SELECT ${COLS} FROM ${LEGACY_TABLE} ORDER BY subject, kind, commitment`).raw(),
    ofSubject: db.prepare(`SELECT ${COLS} FROM ${LEGACY_TABLE} WHERE subject = ? ORDER BY kind, commitment`).raw(),
  };
  const readOnly = () => {
    throw new Error('the vault of a store opened read-only is not written');
  };
  return {
    resolve(idNumbers) {
      const out = new Map<string, ResolvedSubject>();
      const keys = idNumbers.map((value) => personalLookupKey(secret, 'id-number', value));
      const subjects = new Map<string, string>(
        keys.length > 0 ? (sql.byLookups.all(JSON.stringify(keys)) as [string, string][]) : [],
      );
      const salts = new Map<string, Partial<Record<PersonalKind, string>>>();
      const known = [...new Set(subjects.values())];
      if (known.length > 0)
        for (const [subject, kind, salt] of sql.salts.all(JSON.stringify(known)) as [string, PersonalKind, string][]) {
          const s = salts.get(subject) ?? {};
          s[kind] = salt;
          salts.set(subject, s);
        }
      idNumbers.forEach((value, i) => {
        const found: ResolvedSubject = { lookup: keys[i]!, salts: {} };
        const subject = subjects.get(keys[i]!);
        if (subject !== undefined) {
          found.subject = subject;
          Object.assign(found.salts, salts.get(subject));
        }
        out.set(value, found);
      });
      return out;
    },
    lookupKeys(values) {
      return values.map((v) => personalLookupKey(secret, v.kind, v.value));
    },
    imported(rows) {
      return importedVaultRows(secret, rows);
    },
    rows(subjects) {
      if (!subjects) return (sql.all.all() as Raw[]).map(toRow);
      return [...new Set(subjects)].sort().flatMap((s) => (sql.ofSubject.all(s) as Raw[]).map(toRow));
    },
    drop: readOnly,
    write: readOnly,
  };
}
