import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { verifyConsistency } from './proofs.js';
import { noteVerifier } from './note.js';
import type { MerkleTree } from './tree.js';

export interface CheckpointCheck {
  ok: boolean;
  checkpoint: Checkpoint;
  /** Entries in the log now. */
  size: number;
  /** What is wrong, when not ok. */
  problem?: 'truncated' | 'rewritten' | 'stored-tree-differs';
  detail?: string;
  /** The RFC 9162 consistency proof (base64) from the checkpoint to the log's current tree, when ok. */
  consistencyProof?: string[];
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/**
 * Does a log extend a checkpoint kept from before? `tree` is rebuilt from the
 * log's own events (in position order), so nothing the store keeps beside them
 * is trusted; `storedRoot`, if given, is the root the store's own tree reports
 * at the current size and must agree. Any event before the checkpoint that was
 * changed, removed, inserted or reordered changes the root of the first
 * `checkpoint.size` leaves; removing events from the end leaves fewer leaves.
 */
export function checkAgainstCheckpoint(tree: MerkleTree, note: string, vkey: string, storedRoot?: Uint8Array): CheckpointCheck {
  const { checkpoint } = openCheckpoint(note, noteVerifier(vkey));
  const size = tree.size;
  if (size < checkpoint.size) {
    return { ok: false, checkpoint, size, problem: 'truncated', detail: `the log holds ${size} entries, fewer than the ${checkpoint.size} its checkpoint signed: entries were removed` };
  }
  const proof = tree.consistencyProof(checkpoint.size, size);
  const root = tree.root(size);
  if (!verifyConsistency(checkpoint.size, size, proof, checkpoint.rootHash, root)) {
    return {
      ok: false,
      checkpoint,
      size,
      problem: 'rewritten',
      detail: `the first ${checkpoint.size} entries no longer hash to the checkpoint's root: an event before it was changed, removed, inserted or reordered`,
    };
  }
  if (storedRoot && b64(storedRoot) !== b64(root)) {
    return { ok: false, checkpoint, size, problem: 'stored-tree-differs', detail: "the store's Merkle tree does not match its events" };
  }
  return { ok: true, checkpoint, size, consistencyProof: proof.map(b64) };
}
