import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { verifyConsistency } from './proofs.js';
import { noteVerifier } from './note.js';
import { rangeHashes, nodesNeeded, type MerkleTree } from './tree.js';
import { CompactRange } from './compactRange.js';
import { consistencyRanges, eventLeafHash, rangeNodes, type Hash, type TreeNode } from './merkle.js';
import { ProofUnavailableError } from './errors.js';
import type { TransparencyLog } from './log.js';

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
export function checkAgainstCheckpoint(
  tree: MerkleTree,
  note: string,
  vkey: string,
  storedRoot?: Uint8Array,
): CheckpointCheck {
  const { checkpoint } = openCheckpoint(note, noteVerifier(vkey));
  const size = tree.size;
  if (size < checkpoint.size) {
    return {
      ok: false,
      checkpoint,
      size,
      problem: 'truncated',
      detail: `the log holds ${size} entries, fewer than the ${checkpoint.size} its checkpoint signed: entries were removed`,
    };
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
    return {
      ok: false,
      checkpoint,
      size,
      problem: 'stored-tree-differs',
      detail: "the store's Merkle tree does not match its events",
    };
  }
  return { ok: true, checkpoint, size, consistencyProof: proof.map(b64) };
}

/**
 * The work a {@link checkpointAuditor} did, split by what it grows with.
 *
 * - `leaves` and `frontierHashes` grow with the whole log (O(n)): every
 *   event's leaf hash, and the node hashes that fold the first
 *   `checkpoint.size` leaves into the compact range at that size. This is
 *   the part that binds the events read to the signed root, and no check
 *   can skip it: a store's tree rows are written by whoever writes its
 *   events, so a rewrite of events before the checkpoint that leaves the
 *   tree rows alone is only caught by hashing those events' leaves again
 *   (the leaf of a changed event no longer fits the signed root). It rides
 *   on the pass that already hashes each event for its chain check, at two
 *   SHA-256 of at most 65 bytes per event, and keeps O(log n) hashes in memory.
 * - `extensionHashes` is the tree work past the checkpoint, O(new + log n):
 *   appending the new leaves to the frontier, the root now, and the
 *   consistency proof from the checkpoint (from the nodes the appends made
 *   and the frontier; only the new part's nodes are kept in memory).
 * - `storeNodes` and `storeHashes`: the store's own tree asked for its
 *   consistency proof from the checkpoint to now, and that proof checked
 *   against the signed root and the root rebuilt from the events
 *   (O(log n); 0 for a source without a tree, such as a JSONL export).
 */
export interface CheckpointWork {
  leaves: number;
  frontierHashes: number;
  extensionHashes: number;
  storeNodes: number;
  storeHashes: number;
}

/** What {@link checkpointAuditor} returns when finished: the check, and the work it took. */
export interface CheckpointAudit extends CheckpointCheck {
  work: CheckpointWork;
}

/** A check of a log against a checkpoint, fed one event hash at a time in log order. */
export interface CheckpointAuditor {
  readonly checkpoint: Checkpoint;
  /** The next event's hex `hash` (in position order); anything else takes the leaf's place as a placeholder, so the root of a changed log differs. */
  add(eventHash: unknown): void;
  /** Ends the check; `stored`, the tree the source keeps itself, must agree with the events (its consistency proof is checked). */
  finish(stored?: TransparencyLog): Promise<CheckpointAudit>;
}

const PLACEHOLDER = '0'.repeat(64);

/**
 * Checks that a log extends a checkpoint kept from before, reading its events
 * once, in log order, with O(log n + new) memory: each event's leaf is folded
 * into the compact range of the first `checkpoint.size` leaves, whose root
 * must be the signed one (any event before the checkpoint changed, removed,
 * inserted or reordered changes it; fewer events than the checkpoint signed
 * is a truncation); the leaves after it are appended to that frontier, which
 * gives the root now and the RFC 9162 consistency proof. A source's own tree,
 * if given, must prove the same (`stored-tree-differs` otherwise).
 * See {@link CheckpointWork} for what is O(n) and what is O(new + log n).
 */
export function checkpointAuditor(note: string, vkey: string): CheckpointAuditor {
  const { checkpoint } = openCheckpoint(note, noteVerifier(vkey));
  const m = checkpoint.size;
  const range = new CompactRange();
  const kept = new Map<string, Hash>();
  const keep = (n: TreeNode) => kept.set(`${n.level}/${n.index}`, n.hash);
  let leaves = 0;
  let frontierHashes = 0;
  let signedRootFits: boolean | undefined;
  const reachCheckpoint = () => {
    signedRootFits = equal(range.root(), checkpoint.rootHash);
    frontierHashes = range.hashes;
    for (const n of range.frontier()) keep(n);
    range.onNode = keep;
  };
  if (m === 0) reachCheckpoint();
  return {
    checkpoint,
    add(eventHash) {
      leaves++;
      range.append(
        eventLeafHash(typeof eventHash === 'string' && /^[0-9a-f]{64}$/.test(eventHash) ? eventHash : PLACEHOLDER),
      );
      if (range.size === m) reachCheckpoint();
    },
    async finish(stored) {
      const size = range.size;
      const work: CheckpointWork = { leaves, frontierHashes, extensionHashes: 0, storeNodes: 0, storeHashes: 0 };
      if (size < m) {
        return {
          ok: false,
          checkpoint,
          size,
          work,
          problem: 'truncated',
          detail: `the log holds ${size} entries, fewer than the ${m} its checkpoint signed: entries were removed`,
        };
      }
      if (!signedRootFits) {
        return {
          ok: false,
          checkpoint,
          size,
          work,
          problem: 'rewritten',
          detail: `the first ${m} entries no longer hash to the checkpoint's root: an event before it was changed, removed, inserted or reordered`,
        };
      }
      const root = range.root();
      const proofWork = { hashes: 0 };
      const proof = rangeHashes(
        consistencyRanges(m, size),
        (level, index) => {
          const h = kept.get(`${level}/${index}`);
          if (!h) throw new ProofUnavailableError(`node ${level}/${index} is not in a tree of ${size} leaves`);
          return h;
        },
        proofWork,
      );
      // everything the range hashed after the checkpoint's size (the appends and the root), and the proof's folds
      work.extensionHashes = range.hashes - frontierHashes + proofWork.hashes;
      if (stored) {
        // An empty proof (nothing new, or a checkpoint of the empty tree) says nothing of the store's tree: its root is compared instead.
        const empty = m === 0 || m === size;
        work.storeNodes = empty
          ? size === 0
            ? 0
            : rangeNodes(0, size).length
          : nodesNeeded(consistencyRanges(m, size)).length;
        let agrees = false;
        try {
          if (empty) agrees = equal(await stored.root(size), root);
          else {
            const storedProof = await stored.consistencyProof(m, size);
            work.storeHashes = 2 * storedProof.length;
            agrees = verifyConsistency(m, size, storedProof, checkpoint.rootHash, root);
          }
        } catch (err) {
          if (!(err instanceof ProofUnavailableError)) throw err;
        }
        if (!agrees) {
          return {
            ok: false,
            checkpoint,
            size,
            work,
            problem: 'stored-tree-differs',
            detail: "the store's Merkle tree does not match its events",
          };
        }
      }
      return { ok: true, checkpoint, size, work, consistencyProof: proof.map(b64) };
    },
  };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}
