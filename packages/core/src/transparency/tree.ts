import {
  EMPTY_ROOT,
  consistencyRanges,
  foldRange,
  inclusionRanges,
  nodeHash,
  nodesForAppend,
  rangeNodes,
  type Hash,
  type LeafRange,
  type NodeKey,
  type TreeNode,
} from './merkle.js';
import { ProofUnavailableError } from './errors.js';

/** Reads a stored complete node; throws if it is not stored. */
export type NodeReader = (level: number, index: number) => Hash;

/** Every stored node the given ranges' hashes are made of (deduplicated), for stores that fetch them in one query. */
export function nodesNeeded(ranges: readonly LeafRange[]): NodeKey[] {
  const seen = new Set<string>();
  const out: NodeKey[] = [];
  for (const [lo, hi] of ranges) {
    for (const k of rangeNodes(lo, hi)) {
      const id = `${k.level}/${k.index}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push(k);
      }
    }
  }
  return out;
}

/** The subtree hash of leaves [lo, hi) from stored nodes. */
export function rangeHash(lo: number, hi: number, read: NodeReader): Hash {
  return foldRange(rangeNodes(lo, hi).map((k) => read(k.level, k.index)));
}

/**
 * The subtree hashes of several ranges, sharing work: the right-edge ranges
 * of one tree size are suffixes of one another (RFC 9162's recursion splits
 * at the same boundaries), so each suffix is folded once. An inclusion proof
 * then reads O(log n) nodes rather than O(log² n). `work.hashes`, if given,
 * counts the node hashes computed.
 */
export function rangeHashes(ranges: readonly LeafRange[], read: NodeReader, work?: { hashes: number }): Hash[] {
  const suffix = new Map<string, Hash>();
  return ranges.map(([lo, hi]) => {
    const nodes = rangeNodes(lo, hi);
    const starts: number[] = [];
    let at = lo;
    for (const k of nodes) {
      starts.push(at);
      at += 2 ** k.level;
    }
    let j = nodes.length;
    let acc: Hash | undefined;
    for (let i = 0; i < nodes.length; i++) {
      const cached = suffix.get(`${starts[i]}/${hi}`);
      if (cached) {
        acc = cached;
        j = i;
        break;
      }
    }
    for (let i = j - 1; i >= 0; i--) {
      const h = read(nodes[i]!.level, nodes[i]!.index);
      if (acc && work) work.hashes++;
      acc = acc ? nodeHash(h, acc) : h;
      suffix.set(`${starts[i]}/${hi}`, acc);
    }
    return acc ?? EMPTY_ROOT;
  });
}

/** MTH of the first `size` leaves. */
export function treeRoot(size: number, read: NodeReader): Hash {
  return size === 0 ? EMPTY_ROOT : rangeHash(0, size, read);
}

/** RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, read: NodeReader): Hash[] {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    throw new ProofUnavailableError(`leaf ${index} is not in a tree of ${size} leaves`);
  }
  return rangeHashes(inclusionRanges(index, size), read);
}

/** RFC 9162 §2.1.4.1 consistency proof from `oldSize` to `newSize` (empty when oldSize is 0 or equals newSize). */
export function consistencyProof(oldSize: number, newSize: number, read: NodeReader): Hash[] {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new ProofUnavailableError(`no consistency proof from ${oldSize} to ${newSize} leaves`);
  }
  return rangeHashes(consistencyRanges(oldSize, newSize), read);
}

/**
 * A Merkle tree held in memory, kept incrementally: one array of complete
 * node hashes per level. Used by memoryStore, and by auditors who rebuild the
 * tree from the events themselves rather than trust a store's nodes.
 */
export class MerkleTree {
  private readonly levels: Hash[][] = [[]];
  /** How many node hashes have been read (for tests that count the work a check does). */
  reads = 0;

  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends one leaf hash; returns the nodes it stored. */
  append(leaf: Hash): TreeNode[] {
    const nodes = nodesForAppend(this.size, leaf, (level, index) => this.node(level, index));
    for (const n of nodes) {
      this.levels[n.level] ??= [];
      const row = this.levels[n.level]!;
      row[n.index] = n.hash;
    }
    return nodes;
  }

  readonly node: NodeReader = (level, index) => {
    const h = this.levels[level]?.[index];
    if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in a tree of ${this.size} leaves`);
    this.reads++;
    return h;
  };

  root(size = this.size): Hash {
    this.checkSize(size);
    return treeRoot(size, this.node);
  }

  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize(size);
    return inclusionProof(index, size, this.node);
  }

  consistencyProof(oldSize: number, newSize = this.size): Hash[] {
    this.checkSize(newSize);
    return consistencyProof(oldSize, newSize, this.node);
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) {
      throw new ProofUnavailableError(`the tree has ${this.size} leaves, not ${size}`);
    }
  }
}
