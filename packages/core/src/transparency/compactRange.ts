import { EMPTY_ROOT, nodeHash, rangeNodes, type Hash, type TreeNode } from './merkle.js';
import { ProofUnavailableError } from './errors.js';

/**
 * The compact range of a tree of `size` leaves: its right frontier, the
 * complete subtrees that cover leaves [0, size) from left to right, largest
 * first (one per 1-bit of `size`, so at most ⌈log₂ n⌉ + 1 hashes). It is all
 * one needs to append further leaves and to compute the root: appending a
 * leaf merges equal-sized subtrees at the right end (one node hash on
 * average), the root folds the frontier from the right (fewer than log₂ n
 * node hashes). `hashes` counts every node hash it computes, so a check can
 * show how much tree work it did.
 */
export class CompactRange {
  private readonly nodes: TreeNode[] = [];
  private leaves = 0;
  /** Node hashes computed so far (appends and roots). */
  hashes = 0;
  /** Called with every node an append completes (for callers that keep some, e.g. to answer a proof). */
  onNode: ((node: TreeNode) => void) | undefined;

  /**
   * The compact range of a tree of `size` leaves from its frontier (the
   * hashes of `rangeNodes(0, size)`, left to right), e.g. as a store keeps
   * them: appending then continues that tree.
   */
  static from(size: number, frontier: readonly Hash[]): CompactRange {
    const keys = rangeNodes(0, size);
    if (keys.length !== frontier.length)
      throw new ProofUnavailableError(
        `a tree of ${size} leaves has a frontier of ${keys.length} nodes, not ${frontier.length}`,
      );
    const range = new CompactRange();
    range.leaves = size;
    keys.forEach((k, i) => void range.nodes.push({ ...k, hash: frontier[i]! }));
    return range;
  }

  /** Leaves covered. */
  get size(): number {
    return this.leaves;
  }

  /** The frontier: the complete subtrees covering [0, size), left to right. */
  frontier(): TreeNode[] {
    return this.nodes.map((n) => ({ ...n }));
  }

  /** Appends one leaf hash. */
  append(leaf: Hash): void {
    let node: TreeNode = { level: 0, index: this.leaves, hash: leaf };
    this.leaves++;
    this.onNode?.(node);
    for (
      let last = this.nodes[this.nodes.length - 1];
      last && last.level === node.level;
      last = this.nodes[this.nodes.length - 1]
    ) {
      this.nodes.pop();
      this.hashes++;
      node = { level: node.level + 1, index: last.index / 2, hash: nodeHash(last.hash, node.hash) };
      this.onNode?.(node);
    }
    this.nodes.push(node);
  }

  /** MTH of the leaves covered (RFC 9162): the frontier folded from the right. */
  root(): Hash {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let acc = this.nodes[this.nodes.length - 1]!.hash;
    for (let i = this.nodes.length - 2; i >= 0; i--) {
      acc = nodeHash(this.nodes[i]!.hash, acc);
      this.hashes++;
    }
    return acc;
  }
}
