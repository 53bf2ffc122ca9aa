import {
  CompactRange,
  EMPTY_ROOT,
  eventLeafHash,
  consistencyRanges,
  inclusionRanges,
  nodeHash,
  nodesNeeded,
  rangeHashes,
  rangeNodes,
  ProofUnavailableError,
  type Hash,
  type LeafRange,
  type NodeKey,
  type NodeReader,
  type TransparencyLog,
} from '@certflow/core';
import { createHash } from 'node:crypto';
import { STORED_LEVEL } from './treeSchema.js';

export { STORED_LEVEL };

/** Runs a statement; with a `name`, as a statement prepared once per connection under that name. */
type Query = <R extends object>(text: string, values?: unknown[], name?: string) => Promise<R[]>;

/** Benchmark seam (not exported from the package): with `disabled`, stores created afterwards append without extending the tree. */
export const treeSeam = { disabled: false };

/**
 * Appends extend the stored tree in steps of this many positions: the append
 * whose positions reach a multiple of it extends the tree (in its own
 * transaction) with what others committed before it. The stored tree changes
 * once per 2^STORED_LEVEL leaves (a stored node completes); a step of four
 * times that has a call write about four nodes and the head at once, and
 * pays the call's fixed cost (the lock, the head, the tail, a new row version
 * of the head) a quarter as often: a batch of 10 events calls it one time in
 * six or seven, not five in eight. The events after the stored head are
 * leaves all the same (the tail, see treeBlocksSchema), so no answer lags a
 * committed event either way, and tree questions extend first.
 */
export const EXTEND_STEP = 2 ** (STORED_LEVEL + 2);

/** The select-list item each append adds: the tree takes in, in the append's own transaction, what others committed before it, every {@link EXTEND_STEP} positions. */
export function extendTreeItem(schema: string): string {
  if (treeSeam.disabled) return '';
  // positions first_position … first_position + n − 1 (hashes: 64 hex digits an event) reach a multiple of the step
  return `, CASE WHEN first_position IS NOT NULL AND (first_position + length(hashes) / 64 - 1) / ${EXTEND_STEP} > (first_position - 1) / ${EXTEND_STEP}
     THEN "${schema}".extend_tree(${EXTEND_STEP * 32}, false) END AS tree_size`;
}

/** Leaves one extend_tree call (or one read of the tail) adds at most while a tree question waits. */
const EXTEND_BATCH = 5000;
const BLOCK = 2 ** STORED_LEVEL;

/**
 * The tree a question is answered from: the stored head (size, last
 * position, frontier) and, in memory, the tail after it — the leaves of the
 * committed events no running transaction can still precede, and the nodes
 * they complete (those at STORED_LEVEL and above are not stored yet). The
 * tail only grows while the head is the same.
 */
interface Tail {
  headSize: number;
  headLast: number;
  range: CompactRange;
  positions: number[];
  leaves: Hash[];
  nodes: Map<string, Hash>;
  lastPosition: number;
}

/**
 * A reader of nodes: those at STORED_LEVEL and above from `storedOf` (by
 * `level/index`), those below computed from the leaves of their block of
 * 2^STORED_LEVEL (`blocks`, by block number).
 */
function lowOrStored(blocks: ReadonlyMap<number, Hash[]>, storedOf: (key: string) => Hash | undefined): NodeReader {
  return (level, index) => {
    if (level >= STORED_LEVEL) {
      const h = storedOf(`${level}/${index}`);
      if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
      return h;
    }
    const lo = index * 2 ** level;
    const b = Math.floor(lo / BLOCK);
    const leaves = blocks.get(b) ?? [];
    if (lo - b * BLOCK + 2 ** level > leaves.length)
      throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
    let row = leaves.slice(lo - b * BLOCK, lo - b * BLOCK + 2 ** level);
    while (row.length > 1)
      row = Array.from({ length: row.length / 2 }, (_, i) => nodeHash(row[2 * i]!, row[2 * i + 1]!));
    return row[0]!;
  };
}

/**
 * The TransparencyLog of a PostgreSQL store: the tree migrations 4–7 keep
 * (see treeSchema.ts). A proof or a root is one statement (see
 * `oneStatement`): the head, the tail after it, the stored nodes and the
 * events of the blocks it needs, read together; nodes below STORED_LEVEL are
 * computed from their events. `size()` first has `extend_tree` store what
 * the committed events complete (unless an append is extending it at that
 * moment), then reads the head and the tail after it.
 *
 * A read-only store (`readOnly: true`, e.g. an auditor's SELECT-only role)
 * never calls `extend_tree`: however long the tail (a writer extends the
 * stored tree only every {@link EXTEND_STEP} positions, or when asked), it is
 * held in memory on top of the stored frontier, with every node it
 * completes. Once the stored head moves, the memory is rebuilt from it.
 */
export function postgresTransparency(
  query: Query,
  schema: string,
  options: {
    readOnly?: boolean /** Tests: every proof and root through the statements {@link oneStatement} replaces. */;
    multiStatement?: boolean;
  } = {},
): TransparencyLog {
  const s = `"${schema}"`;
  const fetchNodes = async (keys: readonly NodeKey[]): Promise<Map<string, Hash>> => {
    const rows = keys.length
      ? await query<{ level: number; idx: number; hash: Buffer }>(
          `SELECT n.level, n.idx, n.hash FROM ${s}.tree_nodes n
             JOIN unnest((SELECT $1::integer[]), (SELECT $2::bigint[])) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
          [keys.map((k) => k.level), keys.map((k) => k.index)],
        )
      : [];
    return new Map(rows.map((r) => [`${r.level}/${r.idx}`, new Uint8Array(r.hash)]));
  };
  /** Has extend_tree store what the committed events complete; never waits for another extender. */
  const extend = async (): Promise<void> => {
    for (;;) {
      // An extender still running belongs to an append that has not
      // committed; the tail covers what it would store meanwhile.
      const [r] = await query<{ before: number; after: number | null }>(
        `SELECT h.size AS before, ${s}.extend_tree($1, false) AS after FROM ${s}.tree_head h`,
        [EXTEND_BATCH],
      );
      if (r!.after === null || Number(r!.after) - Number(r!.before) < EXTEND_BATCH) return;
    }
  };
  let tail: Tail | undefined;
  /**
   * The tree as committed now: the stored head and the tail after it. A
   * writing store holds a tail only up to the next stored node (what lies
   * beyond waits for an extension, which another one is running), so its
   * stored nodes are all a question needs.
   */
  const current = async (): Promise<{ size: number; tail: Tail }> => {
    if (!options.readOnly) await extend();
    for (;;) {
      const [head] = await query<{ size: string; last_position: string; frontier: Buffer[] | null }>(
        `SELECT size, last_position, frontier FROM ${s}.tree_head`,
      );
      const headSize = Number(head!.size);
      const headLast = Number(head!.last_position);
      let t = tail;
      // a head read before another question's: that question's tail is newer
      if (!t || headSize > t.headSize) {
        const frontier = (head!.frontier ?? []).map((h) => new Uint8Array(h));
        const range = CompactRange.from(headSize, frontier);
        const nodes = new Map<string, Hash>();
        range.onNode = (n) => {
          if (n.level >= STORED_LEVEL) nodes.set(`${n.level}/${n.index}`, n.hash);
        };
        t = { headSize, headLast, range, positions: [], leaves: [], nodes, lastPosition: headLast };
        tail = t;
      }
      const room = options.readOnly
        ? EXTEND_BATCH
        : Math.min(EXTEND_BATCH, (Math.floor(t.headSize / BLOCK) + 1) * BLOCK - 1 - t.range.size);
      if (room <= 0) return { size: t.range.size, tail: t };
      const after = t.lastPosition;
      const rows = await query<{ position: string; hash: string; safe: boolean }>(
        `SELECT b.position, b.hash, b.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS safe
           FROM (SELECT position, hash, transaction_id FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2) b
          ORDER BY b.position`,
        [after, room],
      );
      if (tail !== t) continue; // another question moved to a newer head meanwhile
      const safe = rows.findIndex((r) => !r.safe);
      for (const r of safe < 0 ? rows : rows.slice(0, safe)) {
        const position = Number(r.position);
        if (position <= t.lastPosition) continue; // another question added it meanwhile
        const leaf = eventLeafHash(r.hash);
        t.positions.push(position);
        t.leaves.push(leaf);
        t.range.append(leaf);
        t.lastPosition = position;
      }
      if (safe >= 0 || rows.length < room || !options.readOnly) return { size: t.range.size, tail: t };
    }
  };
  const sizeFor = async (size: number | undefined): Promise<{ size: number; tail: Tail }> => {
    const now = await current();
    const n = size ?? now.size;
    if (!Number.isInteger(n) || n < 0 || n > now.size)
      throw new ProofUnavailableError(`the tree has ${now.size} leaves, not ${n}`);
    return { size: n, tail: now.tail };
  };
  /** The leaf hashes of [lo, hi) (lo below the stored head's size): from their events, in position order from lo's. */
  const storedLeaves = async (lo: number, hi: number): Promise<Hash[]> => {
    const rows = await query<{ hash: string }>(
      `SELECT hash FROM ${s}.events
        WHERE position >= $1 + coalesce((SELECT g.delta FROM ${s}.tree_gaps g WHERE g.leaf <= $1 ORDER BY g.leaf DESC LIMIT 1), 1)
        ORDER BY position LIMIT $2`,
      [lo, hi - lo],
    );
    if (rows.length !== hi - lo) throw new ProofUnavailableError(`leaves ${lo} to ${hi - 1} are not in the tree`);
    return rows.map((r) => eventLeafHash(r.hash));
  };
  /**
   * The subtree hashes of ranges of the tree of `size` leaves: stored nodes
   * in one query, nodes the tail completed from memory, and nodes below
   * STORED_LEVEL from the leaves of their block (read from the events, or
   * the tail's).
   */
  const hashesOf = async (ranges: readonly LeafRange[], size: number, t: Tail): Promise<Hash[]> => {
    const keys = nodesNeeded(ranges);
    const covers = (k: NodeKey) => (k.index + 1) * 2 ** k.level;
    const stored = await fetchNodes(keys.filter((k) => k.level >= STORED_LEVEL && covers(k) <= t.headSize));
    const blocks = new Map<number, Hash[]>();
    for (const k of keys) {
      if (k.level >= STORED_LEVEL) continue;
      const b = Math.floor((k.index * 2 ** k.level) / BLOCK);
      if (blocks.has(b)) continue;
      const lo = b * BLOCK;
      const hi = Math.min(lo + BLOCK, size);
      const fromStore = lo < t.headSize ? await storedLeaves(lo, Math.min(hi, t.headSize)) : [];
      blocks.set(b, [...fromStore, ...t.leaves.slice(Math.max(lo, t.headSize) - t.headSize, hi - t.headSize)]);
    }
    return rangeHashes(
      ranges,
      lowOrStored(blocks, (key) => stored.get(key) ?? t.nodes.get(key)),
    );
  };
  /**
   * Tail rows the one-statement path reads. A writing store's tail is short
   * (appends extend the stored tree every EXTEND_STEP positions); a longer one
   * goes the way of several statements, which read it in batches.
   */
  const TAIL_ROWS = 256;
  /**
   * The statement of {@link oneStatement}, rows told apart by `kind`: 0 the
   * head (a writing store extends the stored tree first when the tail
   * completes a stored node: otherwise extend_tree would write nothing), 1
   * the stored nodes (those asked for, and the siblings of the path of leaf
   * $5 below the head's size, with its ancestors when $6; not the siblings
   * at the levels in $7 nor the ancestors at those in $8, which
   * {@link known} holds), 2 the events of the blocks asked
   * for (by first leaf and count, up to the head's last position), 3 those of
   * the head's last partial block, 4 the tail, each event with whether it is
   * safe (the guard of migration 4). Prepared once per connection. The
   * arrays go in through scalar subqueries, so that no plan depends on their
   * lengths: PostgreSQL then keeps one generic plan after the first few
   * executions instead of planning every call (about 1 ms, twice the
   * execution, at 10^6 leaves).
   */
  const oneStatementText = `WITH h AS MATERIALIZED (SELECT size, last_position, frontier FROM ${s}.tree_head LIMIT 1)
       SELECT 0 AS kind, h.size AS a, h.last_position AS b, NULL::bytea AS hash, NULL::text AS hex, h.frontier,
              NULL::boolean AS safe, ${
                options.readOnly
                  ? 'NULL::bigint'
                  : `CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM ${s}.events ev WHERE ev.position > h.last_position LIMIT ${BLOCK}) c)
                      >= ${BLOCK} - h.size % ${BLOCK} THEN ${s}.extend_tree(${EXTEND_BATCH}, false) END`
              } AS extended
         FROM h
       UNION ALL
       SELECT 1, n.level, n.idx, n.hash, NULL, NULL, NULL, NULL
         FROM ${s}.tree_nodes n JOIN unnest((SELECT $1::integer[]), (SELECT $2::bigint[])) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx
       UNION ALL
       SELECT 1, n.level, n.idx, n.hash, NULL, NULL, NULL, NULL
         FROM h CROSS JOIN generate_series(${STORED_LEVEL}, 62) AS l(level)
        CROSS JOIN LATERAL (VALUES ($5::bigint >> l.level, true), (($5::bigint >> l.level) # 1, false)) AS c(idx, ancestor)
         JOIN ${s}.tree_nodes n ON n.level = l.level AND n.idx = c.idx
        WHERE (1::bigint << l.level) <= h.size AND (NOT c.ancestor OR (SELECT $6::boolean))
          AND NOT EXISTS (SELECT 1 FROM unnest(CASE WHEN c.ancestor THEN (SELECT $8::integer[]) ELSE (SELECT $7::integer[]) END) AS k(level)
                           WHERE k.level = l.level)
       UNION ALL
       SELECT 2, k.lo, e.position, NULL, e.hash, NULL, NULL, NULL
         FROM h, unnest((SELECT $3::bigint[]), (SELECT $4::integer[])) AS k(lo, cnt)
        CROSS JOIN LATERAL (
          SELECT ev.position, ev.hash FROM ${s}.events ev
           WHERE ev.position >= k.lo + coalesce((SELECT g.delta FROM ${s}.tree_gaps g WHERE g.leaf <= k.lo ORDER BY g.leaf DESC LIMIT 1), 1)
             AND ev.position <= h.last_position
           ORDER BY ev.position LIMIT k.cnt) e
       UNION ALL
       SELECT 3, NULL, e.position, NULL, e.hash, NULL, NULL, NULL
         FROM h CROSS JOIN LATERAL (
          SELECT ev.position, ev.hash FROM ${s}.events ev WHERE ev.position <= h.last_position
           ORDER BY ev.position DESC LIMIT h.size % ${BLOCK}) e
       UNION ALL
       SELECT 4, NULL, t.position, NULL, t.hash, NULL, t.transaction_id < pg_snapshot_xmin(pg_current_snapshot()), NULL
         FROM h CROSS JOIN LATERAL (
          SELECT ev.position, ev.hash, ev.transaction_id FROM ${s}.events ev WHERE ev.position > h.last_position
           ORDER BY ev.position LIMIT ${TAIL_ROWS}) t`;
  const oneStatementName = `certflow_tree_${createHash('sha256').update(oneStatementText).digest('hex').slice(0, 16)}`;
  /** Node coordinates as one key. */
  const id = (level: number, index: number) => `${level}/${index}`;
  /**
   * Stored nodes read before, from the upper levels: a stored node is a
   * complete subtree, whose hash never changes, so it is kept and not read
   * again. Only levels with at most about 2^12 nodes at the tree's size are
   * kept ({@link cacheLevel}), so the cache stays below some 2^13 entries
   * (a few hundred kB) at any size; a proof of a random leaf then reads only
   * its lowest stored levels.
   */
  const known = new Map<string, Hash>();
  const KNOWN_MAX = 2 ** 14;
  /** The lowest level kept in {@link known} for a tree of `size` leaves. */
  const cacheLevel = (size: number) => Math.max(STORED_LEVEL, Math.ceil(Math.log2(Math.max(size, 1))) - 12);
  const remember = (level: number, index: number, hash: Hash, size: number) => {
    if (level < cacheLevel(size)) return;
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(id(level, index), hash);
  };
  /** The levels at which the sibling of leaf `pivot`'s path is in {@link known}, and those at which its ancestor is. */
  const knownLevels = (pivot: number): [siblings: number[], ancestors: number[]] => {
    const siblings: number[] = [];
    const ancestors: number[] = [];
    // levels above the tree last read hold nothing cached: the statement reads them, if they exist now
    const size = tail?.headSize ?? 0;
    for (let level = cacheLevel(size); 2 ** level <= size; level++) {
      const index = Math.floor(pivot / 2 ** level);
      if (known.has(id(level, index % 2 === 0 ? index + 1 : index - 1))) siblings.push(level);
      if (known.has(id(level, index))) ancestors.push(level);
    }
    return [siblings, ancestors];
  };
  /**
   * The subtree hashes of `rangesOf(n)` (n: `size`, or the tree's size now),
   * in one statement: the head, the tail after it, the stored nodes and the
   * events of the blocks of 16 leaves the ranges need, with the extension of
   * the stored tree (a writing store) as a side effect. The statement reads
   * one snapshot, so the head and the tail agree, and the extension, whose
   * writes that snapshot does not see, changes nothing it reads.
   *
   * With `size` given, the nodes and blocks are the exact ones the ranges
   * need. Without it they depend on the size, known only from the answer, so
   * the statement reads every node a range could need whatever the size: the
   * stored ancestors and siblings of the path of leaf `pivot` (the leaf proved,
   * or the last leaf of the old tree) below the head's size, its block, and
   * the head's last partial block; what lies right of the path at any size at
   * least the head's comes from the head's frontier and the tail. Anything
   * still missing is read afterwards, and a tail longer than TAIL_ROWS goes
   * the way of several statements: what is read decides only how many
   * statements an answer takes, never the answer.
   */
  const oneStatement = async (
    pivot: number | undefined,
    ancestors: boolean,
    size: number | undefined,
    rangesOf: (n: number) => readonly LeafRange[],
  ): Promise<Hash[]> => {
    let keys: NodeKey[] = [];
    const blockStarts: number[] = [];
    const blockCounts: number[] = [];
    const readBlock = (lo: number, count: number) => {
      if (count > 0 && !blockStarts.includes(lo)) {
        blockStarts.push(lo);
        blockCounts.push(count);
      }
    };
    if (size !== undefined) {
      const needed = nodesNeeded(rangesOf(size));
      keys = needed.filter((k) => k.level >= STORED_LEVEL && !known.has(id(k.level, k.index)));
      for (const k of needed) {
        if (k.level >= STORED_LEVEL) continue;
        const lo = Math.floor((k.index * 2 ** k.level) / BLOCK) * BLOCK;
        readBlock(lo, Math.min(BLOCK, size - lo));
      }
    } else if (pivot !== undefined) {
      // the stored ancestors and siblings of the pivot's path are chosen by the statement, from the head's size
      readBlock(Math.floor(pivot / BLOCK) * BLOCK, BLOCK);
    }
    const rows = await query<{
      kind: number;
      a: string | null;
      b: string | null;
      hash: Buffer | null;
      hex: string | null;
      frontier: Buffer[] | null;
      safe: boolean | null;
    }>(
      oneStatementText,
      [
        keys.map((k) => k.level),
        keys.map((k) => k.index),
        blockStarts,
        blockCounts,
        size === undefined && pivot !== undefined ? pivot : null,
        ancestors,
        ...(size === undefined && pivot !== undefined ? knownLevels(pivot) : [[], []]),
      ],
      oneStatementName,
    );
    const head = rows.find((r) => r.kind === 0)!;
    const headSize = Number(head.a);
    const headLast = Number(head.b);
    const frontier = (head.frontier ?? []).map((h) => new Uint8Array(h));
    const byPosition = (x: { b: string | null }, y: { b: string | null }) => Number(x.b) - Number(y.b);
    const tailRows = rows.filter((r) => r.kind === 4).sort(byPosition);
    const safe = tailRows.findIndex((r) => !r.safe);
    // a tail longer than one statement reads: several statements, in batches
    if (safe < 0 && tailRows.length === TAIL_ROWS) return byStatements(size, rangesOf);
    // the tail on top of this head: the cached one if it is built on the same head, else a new one
    let t = tail;
    if (!t || t.headSize !== headSize) {
      const range = CompactRange.from(headSize, frontier);
      const nodes = new Map<string, Hash>();
      range.onNode = (n) => {
        if (n.level >= STORED_LEVEL) nodes.set(id(n.level, n.index), n.hash);
      };
      t = { headSize, headLast, range, positions: [], leaves: [], nodes, lastPosition: headLast };
      // a cached tail on a newer head (read by a later snapshot) stays: this one is older
      if (!tail || tail.headSize < headSize) tail = t;
    }
    for (const r of safe < 0 ? tailRows : tailRows.slice(0, safe)) {
      const position = Number(r.b);
      if (position <= t.lastPosition) continue; // the cached tail has it
      const leaf = eventLeafHash(r.hex!);
      t.positions.push(position);
      t.leaves.push(leaf);
      t.range.append(leaf);
      t.lastPosition = position;
    }
    const n = size ?? t.range.size;
    if (!Number.isInteger(n) || n < 0 || n > t.range.size)
      throw new ProofUnavailableError(`the tree has ${t.range.size} leaves, not ${n}`);
    const ranges = rangesOf(n);
    // the nodes: read, the head's frontier, completed by the tail
    const stored = new Map<string, Hash>();
    rangeNodes(0, headSize).forEach((k, i) => void stored.set(id(k.level, k.index), frontier[i]!));
    for (const r of rows) {
      if (r.kind !== 1) continue;
      const level = Number(r.a);
      const index = Number(r.b);
      const h = new Uint8Array(r.hash!);
      stored.set(id(level, index), h);
      remember(level, index, h, headSize);
    }
    // the leaves of each block read, below the head's size, from the block's first leaf on
    const storedBlocks = new Map<number, string[]>();
    for (const r of rows.filter((r) => r.kind === 2).sort(byPosition)) {
      const lo = Number(r.a);
      storedBlocks.set(lo, [...(storedBlocks.get(lo) ?? []), r.hex!]);
    }
    const partial = rows.filter((r) => r.kind === 3).sort(byPosition);
    if (partial.length > 0)
      storedBlocks.set(
        headSize - partial.length,
        partial.map((r) => r.hex!),
      );
    const keysNeeded = nodesNeeded(ranges);
    const covers = (k: NodeKey) => (k.index + 1) * 2 ** k.level;
    const missing = keysNeeded.filter(
      (k) =>
        k.level >= STORED_LEVEL &&
        covers(k) <= headSize &&
        !stored.has(id(k.level, k.index)) &&
        !known.has(id(k.level, k.index)),
    );
    if (missing.length > 0) for (const [key, h] of await fetchNodes(missing)) stored.set(key, h);
    const blocks = new Map<number, Hash[]>();
    for (const k of keysNeeded) {
      if (k.level >= STORED_LEVEL) continue;
      const b = Math.floor((k.index * 2 ** k.level) / BLOCK);
      if (blocks.has(b)) continue;
      const lo = b * BLOCK;
      const hi = Math.min(lo + BLOCK, n);
      const below = Math.max(0, Math.min(hi, headSize) - lo);
      const read = storedBlocks.get(lo);
      const fromStore =
        below === 0
          ? []
          : read && read.length >= below
            ? read.slice(0, below).map(eventLeafHash)
            : await storedLeaves(lo, lo + below);
      blocks.set(b, [...fromStore, ...t.leaves.slice(Math.max(lo, headSize) - headSize, hi - headSize)]);
    }
    const tailNodes = t.nodes;
    return rangeHashes(
      ranges,
      lowOrStored(blocks, (key) => stored.get(key) ?? tailNodes.get(key) ?? known.get(key)),
    );
  };
  /** The answer through several statements: the tree (extended, head, tail), then its nodes and blocks. */
  const byStatements = async (size: number | undefined, rangesOf: (n: number) => readonly LeafRange[]) => {
    const { size: n, tail: t } = await sizeFor(size);
    return hashesOf(rangesOf(n), n, t);
  };
  const hashes = (
    pivot: number | undefined,
    ancestors: boolean,
    size: number | undefined,
    rangesOf: (n: number) => readonly LeafRange[],
  ) =>
    // a size that is no tree's: the statements' answer says so, with the tree's size
    options.multiStatement || (size !== undefined && !(Number.isInteger(size) && size >= 0))
      ? byStatements(size, rangesOf)
      : oneStatement(pivot, ancestors, size, rangesOf);
  return {
    size: async () => (await current()).size,
    async root(size) {
      return hashes(undefined, false, size, (n) => (n === 0 ? [] : [[0, n]])).then((h) => h[0] ?? EMPTY_ROOT);
    },
    async inclusionProof(index, size) {
      const leaf = Number.isInteger(index) && index >= 0 ? index : undefined;
      return hashes(leaf, false, size, (n) => {
        if (leaf === undefined || leaf >= n)
          throw new ProofUnavailableError(`leaf ${index} is not in a tree of ${n} leaves`);
        return inclusionRanges(leaf, n);
      });
    },
    async consistencyProof(oldSize, newSize) {
      const m = Number.isInteger(oldSize) && oldSize >= 0 ? oldSize : undefined;
      return hashes(m ? m - 1 : undefined, true, newSize, (n) => {
        if (m === undefined || m > n)
          throw new ProofUnavailableError(`no consistency proof from ${oldSize} to ${n} leaves`);
        return consistencyRanges(m, n);
      });
    },
    async leafIndexOf(position) {
      if (!Number.isInteger(position)) return undefined;
      const { size, tail: t } = await current();
      if (position <= t.headLast) {
        const [r] = await query<{ leaf: string | null }>(
          `SELECT $1::bigint - coalesce((SELECT g.delta FROM ${s}.tree_gaps g WHERE g.leaf + g.delta <= $1 ORDER BY g.leaf DESC LIMIT 1), 1) AS leaf
            WHERE EXISTS (SELECT 1 FROM ${s}.events WHERE position = $1)`,
          [position],
        );
        return r ? Number(r.leaf) : undefined;
      }
      // the tail's positions ascend: a binary search
      let lo = 0;
      let hi = t.positions.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (t.positions[mid]! < position) lo = mid + 1;
        else hi = mid;
      }
      return t.positions[lo] === position && t.headSize + lo < size ? t.headSize + lo : undefined;
    },
  };
}
