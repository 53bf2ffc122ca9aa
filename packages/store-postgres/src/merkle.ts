import {
  CompactRange,
  EMPTY_ROOT,
  eventLeafHash,
  consistencyRanges,
  foldRange,
  inclusionRanges,
  nodesNeeded,
  rangeNodes,
  ProofUnavailableError,
  type Hash,
  type LeafRange,
  type NodeKey,
  type TransparencyLog,
} from '@certflow/core';

type Query = <R extends object>(text: string, values?: unknown[]) => Promise<R[]>;

/** Benchmark seam (not exported from the package): with `disabled`, stores created afterwards append without extending the tree. */
export const treeSeam = { disabled: false };

/**
 * Appends extend the tree in steps of this many positions: the append whose
 * positions reach a multiple of it extends the tree (in its own transaction)
 * with what others committed before it. 1 (every append, as the tree's
 * contract says: kept in the append's transaction) is what ships; a larger
 * step shares the call's fixed cost and the node, leaf and head writes among
 * that many events (measured in docs/transparency.md) at the price of a
 * stored tree that lags by up to that many events. Tree questions extend
 * first either way, so no answer lags a committed event.
 */
export const EXTEND_STEP = 1;

/** The select-list item each append adds: the tree takes in, in the append's own transaction, what others committed before it, every {@link EXTEND_STEP} positions. */
export function extendTreeItem(schema: string): string {
  if (treeSeam.disabled) return '';
  // positions first_position … first_position + n − 1 (hashes: 64 hex digits an event) reach a multiple of the step
  return `, CASE WHEN first_position IS NOT NULL AND (first_position + length(hashes) / 64 - 1) / ${EXTEND_STEP} > (first_position - 1) / ${EXTEND_STEP}
     THEN "${schema}".extend_tree(${EXTEND_STEP * 32}, false) END AS tree_size`;
}

/** Leaves one extend_tree call adds at most while a tree question waits. */
const EXTEND_BATCH = 5000;

/**
 * What a read-only store adds to the stored tree, in memory: the leaves of
 * the committed events `extend_tree` has not covered yet, and every node they
 * complete, on top of the stored frontier of `base` leaves.
 */
interface Overlay {
  base: number;
  lastPosition: number;
  range: CompactRange;
  nodes: Map<string, Hash>;
  leaves: Map<number, number>;
}

/**
 * The TransparencyLog of a PostgreSQL store: the tree migrations 4 and 5
 * keep (see treeSchema.ts). Every question first extends the tree with the
 * committed events it does not cover yet, unless an append is extending it
 * at that moment (then it answers from the tree as last committed); nodes
 * are fetched in one query per question.
 *
 * A read-only store (`readOnly: true`, e.g. an auditor's SELECT-only role)
 * never calls `extend_tree`: the events the stored tree does not cover yet
 * (the same guard: only those no running transaction can still precede) are
 * added in memory on top of the stored frontier, and questions are answered
 * from the stored nodes and those. Once the stored tree has caught up (an
 * append extended it), the memory is dropped.
 */
export function postgresTransparency(query: Query, schema: string, options: { readOnly?: boolean } = {}): TransparencyLog {
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
  const extend = async (): Promise<number> => {
    for (;;) {
      // Never waits: an extender still running belongs to an append that has
      // not committed, and the tree answers from what is committed meanwhile.
      const [r] = await query<{ before: number; after: number | null }>(
        `SELECT h.size AS before, ${s}.extend_tree($1, false) AS after FROM ${s}.tree_head h`,
        [EXTEND_BATCH],
      );
      if (r!.after === null) return (await query<{ size: number }>(`SELECT size FROM ${s}.tree_head`))[0]!.size;
      if (r!.after - r!.before < EXTEND_BATCH) return r!.after;
    }
  };
  let overlay: Overlay | undefined;
  const extendInMemory = async (): Promise<number> => {
    const [head] = await query<{ size: number; last_position: number }>(`SELECT size, last_position FROM ${s}.tree_head`);
    if (overlay && head!.size >= overlay.range.size) overlay = undefined; // the stored tree covers all the memory held
    for (;;) {
      const after = overlay?.lastPosition ?? head!.last_position;
      const rows = await query<{ position: number; hash: string; safe: boolean }>(
        `SELECT b.position, b.hash, b.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS safe
           FROM (SELECT position, hash, transaction_id FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT $2) b
          ORDER BY b.position`,
        [after, EXTEND_BATCH],
      );
      const safe = rows.findIndex((r) => !r.safe);
      const add = safe < 0 ? rows : rows.slice(0, safe);
      if (add.length > 0 && !overlay) {
        const keys = rangeNodes(0, head!.size);
        const stored = await fetchNodes(keys);
        const frontier = keys.map((k) => {
          const h = stored.get(`${k.level}/${k.index}`);
          if (!h) throw new ProofUnavailableError(`node ${k.level}/${k.index} is not in the tree`);
          return h;
        });
        const o: Overlay = { base: head!.size, lastPosition: head!.last_position, range: CompactRange.from(head!.size, frontier), nodes: new Map(), leaves: new Map() };
        o.range.onNode = (n) => o.nodes.set(`${n.level}/${n.index}`, n.hash);
        overlay = o;
      }
      for (const r of add) {
        overlay!.leaves.set(Number(r.position), overlay!.range.size);
        overlay!.range.append(eventLeafHash(r.hash));
        overlay!.lastPosition = Number(r.position);
      }
      if (add.length < EXTEND_BATCH) return overlay?.range.size ?? head!.size;
    }
  };
  // Concurrent questions share one catch-up (the memory is extended by one at a time).
  let running: Promise<number> | undefined;
  const catchUp = (): Promise<number> => {
    if (!options.readOnly) return extend();
    running ??= extendInMemory().finally(() => {
      running = undefined;
    });
    return running;
  };
  const sizeFor = async (size: number | undefined): Promise<number> => {
    const have = await catchUp();
    const n = size ?? have;
    if (!Number.isInteger(n) || n < 0 || n > have) throw new ProofUnavailableError(`the tree has ${have} leaves, not ${n}`);
    return n;
  };
  const hashesOf = async (ranges: readonly LeafRange[]): Promise<Hash[]> => {
    const keys = nodesNeeded(ranges);
    const held = overlay;
    const found = await fetchNodes(held ? keys.filter((k) => !held.nodes.has(`${k.level}/${k.index}`)) : keys);
    return ranges.map(([lo, hi]) =>
      foldRange(
        rangeNodes(lo, hi).map((k) => {
          const id = `${k.level}/${k.index}`;
          const h = found.get(id) ?? held?.nodes.get(id);
          if (!h) throw new ProofUnavailableError(`node ${k.level}/${k.index} is not in the tree`);
          return h;
        }),
      ),
    );
  };
  return {
    size: catchUp,
    async root(size) {
      const n = await sizeFor(size);
      return n === 0 ? EMPTY_ROOT : (await hashesOf([[0, n]]))[0]!;
    },
    async inclusionProof(index, size) {
      const n = await sizeFor(size);
      if (!Number.isInteger(index) || index < 0 || index >= n) throw new ProofUnavailableError(`leaf ${index} is not in a tree of ${n} leaves`);
      return hashesOf(inclusionRanges(index, n));
    },
    async consistencyProof(oldSize, newSize) {
      const n = await sizeFor(newSize);
      if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > n) throw new ProofUnavailableError(`no consistency proof from ${oldSize} to ${n} leaves`);
      return hashesOf(consistencyRanges(oldSize, n));
    },
    async leafIndexOf(position) {
      const find = async () => (await query<{ leaf: number }>(`SELECT leaf FROM ${s}.tree_leaves WHERE position = $1`, [position]))[0]?.leaf;
      const leaf = await find();
      if (leaf !== undefined) return leaf;
      await catchUp();
      return overlay?.leaves.get(position) ?? find();
    },
  };
}
