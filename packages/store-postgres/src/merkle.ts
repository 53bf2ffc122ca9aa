import {
  EMPTY_ROOT,
  consistencyRanges,
  foldRange,
  inclusionRanges,
  nodesNeeded,
  rangeNodes,
  ProofUnavailableError,
  type Hash,
  type LeafRange,
  type TransparencyLog,
} from '@certflow/core';

type Query = <R extends object>(text: string, values?: unknown[]) => Promise<R[]>;

/** Benchmark seam (not exported from the package): with `disabled`, stores created afterwards append without extending the tree. */
export const treeSeam = { disabled: false };

/** The select-list item each append adds: the tree takes in, in the append's own transaction, what others committed before it. */
export function extendTreeItem(schema: string): string {
  return treeSeam.disabled ? '' : `, "${schema}".extend_tree(64, false) AS tree_size`;
}

/** Leaves one extend_tree call adds at most while a tree question waits. */
const EXTEND_BATCH = 5000;

/**
 * The TransparencyLog of a PostgreSQL store: the tree migration 4 keeps
 * (see treeSchema.ts). Every question first extends the tree with the
 * committed events it does not cover yet, unless an append is extending it
 * at that moment (then it answers from the tree as last committed); nodes
 * are fetched in one query per question.
 */
export function postgresTransparency(query: Query, schema: string): TransparencyLog {
  const s = `"${schema}"`;
  const catchUp = async (): Promise<number> => {
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
  const sizeFor = async (size: number | undefined): Promise<number> => {
    const have = await catchUp();
    const n = size ?? have;
    if (!Number.isInteger(n) || n < 0 || n > have) throw new ProofUnavailableError(`the tree has ${have} leaves, not ${n}`);
    return n;
  };
  const hashesOf = async (ranges: readonly LeafRange[]): Promise<Hash[]> => {
    const keys = nodesNeeded(ranges);
    const rows = keys.length
      ? await query<{ level: number; idx: number; hash: Buffer }>(
          `SELECT n.level, n.idx, n.hash FROM ${s}.tree_nodes n
             JOIN unnest($1::integer[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
          [keys.map((k) => k.level), keys.map((k) => k.index)],
        )
      : [];
    const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, new Uint8Array(r.hash)]));
    return ranges.map(([lo, hi]) =>
      foldRange(
        rangeNodes(lo, hi).map((k) => {
          const h = found.get(`${k.level}/${k.index}`);
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
      return find();
    },
  };
}
