import type Database from 'better-sqlite3';
import {
  consistencyProof,
  eventLeafHash,
  inclusionProof,
  memoryTransparencyLog,
  nodesForAppend,
  treeRoot,
  ProofUnavailableError,
  type Hash,
  type NodeReader,
  type StoredEvent,
  type TransparencyLog,
} from '@certflow/core';

/**
 * The RFC 9162 Merkle tree over a SQLite store, in two tables beside the
 * events: every complete subtree hash (level, idx), and the leaf index of
 * each event's position. Leaves are added inside the append's (or import's)
 * own transaction, so the tree never lags the log, and `BEGIN IMMEDIATE`
 * serializes the writers of every process, so leaf order is commit order.
 * A file written by a release without the tree (or an older process still
 * appending to it) is caught up on open and before each append.
 */
const TREE_SCHEMA = `
CREATE TABLE IF NOT EXISTS certflow_tree_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS certflow_tree_leaves (
  position INTEGER PRIMARY KEY,
  leaf     INTEGER NOT NULL
) STRICT;
`;

const CATCH_UP_BATCH = 5000;

/** Benchmark seam (not exported from the package): with `disabled`, appends skip the tree, the baseline bench/transparency compares against. */
export const treeSeam = { disabled: false };

export interface SqliteTree {
  /** Adds the leaves of events just inserted (in position order), inside the caller's transaction. */
  add(events: readonly StoredEvent[]): void;
  readonly log: TransparencyLog;
}

function hasTables(db: Database.Database): boolean {
  const n = db
    .prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('certflow_tree_nodes', 'certflow_tree_leaves')")
    .pluck()
    .get() as number;
  return n === 2;
}

/** Opens the tree of a store's database, creating and catching it up when the file can be written. */
export function openTree(db: Database.Database, assertOpen: () => void = () => {}): SqliteTree {
  if (!hasTables(db)) {
    try {
      db.transaction(() => db.exec(TREE_SCHEMA)).immediate();
    } catch (err) {
      // A database opened read-only (or on read-only media): answer from a tree rebuilt in memory.
      if (/READONLY/.test(String((err as { code?: unknown }).code))) return readOnlyTree(db, assertOpen);
      throw err;
    }
  }
  const sql = {
    node: db.prepare('SELECT hash FROM certflow_tree_nodes WHERE level = ? AND idx = ?').pluck(),
    putNode: db.prepare('INSERT INTO certflow_tree_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    putLeaf: db.prepare('INSERT INTO certflow_tree_leaves (position, leaf) VALUES (?, ?)'),
    size: db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM certflow_tree_nodes WHERE level = 0').pluck(),
    lastCovered: db.prepare('SELECT COALESCE(MAX(position), 0) FROM certflow_tree_leaves').pluck(),
    leafOf: db.prepare('SELECT leaf FROM certflow_tree_leaves WHERE position = ?').pluck(),
    uncovered: db.prepare(`SELECT position, hash FROM certflow_events WHERE position > ? AND position < ? ORDER BY position LIMIT ${CATCH_UP_BATCH}`).raw(),
  };
  const read: NodeReader = (level, index) => {
    const h = sql.node.get(level, index) as Buffer | undefined;
    if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
    return new Uint8Array(h.buffer, h.byteOffset, h.byteLength);
  };
  const addLeaf = (position: number, hash: string, index: number) => {
    for (const n of nodesForAppend(index, eventLeafHash(hash), read)) sql.putNode.run(n.level, n.index, Buffer.from(n.hash));
    sql.putLeaf.run(position, index);
  };
  const catchUp = (before: number): number => {
    let size = sql.size.get() as number;
    // in batches: better-sqlite3 allows no write while a statement iterates
    for (;;) {
      const rows = sql.uncovered.all(sql.lastCovered.get() as number, before) as [number, string][];
      for (const [position, hash] of rows) addLeaf(position, hash, size++);
      if (rows.length < CATCH_UP_BATCH) return size;
    }
  };
  if ((sql.lastCovered.get() as number) < ((db.prepare('SELECT COALESCE(MAX(position), 0) FROM certflow_events').pluck().get() as number))) {
    db.transaction(() => catchUp(Number.MAX_SAFE_INTEGER)).immediate();
  }
  const checkSize = (size: number | undefined): number => {
    const have = sql.size.get() as number;
    const s = size ?? have;
    if (!Number.isInteger(s) || s < 0 || s > have) throw new ProofUnavailableError(`the tree has ${have} leaves, not ${s}`);
    return s;
  };
  return {
    add(events) {
      if (events.length === 0 || treeSeam.disabled) return;
      let size = catchUp(events[0]!.position);
      for (const e of events) addLeaf(e.position, e.hash, size++);
    },
    log: {
      async size() {
        assertOpen();
        return sql.size.get() as number;
      },
      async root(size) {
        assertOpen();
        return db.transaction(() => treeRoot(checkSize(size), read))();
      },
      async inclusionProof(index, size) {
        assertOpen();
        return db.transaction(() => inclusionProof(index, checkSize(size), read))();
      },
      async consistencyProof(oldSize, newSize) {
        assertOpen();
        return db.transaction(() => consistencyProof(oldSize, checkSize(newSize), read))();
      },
      async leafIndexOf(position) {
        assertOpen();
        return (sql.leafOf.get(position) as number | undefined) ?? undefined;
      },
    },
  };
}

/** A tree rebuilt from the events on every question, for a database this process may not write. */
function readOnlyTree(db: Database.Database, assertOpen: () => void): SqliteTree {
  const all = db.prepare('SELECT position, hash FROM certflow_events ORDER BY position').raw();
  const build = () => {
    assertOpen();
    const t = memoryTransparencyLog();
    for (const [position, hash] of all.iterate() as Iterable<[number, string]>) t.add(position, hash);
    return t.log;
  };
  return {
    add() {
      throw new ProofUnavailableError('the database is read-only');
    },
    log: {
      size: () => build().size(),
      root: (size) => build().root(size),
      inclusionProof: (i, size) => build().inclusionProof(i, size),
      consistencyProof: (m, n) => build().consistencyProof(m, n),
      leafIndexOf: (p) => build().leafIndexOf(p),
    },
  };
}

export type { Hash };
