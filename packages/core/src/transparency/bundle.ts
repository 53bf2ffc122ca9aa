import { storedEventSchema, type StoredEvent } from '../event.js';
import { computeEventHash } from '../hash.js';
import { eventLeafHash, HASH_SIZE } from './merkle.js';
import { verifyInclusion } from './proofs.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { MalformedNoteError, ProofInvalidError } from './errors.js';
import { noteVerifier } from './note.js';

/**
 * A self-contained proof that an event is in a log: the event, its leaf
 * index, the RFC 9162 inclusion proof and the signed checkpoint it leads to.
 * Anyone holding the log's public key (vkey) can check it offline.
 */
export interface ProofBundle {
  format: typeof BUNDLE_FORMAT;
  event: StoredEvent;
  leafIndex: number;
  treeSize: number;
  /** Base64 node hashes, nearest the leaf first. */
  proof: string[];
  /** The signed checkpoint (C2SP signed note) the proof leads to. */
  checkpoint: string;
}

export const BUNDLE_FORMAT = 'certflow-inclusion-proof/v1';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export function makeProofBundle(
  event: StoredEvent,
  leafIndex: number,
  proof: Uint8Array[],
  checkpoint: string,
  treeSize: number,
): ProofBundle {
  return { format: BUNDLE_FORMAT, event, leafIndex, treeSize, proof: proof.map(b64), checkpoint };
}

/**
 * Checks a bundle with nothing but the log's vkey: the checkpoint's
 * signature, the event's hash recomputed from its content, and the inclusion
 * proof from its leaf to the checkpoint's root. Throws MalformedNoteError,
 * UnverifiedNoteError or ProofInvalidError; returns what was proven.
 */
export function verifyProofBundle(
  bundle: unknown,
  vkey: string,
): { checkpoint: Checkpoint; event: StoredEvent; leafIndex: number } {
  const b = bundle as Partial<ProofBundle> | null;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT)
    throw new MalformedNoteError('proof bundle', `expected "format": "${BUNDLE_FORMAT}"`);
  if (
    !Number.isSafeInteger(b.leafIndex) ||
    !Number.isSafeInteger(b.treeSize) ||
    !Array.isArray(b.proof) ||
    typeof b.checkpoint !== 'string'
  ) {
    throw new MalformedNoteError('proof bundle', 'expected leafIndex, treeSize, proof (base64 strings) and checkpoint');
  }
  const parsedEvent = storedEventSchema.safeParse(b.event);
  if (!parsedEvent.success) throw new MalformedNoteError('proof bundle', 'the event is not a stored event');
  const proof = b.proof.map((p) => {
    const raw = typeof p === 'string' ? new Uint8Array(Buffer.from(p, 'base64')) : new Uint8Array();
    if (raw.length !== HASH_SIZE || b64(raw) !== p)
      throw new MalformedNoteError('proof bundle', 'each proof entry must be the base64 of 32 bytes');
    return raw;
  });
  const { checkpoint } = openCheckpoint(b.checkpoint, noteVerifier(vkey));
  const event = b.event as StoredEvent;
  const recomputed = computeEventHash(event);
  if (recomputed !== event.hash)
    throw new ProofInvalidError(
      'inclusion',
      `the event's content hashes to ${recomputed}, not its recorded hash ${event.hash}`,
    );
  if (b.treeSize !== checkpoint.size)
    throw new ProofInvalidError(
      'inclusion',
      `the proof is for ${b.treeSize} entries, the checkpoint signs ${checkpoint.size}`,
    );
  if (!verifyInclusion(eventLeafHash(event.hash), b.leafIndex!, checkpoint.size, proof, checkpoint.rootHash)) {
    throw new ProofInvalidError('inclusion', `leaf ${b.leafIndex} does not lead to the root hash of the checkpoint`);
  }
  return { checkpoint, event, leafIndex: b.leafIndex! };
}
