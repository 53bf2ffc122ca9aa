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
 * The RFC 9162 Merkle tree over a SQLite store, beside the events, kept by
 * the append's (or import's) own transaction, so the tree never lags the log;
 * `BEGIN IMMEDIATE` serializes the writers of every process, so leaf order is
 * commit order.
 *
 * To add as little as possible to an append's write, only what cannot be
 * recomputed cheaply is stored:
 *
 * - leaves are not stored: leaf i is the event at position i + offset, its
 *   hash SHA-256(0x00 ‖ event hash) recomputed when needed, and
 *   `certflow_tree_gaps` records where the offset changes (only an import
 *   above a gap adds a row);
 * - of the complete subtrees, only those at level {@link STORED_LEVEL} and
 *   above are kept in `certflow_tree_nodes` (one row per 2^(STORED_LEVEL−1)
 *   leaves on average); a node below is computed from its at most
 *   2^STORED_LEVEL events when a question needs it;
 * - `certflow_tree_head` holds a size and the position of its last leaf, and
 *   is rewritten only by an append that writes nodes or a gap row: the tree
 *   is that size plus every event after that position (the tail: fewer than
 *   2^WRITE_LEVEL leaves). The nodes the tail completes, from STORED_LEVEL
 *   up, are written together, with the head, by the append that completes a
 *   node of {@link WRITE_LEVEL} (or writes a gap row); until then a question
 *   computes them from the tail's events. The tail is read from the events,
 *   so another process's appends are seen without a head write.
 *
 * So an append usually writes no tree row at all: one write of a few
 * adjacent node rows and the head per 2^WRITE_LEVEL events. (A release that
 * wrote each node as it completed reads such a file as a tree a little
 * shorter, and appends to it alike: it writes the tail's nodes itself.)
 *
 * The right frontier (the O(log n) complete subtrees covering the tree) is
 * kept in memory, so an append reads no node: it computes its new nodes from
 * a scratch copy of the frontier, which becomes the cached one only once the
 * transaction committed (`commit`); any failure drops the cache (`abort`).
 * The cache holds while appends follow on its last position; otherwise
 * (another process appended, or a rollback) it is reloaded from the stored
 * head, nodes and tail.
 *
 * A file written by a release without the tree (or by an older process still
 * appending to it) is caught up on open and before each append; a file
 * written by a release that stored every node above the leaves has its nodes
 * below STORED_LEVEL removed when it is opened for writing (a reader answers
 * from either layout).
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

/** The lowest level of the stored nodes: the subtrees of 2^STORED_LEVEL leaves and up. */
export const STORED_LEVEL = 4;
const BLOCK = 2 ** STORED_LEVEL;
/**
 * Stored nodes are written in groups, with the head: by the append that
 * completes a node of this level (every 2^WRITE_LEVEL leaves) or writes a gap
 * row. The nodes of the tail (from level STORED_LEVEL up, in fewer than
 * 2^WRITE_LEVEL leaves) are computed from its events when a question needs
 * them, as those below STORED_LEVEL are. One write of a few adjacent rows per
 * 2^WRITE_LEVEL leaves dirties fewer pages than a row and the head every
 * 2^STORED_LEVEL leaves. Level 7 (128 leaves): each write dirties a page per
 * level written and the head's, so the longer the group, the fewer pages per
 * event go to the WAL; but a question computes the tail from its events
 * (a proof and the root of the newest leaf, asked after each of 300 appends
 * to 10,000 events, took 0.35, 0.40 and 0.99 ms, median, at levels 6, 7 and
 * 8).
 */
export const WRITE_LEVEL = 7;
const GROUP = 2 ** WRITE_LEVEL;

const CATCH_UP_BATCH = 5000;
/** Positions start at 1, leaves at 0: the offset where no gap row says otherwise. */
const FIRST_POSITION = 1;

/** Benchmark seam (not exported from the package): with `disabled`, appends skip the tree, the baseline bench/transparency compares against. */
export const treeSeam = { disabled: false };

/**
 * Counts (not exported from the package) for tests: node queries run by tree
 * questions, range hashes answered from the right-edge cache, frontiers
 * loaded from the stored nodes by appends (the in-memory frontier missing or
 * stale), and tree rows (nodes, gaps, head) written by appends.
 */
export const treeStats = { nodeQueries: 0, edgeHits: 0, frontierLoads: 0, rowsWritten: 0 };

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
    .prepare(
      `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN (${TABLES.map((t) => `'${t}'`).join(', ')})`,
    )
    .pluck()
    .get() as number;
  return n === TABLES.length;
}

const asHash = (b: Buffer | undefined): Hash | undefined =>
  b ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : undefined;

const isReadOnlyError = (db: Database.Database, err: unknown) =>
  db.readonly || /READONLY/.test(String((err as { code?: unknown }).code));

/** Opens the tree of a store's database, creating and catching it up when the file can be written. */
export function openTree(db: Database.Database, assertOpen: () => void = () => {}): SqliteTree {
  if (!hasTables(db)) {
    try {
      db.transaction(() => db.exec(TREE_SCHEMA)).immediate();
    } catch (err) {
      // A database opened read-only (or on read-only media): answer from a tree rebuilt in memory.
      if (isReadOnlyError(db, err)) return readOnlyTree(db, assertOpen);
      throw err;
    }
  }
  const sql = {
    node: db.prepare('SELECT hash FROM certflow_tree_nodes WHERE level = ? AND idx = ?').pluck(),
    putNode: db.prepare('INSERT INTO certflow_tree_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    putNodeIfAbsent: db.prepare('INSERT OR IGNORE INTO certflow_tree_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    head: db.prepare('SELECT size, last_position FROM certflow_tree_head WHERE one = 1').raw(),
    setHead: db.prepare('UPDATE certflow_tree_head SET size = ?, last_position = ? WHERE one = 1'),
    gapAt: db.prepare('SELECT offset FROM certflow_tree_gaps WHERE leaf <= ? ORDER BY leaf DESC LIMIT 1').pluck(),
    gapOfPosition: db
      .prepare('SELECT offset FROM certflow_tree_gaps WHERE leaf + offset <= ? ORDER BY leaf DESC LIMIT 1')
      .pluck(),
    putGap: db.prepare('INSERT INTO certflow_tree_gaps (leaf, offset) VALUES (?, ?)'),
    eventHash: db.prepare('SELECT hash FROM certflow_events WHERE position = ?').pluck(),
    /** `count` event hashes in position order from `position` on: consecutive leaves. */
    hashesFrom: db.prepare('SELECT hash FROM certflow_events WHERE position >= ? ORDER BY position LIMIT ?').pluck(),
    /** The position of the (offset + 1)-th event after a position: a leaf of the tail. */
    nthAfter: db
      .prepare('SELECT position FROM certflow_events WHERE position > ? ORDER BY position LIMIT 1 OFFSET ?')
      .pluck(),
    /** Events after a position, counted up to a limit: the tail. */
    countAfter: db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM certflow_events WHERE position > ? LIMIT ?)').pluck(),
    countBetween: db.prepare('SELECT COUNT(*) FROM certflow_events WHERE position > ? AND position <= ?').pluck(),
    maxBefore: db.prepare('SELECT COALESCE(MAX(position), 0) FROM certflow_events WHERE position < ?').pluck(),
    uncovered: db
      .prepare(
        `SELECT position, hash FROM certflow_events WHERE position > ? AND position < ? ORDER BY position LIMIT ${CATCH_UP_BATCH}`,
      )
      .raw(),
    lowNode: db.prepare('SELECT 1 FROM certflow_tree_nodes WHERE level < ? LIMIT 1').pluck(),
  };
  // every node a question needs, in one statement; one prepared statement per number of keys (a few dozen at most)
  const nodeStatements = new Map<number, Database.Statement>();
  const nodesStatement = (count: number): Database.Statement => {
    let st = nodeStatements.get(count);
    if (!st) {
      st = db
        .prepare(
          `SELECT level, idx, hash FROM certflow_tree_nodes WHERE (level, idx) IN (VALUES ${Array.from({ length: count }, () => '(?, ?)').join(', ')})`,
        )
        .raw();
      nodeStatements.set(count, st);
    }
    return st;
  };
  const head = () => sql.head.get() as [size: number, lastPosition: number];
  /**
   * The tree as stored now: the head, and its size with the tail, which stops
   * short of the next node of WRITE_LEVEL (a tail that reaches it was
   * appended by a process that keeps no tree, and waits for a catch-up).
   */
  type Shape = { headSize: number; headLast: number; size: number };
  const readShape = db.transaction((): Shape => {
    const [headSize, headLast] = head();
    const room = (Math.floor(headSize / GROUP) + 1) * GROUP - 1 - headSize;
    return { headSize, headLast, size: headSize + (sql.countAfter.get(headLast, room) as number) };
  });
  /** The position of a leaf of the tree `shape` (below its size). */
  const positionOf = (leaf: number, shape: Shape): number | undefined =>
    leaf < shape.headSize
      ? leaf + ((sql.gapAt.get(leaf) as number | undefined) ?? FIRST_POSITION)
      : (sql.nthAfter.get(shape.headLast, leaf - shape.headSize) as number | undefined);
  /** The leaf hashes of [lo, hi), consecutive leaves of the tree `shape`, read from their events. */
  const leafHashes = (lo: number, hi: number, shape: Shape): Hash[] => {
    const first = positionOf(lo, shape);
    const hashes = first === undefined ? [] : (sql.hashesFrom.all(first, hi - lo) as string[]);
    if (hashes.length !== hi - lo) throw new ProofUnavailableError(`leaves ${lo} to ${hi - 1} are not in the tree`);
    return hashes.map(eventLeafHash);
  };
  /**
   * A reader of the tree `shape`: stored nodes from `stored` (or one query
   * each), nodes below STORED_LEVEL and the nodes of the tail (not stored
   * yet) computed from the leaves of their blocks, each block's leaves read
   * once.
   */
  const reader = (shape: Shape, stored?: Map<string, Hash>): NodeReader => {
    const blocks = new Map<number, Hash[]>();
    const low = (level: number, index: number): Hash => {
      const lo = index * 2 ** level;
      const b = Math.floor(lo / BLOCK);
      let leaves = blocks.get(b);
      if (!leaves) {
        leaves = leafHashes(b * BLOCK, Math.min((b + 1) * BLOCK, shape.size), shape);
        blocks.set(b, leaves);
      }
      const from = lo - b * BLOCK;
      if (from + 2 ** level > leaves.length)
        throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
      let row = leaves.slice(from, from + 2 ** level);
      while (row.length > 1)
        row = Array.from({ length: row.length / 2 }, (_, i) => nodeHash(row[2 * i]!, row[2 * i + 1]!));
      return row[0]!;
    };
    const computed = (level: number, index: number): Hash =>
      level < STORED_LEVEL
        ? low(level, index)
        : nodeHash(computed(level - 1, 2 * index), computed(level - 1, 2 * index + 1));
    return (level, index) => {
      if (level < STORED_LEVEL || (index + 1) * 2 ** level > shape.headSize) {
        if ((index + 1) * 2 ** level > shape.size)
          throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
        return computed(level, index);
      }
      const h = stored ? stored.get(`${level}/${index}`) : asHash(sql.node.get(level, index) as Buffer | undefined);
      if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
      return h;
    };
  };
  /**
   * A tree of `size` leaves, the last of them the event at `lastPosition`, by
   * its frontier: the hashes of `rangeNodes(0, size)`, left to right.
   */
  type Frontier = {
    size: number;
    lastPosition: number;
    hashes: Hash[];
    /** The nodes from STORED_LEVEL up the leaves after the head completed, to be written with the next head. */
    pending: [level: number, index: number, hash: Hash][];
    /** The size of the stored head it was loaded from or last wrote. */
    headSize: number;
  };
  /** The frontier of the stored head's tree, from its stored nodes (lower nodes from their events). */
  const loadFrontier = (): Frontier => {
    treeStats.frontierLoads++;
    const [headSize, headLast] = head();
    const read = reader({ headSize, headLast, size: headSize });
    return {
      size: headSize,
      lastPosition: headLast,
      hashes: rangeNodes(0, headSize).map((k) => read(k.level, k.index)),
      pending: [],
      headSize,
    };
  };
  /** Inserts the pending nodes of `f`. */
  const flush = (f: Frontier): void => {
    if (f.pending.length === 0) return;
    // The pending nodes are the tail's, which a process of the release that wrote each node as it completed
    // may have written meanwhile, catching the tail up when it opened the file (no event added, so the
    // frontier held; the head moved): the same nodes of the same events, kept as they are.
    const put = head()[0] === f.headSize ? sql.putNode : sql.putNodeIfAbsent;
    for (const [level, index, h] of f.pending) {
      put.run(level, index, Buffer.from(h.buffer, h.byteOffset, h.byteLength));
      treeStats.rowsWritten++;
    }
    f.pending = [];
  };
  /**
   * Adds leaves in position order to `f` (a scratch copy, changed in place):
   * the nodes they complete from STORED_LEVEL up become pending, and are
   * inserted once a node of WRITE_LEVEL or above completes; the events must
   * already be in certflow_events. Returns whether the head must be written
   * (a gap row was written, or nodes were, or are pending behind a gap).
   */
  const addLeaves = (leaves: Iterable<readonly [position: number, hash: string]>, f: Frontier): boolean => {
    const hashes = f.hashes;
    let wrote = false;
    for (const [position, hash] of leaves) {
      const size = f.size;
      if (position - size !== (size === 0 ? FIRST_POSITION : f.lastPosition - (size - 1))) {
        sql.putGap.run(size, position - size);
        treeStats.rowsWritten++;
        wrote = true;
      }
      // the nodes leaf `size` completes: one per trailing 1 bit of its index, each over the frontier's last hash
      let h = eventLeafHash(hash);
      let level = 0;
      let index = size;
      while (index % 2 === 1) {
        h = nodeHash(hashes.pop()!, h);
        level++;
        index = (index - 1) / 2;
        if (level >= STORED_LEVEL) f.pending.push([level, index, h]);
      }
      if (level >= WRITE_LEVEL) {
        flush(f);
        wrote = true;
      }
      hashes.push(h);
      f.size = size + 1;
      f.lastPosition = position;
    }
    return wrote;
  };
  /** Adds the events after `f` and below `before` (appended by others, or by a release without the tree). */
  const catchUp = (f: Frontier, before: number): boolean => {
    let wrote = false;
    // in batches: better-sqlite3 allows no write while a statement iterates
    for (;;) {
      const rows = sql.uncovered.all(f.lastPosition, before) as [number, string][];
      if (addLeaves(rows, f)) wrote = true;
      if (rows.length < CATCH_UP_BATCH) return wrote;
    }
  };
  /** Writes the head of `f` after rows were written for it, and the nodes still pending below it. */
  const writeHead = (f: Frontier): void => {
    flush(f);
    sql.setHead.run(f.size, f.lastPosition);
    f.headSize = f.size;
    treeStats.rowsWritten++;
  };
  {
    const shape = readShape();
    const lagging =
      (sql.countAfter.get(shape.headLast, shape.size - shape.headSize + 1) as number) > shape.size - shape.headSize;
    const oldLayout = sql.lowNode.get(STORED_LEVEL) !== undefined;
    if (lagging || oldLayout) {
      try {
        db.transaction(() => {
          // nodes a release that stored every level wrote below STORED_LEVEL: recomputed from the events from now on
          if (oldLayout) db.prepare('DELETE FROM certflow_tree_nodes WHERE level < ?').run(STORED_LEVEL);
          const f = loadFrontier();
          if (catchUp(f, Number.MAX_SAFE_INTEGER)) writeHead(f);
        }).immediate();
      } catch (err) {
        if (!isReadOnlyError(db, err)) throw err;
        // A file the tree does not cover, opened read-only: answer from a tree rebuilt in memory.
        // (A file of the earlier layout is read as it is: it holds every node this one does.)
        if (lagging) return readOnlyTree(db, assertOpen);
      }
    }
  }
  const checkSize = (size: number | undefined): Shape => {
    const shape = readShape();
    const s = size ?? shape.size;
    if (!Number.isInteger(s) || s < 0 || s > shape.size)
      throw new ProofUnavailableError(`the tree has ${shape.size} leaves, not ${s}`);
    return { ...shape, size: s };
  };
  // The hashes of the ranges that end at the right edge of the last size asked
  // ([lo, size), keyed by lo): every proof at that size folds the same
  // frontier, so they are kept until another size is asked. A tree of a given
  // size never changes, so they never go stale.
  let edge = { size: -1, hashes: new Map<number, Hash>() };
  /**
   * The subtree hashes of ranges of the tree `shape`: the right-edge ones from
   * the cache, the others from their stored nodes, fetched in one query, and
   * nodes below STORED_LEVEL from their events (a block's leaves in one
   * query). Complete subtrees never change and the tree only grows, so no
   * transaction is needed around the reads.
   */
  const hashesOf = (ranges: readonly LeafRange[], shape: Shape): Hash[] => {
    const size = shape.size;
    if (edge.size !== size) edge = { size, hashes: new Map() };
    const cached = ranges.map(([lo, hi]) => (hi === size ? edge.hashes.get(lo) : undefined));
    const uncached = ranges.filter((_, i) => cached[i] === undefined);
    treeStats.edgeHits += ranges.length - uncached.length;
    if (uncached.length === 0) return cached as Hash[];
    const keys = nodesNeeded(uncached);
    const found = new Map<string, Hash>();
    // stored: the nodes from STORED_LEVEL up below the head (the tail's are computed from its events)
    const upper = keys.filter((k) => k.level >= STORED_LEVEL && (k.index + 1) * 2 ** k.level <= shape.headSize);
    if (upper.length > 0) {
      treeStats.nodeQueries++;
      for (const [level, idx, hash] of nodesStatement(upper.length).all(
        ...upper.flatMap((k) => [k.level, k.index]),
      ) as [number, number, Buffer][]) {
        found.set(`${level}/${idx}`, asHash(hash)!);
      }
    }
    const computed = rangeHashes(uncached, reader(shape, found));
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
      const first = events[0]!.position;
      // A tree of a given size never changes once committed, and positions only
      // grow: while appends follow on the cached frontier's last position (the
      // largest before this append's), nobody else appended since, and the
      // stored head is the one it was built on.
      const base =
        frontier && (first === frontier.lastPosition + 1 || sql.maxBefore.get(first) === frontier.lastPosition)
          ? frontier
          : undefined;
      let wrote = false;
      let scratch: Frontier;
      if (base) scratch = { ...base, hashes: base.hashes.slice(), pending: base.pending.slice() };
      else {
        scratch = loadFrontier();
        // the tail after the stored head, and anything a process without the tree appended
        wrote = catchUp(scratch, first);
      }
      if (
        addLeaves(
          events.map((e) => [e.position, e.hash] as const),
          scratch,
        )
      )
        wrote = true;
      if (wrote) writeHead(scratch);
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
        return readShape().size;
      },
      async root(size) {
        assertOpen();
        const shape = checkSize(size);
        return shape.size === 0 ? EMPTY_ROOT : hashesOf([[0, shape.size]], shape)[0]!;
      },
      async inclusionProof(index, size) {
        assertOpen();
        const shape = checkSize(size);
        const n = shape.size;
        if (!Number.isInteger(index) || index < 0 || index >= n)
          throw new ProofUnavailableError(`leaf ${index} is not in a tree of ${n} leaves`);
        return hashesOf(inclusionRanges(index, n), shape);
      },
      async consistencyProof(oldSize, newSize) {
        assertOpen();
        const shape = checkSize(newSize);
        const n = shape.size;
        if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > n)
          throw new ProofUnavailableError(`no consistency proof from ${oldSize} to ${n} leaves`);
        return hashesOf(consistencyRanges(oldSize, n), shape);
      },
      async leafIndexOf(position) {
        assertOpen();
        return db.transaction(() => {
          if (!Number.isInteger(position) || sql.eventHash.get(position) === undefined) return undefined;
          const shape = readShape();
          const leaf =
            position <= shape.headLast
              ? position - ((sql.gapOfPosition.get(position) as number | undefined) ?? FIRST_POSITION)
              : shape.headSize + (sql.countBetween.get(shape.headLast, position) as number) - 1;
          return leaf < shape.size ? leaf : undefined;
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
