import {
  CompactRange,
  EMPTY_ROOT,
  eventLeafHash,
  consistencyRanges,
  inclusionRanges,
  nodeHash,
  nodesNeeded,
  rangeHashes,
  ProofUnavailableError,
  type Hash,
  type LeafRange,
  type NodeKey,
  type NodeReader,
  type TransparencyLog,
} from '@certflow/core';
import { STORED_LEVEL } from './treeSchema.js';

export { STORED_LEVEL };

type Query = <R extends object>(text: string, values?: unknown[]) => Promise<R[]>;

/** Benchmark seam (not exported from the package): with `disabled`, stores created afterwards append without extending the tree. */
export const treeSeam = { disabled: false };

/**
 * Appends extend the stored tree in steps of this many positions: the append
 * whose positions reach a multiple of it extends the tree (in its own
 * transaction) with what others committed before it. The stored tree changes
 * only once per 2^STORED_LEVEL leaves (a stored node completes), so a step of
 * that many positions has appends write it about as often as they could; the
 * events after the stored head are leaves all the same (the tail, see
 * treeBlocksSchema), so no answer lags a committed event either way, and
 * tree questions extend first.
 */
export const EXTEND_STEP = 2 ** STORED_LEVEL;

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
 * The TransparencyLog of a PostgreSQL store: the tree migrations 4–7 keep
 * (see treeSchema.ts). Every question of a writing store first has
 * `extend_tree` store what the committed events complete (unless an append
 * is extending it at that moment), then reads the head and the tail after
 * it; nodes below STORED_LEVEL are computed from their events, the others
 * fetched in one query per question.
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
  options: { readOnly?: boolean } = {},
): TransparencyLog {
  const s = `"${schema}"`;
  const fetchNodes = async (keys: readonly NodeKey[]): Promise<Map<string, Hash>> => {
    const rows = keys.length
      ? await query<{ level: number; idx: number; hash: Buffer }>(
          `SELECT n.level, n.idx, n.hash FROM ${s}.tree_nodes n
             JOIN unnest($1::integer[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
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
    const read: NodeReader = (level, index) => {
      const id = `${level}/${index}`;
      if (level >= STORED_LEVEL) {
        const h = stored.get(id) ?? t.nodes.get(id);
        if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
        return h;
      }
      const lo = index * 2 ** level;
      const b = Math.floor(lo / BLOCK);
      const leaves = blocks.get(b)!;
      if (lo - b * BLOCK + 2 ** level > leaves.length)
        throw new ProofUnavailableError(`node ${level}/${index} is not in the tree`);
      let row = leaves.slice(lo - b * BLOCK, lo - b * BLOCK + 2 ** level);
      while (row.length > 1)
        row = Array.from({ length: row.length / 2 }, (_, i) => nodeHash(row[2 * i]!, row[2 * i + 1]!));
      return row[0]!;
    };
    return rangeHashes(ranges, read);
  };
  return {
    size: async () => (await current()).size,
    async root(size) {
      const { size: n, tail: t } = await sizeFor(size);
      return n === 0 ? EMPTY_ROOT : (await hashesOf([[0, n]], n, t))[0]!;
    },
    async inclusionProof(index, size) {
      const { size: n, tail: t } = await sizeFor(size);
      if (!Number.isInteger(index) || index < 0 || index >= n)
        throw new ProofUnavailableError(`leaf ${index} is not in a tree of ${n} leaves`);
      return hashesOf(inclusionRanges(index, n), n, t);
    },
    async consistencyProof(oldSize, newSize) {
      const { size: n, tail: t } = await sizeFor(newSize);
      if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > n)
        throw new ProofUnavailableError(`no consistency proof from ${oldSize} to ${n} leaves`);
      return hashesOf(consistencyRanges(oldSize, n), n, t);
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
