import { MerkleTree } from './tree.js';
import { eventLeafHash } from './merkle.js';
import type { TransparencyLog } from './log.js';

/** A TransparencyLog over a MerkleTree in memory, fed with events in position order. */
export function memoryTransparencyLog(): { log: TransparencyLog; add(position: number, hash: string): void } {
  const tree = new MerkleTree();
  const leafOf = new Map<number, number>();
  const log: TransparencyLog = {
    async size() {
      return tree.size;
    },
    async root(size) {
      return tree.root(size ?? tree.size);
    },
    async inclusionProof(index, size) {
      return tree.inclusionProof(index, size ?? tree.size);
    },
    async consistencyProof(oldSize, newSize) {
      return tree.consistencyProof(oldSize, newSize ?? tree.size);
    },
    async leafIndexOf(position) {
      return leafOf.get(position);
    },
  };
  return {
    log,
    add(position, hash) {
      leafOf.set(position, tree.size);
      tree.append(eventLeafHash(hash));
    },
  };
}
