import type Database from 'better-sqlite3';
import {
  EMPTY_ROOT,
  consistencyRanges,
  eventLeafHash,
  inclusionRanges,
  memoryTransparencyLog,
  nodeHash,
  nodesNeeded,
  rangeHashes,
  rangeNodes,
  ProofUnavailableError,
  type Hash,
  type LeafRange,
  type NodeReader,
  type StoredEvent,
  type TransparencyLog,
} from '@certflow/core';

/**
 * The RFC 9162 Merkle tree over a SQLite store, beside the events, written
 * inside the append's (or import's) own transaction, so the tree never lags
 * the log; `BEGIN IMMEDIATE` serializes the writers of every process, so
 * leaf order is commit order.
 *
 * To add as little as possible to an append's write, leaves are not stored:
 * leaf i is the event at position i + offset, its hash SHA-256(0x00 ‖ event
 * hash) recomputed when needed, and `certflow_tree_gaps` records where the
 * offset changes (only an import above a gap adds a row). Every complete
 * subtree above the leaves is kept in `certflow_tree_nodes` (about one row
 * per event), and `certflow_tree_head` holds the size, so an append adds a
 * node row or two and rewrites one head row.
 *
 * The right frontier (the O(log n) complete subtrees covering the tree) is
 * kept in memory, so an append reads no node: it computes its new nodes from
 * a scratch copy of the frontier, which becomes the cached one only once the
 * transaction committed (`commit`); any failure drops the cache (`abort`).
 * The cache is checked against the stored head (size and last position) at
 * the start of every write, so another process's appends (or a rollback) make
 * it reload from the stored nodes.
 *
 * A file written by a release without the tree (or by an older process still
 * appending to it) is caught up on open and before each append.
 */
const TREE_SCHEMA = `
CREATE TABLE IF NOT EXISTS certflow_tree_nodes (
  level INTEGER NOT NULL CHECK (level >= 1),
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS certflow_tree_gaps (
  leaf   INTEGER PRIMARY KEY,
  offset INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS certflow_tree_head (
  one           INTEGER PRIMARY KEY CHECK (one = 1),
  size          INTEGER NOT NULL,
  last_position INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO certflow_tree_head (one, size, last_position) VALUES (1, 0, 0);
`;
const TABLES = ['certflow_tree_nodes', 'certflow_tree_gaps', 'certflow_tree_head'];

const CATCH_UP_BATCH = 5000;
/** Positions start at 1, leaves at 0: the offset where no gap row says otherwise. */
const FIRST_POSITION = 1;

/** Benchmark seam (not exported from the package): with `disabled`, appends skip the tree, the baseline bench/transparency compares against. */
export const treeSeam = { disabled: false };

/**
 * Counts (not exported from the package) for tests: node queries run by tree
 * questions, range hashes answered from the right-edge cache, and frontiers
 * loaded from the stored nodes by appends (the in-memory frontier missing or
 * stale).
 */
export const treeStats = { nodeQueries: 0, edgeHits: 0, frontierLoads: 0 };

export interface SqliteTree {
  /** Adds the leaves of events just inserted (in position order), inside the caller's transaction. */
  add(events: readonly StoredEvent[]): void;
  /** The caller's transaction committed: what `add` computed becomes the cached frontier. */
  commit(): void;
  /** The caller's transaction failed (or may not have committed): the cached frontier is dropped. */
  abort(): void;
  readonly log: TransparencyLog;
}

function hasTables(db: Database.Database): boolean {
  const n = db
    .prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN (${TABLES.map((t) => `'${t}'`).join(', ')})`)
    .pluck()
    .get() as number;
  return n === TABLES.length;
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
    head: db.prepare('SELECT size, last_position FROM certflow_tree_head WHERE one = 1').raw(),
    setHead: db.prepare('UPDATE certflow_tree_head SET size = ?, last_position = ? WHERE one = 1'),
    gapAt: db.prepare('SELECT offset FROM certflow_tree_gaps WHERE leaf <= ? ORDER BY leaf DESC LIMIT 1').pluck(),
    gapOfPosition: db.prepare('SELECT offset FROM certflow_tree_gaps WHERE leaf + offset <= ? ORDER BY leaf DESC LIMIT 1').pluck(),
    putGap: db.prepare('INSERT INTO certflow_tree_gaps (leaf, offset) VALUES (?, ?)'),
    eventHash: db.prepare('SELECT hash FROM certflow_events WHERE position = ?').pluck(),
    maxPosition: db.prepare('SELECT COALESCE(MAX(position), 0) FROM certflow_events').pluck(),
    uncovered: db.prepare(`SELECT position, hash FROM certflow_events WHERE position > ? AND position < ? ORDER BY position LIMIT ${CATCH_UP_BATCH}`).raw(),
  };
  // every node a question needs, in one statement; one prepared statement per number of keys (a few dozen at most)
  const nodeStatements = new Map<number, Database.Statement>();
  const nodesStatement = (count: number): Database.Statement => {
    let st = nodeStatements.get(count);
    if (!st) {
      st = db.prepare(`SELECT level, idx, hash FROM certflow_tree_nodes WHERE (level, idx) IN (VALUES ${Array.from({ length: count }, () => '(?, ?)').join(', ')})`).raw();
      nodeStatements.set(count, st);
    }
    return st;
  };
  const head = () => sql.head.get() as [size: number, lastPosition: number];
  const offsetOf = (leaf: number) => (sql.gapAt.get(leaf) as number | undefined) ?? FIRST_POSITION;
  const read: NodeReader = (level, index) => {
    if (level === 0) {
      const hash = sql.eventHash.get(index + offsetOf(index)) as string | undefined;
      if (hash === undefined) throw new ProofUnavailableError(`leaf ${index} is not in the tree`);
      return eventLeafHash(hash);
    }
    const h = sql.node.get(level, index) as Buffer | undefined;
    if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
    return new Uint8Array(h.buffer, h.byteOffset, h.byteLength);
  };
  /**
   * A tree of `size` leaves, the last of them the event at `lastPosition`, by
   * its frontier: the hashes of `rangeNodes(0, size)`, left to right.
   */
  type Frontier = { size: number; lastPosition: number; hashes: Hash[] };
  /** The frontier of the stored tree of `size` leaves, from its stored nodes (leaves from their events). */
  const loadFrontier = (size: number, lastPosition: number): Frontier => {
    treeStats.frontierLoads++;
    return { size, lastPosition, hashes: rangeNodes(0, size).map((k) => read(k.level, k.index)) };
  };
  /**
   * Adds leaves in position order to `f` (a scratch copy, changed in place),
   * inserting every node they complete above the leaves; the events must
   * already be in certflow_events.
   */
  const addLeaves = (leaves: Iterable<readonly [position: number, hash: string]>, f: Frontier): void => {
    const hashes = f.hashes;
    for (const [position, hash] of leaves) {
      const size = f.size;
      if (position - size !== (size === 0 ? FIRST_POSITION : f.lastPosition - (size - 1))) sql.putGap.run(size, position - size);
      // the nodes leaf `size` completes: one per trailing 1 bit of its index, each over the frontier's last hash
      let h = eventLeafHash(hash);
      let level = 0;
      let index = size;
      while (index % 2 === 1) {
        h = nodeHash(hashes.pop()!, h);
        level++;
        index = (index - 1) / 2;
        sql.putNode.run(level, index, Buffer.from(h.buffer, h.byteOffset, h.byteLength));
      }
      hashes.push(h);
      f.size = size + 1;
      f.lastPosition = position;
    }
  };
  /** Adds the events below `before` the tree does not cover yet (written by a release without the tree). */
  const catchUp = (f: Frontier, before: number): void => {
    // in batches: better-sqlite3 allows no write while a statement iterates
    for (;;) {
      const rows = sql.uncovered.all(f.lastPosition, before) as [number, string][];
      addLeaves(rows, f);
      if (rows.length < CATCH_UP_BATCH) return;
    }
  };
  if (head()[1] < (sql.maxPosition.get() as number)) {
    try {
      db.transaction(() => {
        const f = loadFrontier(...head());
        catchUp(f, Number.MAX_SAFE_INTEGER);
        sql.setHead.run(f.size, f.lastPosition);
      }).immediate();
    } catch (err) {
      // A file written before the tree existed, opened read-only: answer from a tree rebuilt in memory.
      if (db.readonly || /READONLY/.test(String((err as { code?: unknown }).code))) return readOnlyTree(db, assertOpen);
      throw err;
    }
  }
  const checkSize = (size: number | undefined): number => {
    const have = head()[0];
    const s = size ?? have;
    if (!Number.isInteger(s) || s < 0 || s > have) throw new ProofUnavailableError(`the tree has ${have} leaves, not ${s}`);
    return s;
  };
  // The hashes of the ranges that end at the right edge of the last size asked
  // ([lo, size), keyed by lo): every proof at that size folds the same
  // frontier, so they are kept until another size is asked. A tree of a given
  // size never changes, so they never go stale.
  let edge = { size: -1, hashes: new Map<number, Hash>() };
  /**
   * The subtree hashes of ranges of the tree of `size` leaves: the right-edge
   * ones from the cache, the others from their stored nodes, fetched in one
   * query (leaves from their events). Complete subtrees never change and the
   * head only grows, so no transaction is needed around the reads.
   */
  const hashesOf = (ranges: readonly LeafRange[], size: number): Hash[] => {
    if (edge.size !== size) edge = { size, hashes: new Map() };
    const cached = ranges.map(([lo, hi]) => (hi === size ? edge.hashes.get(lo) : undefined));
    const uncached = ranges.filter((_, i) => cached[i] === undefined);
    treeStats.edgeHits += ranges.length - uncached.length;
    if (uncached.length === 0) return cached as Hash[];
    const keys = nodesNeeded(uncached);
    const found = new Map<string, Hash>();
    const upper = keys.filter((k) => k.level > 0);
    if (upper.length > 0) {
      treeStats.nodeQueries++;
      for (const [level, idx, hash] of nodesStatement(upper.length).all(...upper.flatMap((k) => [k.level, k.index])) as [number, number, Buffer][]) {
        found.set(`${level}/${idx}`, new Uint8Array(hash.buffer, hash.byteOffset, hash.byteLength));
      }
    }
    const fromFound: NodeReader = (level, index) => {
      if (level === 0) return read(0, index);
      const h = found.get(`${level}/${index}`);
      if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
      return h;
    };
    const computed = rangeHashes(uncached, fromFound);
    let j = 0;
    return ranges.map(([lo, hi], i) => {
      const h = cached[i] ?? computed[j++]!;
      if (hi === size) edge.hashes.set(lo, h);
      return h;
    });
  };
  /** The frontier of the committed tree as this process last wrote or loaded it. */
  let frontier: Frontier | undefined;
  /** What the running transaction's `add` computed: the cached frontier once it committed. */
  let staged: Frontier | undefined;
  return {
    add(events) {
      if (events.length === 0 || treeSeam.disabled) return;
      const [size, last] = head();
      // A tree of a given size never changes once committed, and positions only
      // grow: a cache of the stored size and last position is the stored frontier.
      const base = frontier && frontier.size === size && frontier.lastPosition === last ? frontier : loadFrontier(size, last);
      const scratch: Frontier = { size, lastPosition: last, hashes: base.hashes.slice() };
      if (events[0]!.position > last + 1) catchUp(scratch, events[0]!.position);
      addLeaves(
        events.map((e) => [e.position, e.hash] as const),
        scratch,
      );
      sql.setHead.run(scratch.size, scratch.lastPosition);
      staged = scratch;
    },
    commit() {
      if (staged) frontier = staged;
      staged = undefined;
    },
    abort() {
      frontier = staged = undefined;
    },

    log: {
      async size() {
        assertOpen();
        return head()[0];
      },
      async root(size) {
        assertOpen();
        const n = checkSize(size);
        return n === 0 ? EMPTY_ROOT : hashesOf([[0, n]], n)[0]!;
      },
      async inclusionProof(index, size) {
        assertOpen();
        const n = checkSize(size);
        if (!Number.isInteger(index) || index < 0 || index >= n) throw new ProofUnavailableError(`leaf ${index} is not in a tree of ${n} leaves`);
        return hashesOf(inclusionRanges(index, n), n);
      },
      async consistencyProof(oldSize, newSize) {
        assertOpen();
        const n = checkSize(newSize);
        if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > n) throw new ProofUnavailableError(`no consistency proof from ${oldSize} to ${n} leaves`);
        return hashesOf(consistencyRanges(oldSize, n), n);
      },
      async leafIndexOf(position) {
        assertOpen();
        return db.transaction(() => {
          if (!Number.isInteger(position) || sql.eventHash.get(position) === undefined) return undefined;
          const leaf = position - ((sql.gapOfPosition.get(position) as number | undefined) ?? FIRST_POSITION);
          return leaf < head()[0] ? leaf : undefined;
        })();
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
    commit() {},
    abort() {},
    log: {
      size: () => build().size(),
      root: (size) => build().root(size),
      inclusionProof: (i, size) => build().inclusionProof(i, size),
      consistencyProof: (m, n) => build().consistencyProof(m, n),
      leafIndexOf: (p) => build().leafIndexOf(p),
    },
  };
}
