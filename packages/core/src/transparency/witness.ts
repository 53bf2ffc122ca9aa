import { verifyConsistency } from './proofs.js';
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { CheckpointInconsistentError, MalformedNoteError } from './errors.js';
import {
  SIG_COSIGNATURE_V1,
  ed25519KeyParts,
  ed25519Sign,
  ed25519Verify,
  openNote,
  parseNote,
  splitKey,
  type NoteVerifier,
} from './note.js';
import type { Hash } from './merkle.js';

/**
 * A witness (C2SP tlog-witness / tlog-cosignature/v1): keeps the last
 * checkpoint it cosigned per log; cosigns a new one only after checking its
 * signature by the log's key and a consistency proof from the kept one, so
 * two views of one log (a fork) never both carry its cosignature.
 */

const enc = new TextEncoder();

/** The message an Ed25519 cosignature/v1 signs: header, time line, then the checkpoint body. */
export function cosignedMessage(body: string, timestamp: number): Uint8Array {
  return enc.encode(`cosignature/v1\ntime ${timestamp}\n${body}`);
}

function u64(n: number): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return new Uint8Array(b);
}

/** A verifier for a witness's cosignatures (its vkey has type 0x04). */
export function cosignatureVerifier(vkey: string): NoteVerifier & { timestampOf(sig: Uint8Array): number } {
  const parts = splitKey(vkey.trim());
  const raw = new Uint8Array(Buffer.from(parts[2] ?? '', 'base64'));
  if (parts.length !== 3 || raw.length !== 33 || raw[0] !== SIG_COSIGNATURE_V1) {
    throw new MalformedNoteError('verifier key', 'expected a witness key (<name>+<key id>+base64(0x04 ‖ Ed25519 key))');
  }
  const pub = raw.subarray(1);
  return {
    name: parts[0]!,
    keyId: parseInt(parts[1]!, 16),
    verify(text, sig) {
      if (sig.length !== 72) return false;
      const ts = Number(Buffer.from(sig.subarray(0, 8)).readBigUInt64BE());
      return ed25519Verify(pub, cosignedMessage(new TextDecoder().decode(text), ts), sig.subarray(8));
    },
    timestampOf(sig) {
      return Number(Buffer.from(sig.subarray(0, 8)).readBigUInt64BE());
    },
  };
}

/** What a witness keeps per log: the last checkpoint it cosigned. */
export interface WitnessState {
  [origin: string]: { size: number; rootHash: string; note: string };
}

export interface CosignRequest {
  /** The new signed checkpoint. */
  checkpoint: string;
  /** RFC 9162 consistency proof from the kept checkpoint's size to the new one (base64 hashes). */
  proof: string[];
}

export interface CosignResult {
  /** The checkpoint with the witness's cosignature line added. */
  cosigned: string;
  state: WitnessState;
  checkpoint: Checkpoint;
}

/**
 * Checks a new checkpoint of a known log and cosigns it. `logs` maps each log
 * origin the witness follows to the log's verifier. Throws
 * CheckpointInconsistentError (and cosigns nothing) on a smaller tree, a
 * different root at the same size, or a proof that fails: that is a fork.
 */
export function cosign(
  request: CosignRequest,
  options: { witnessKey: string; logs: ReadonlyMap<string, NoteVerifier>; state: WitnessState; now: Date },
): CosignResult {
  const parsed = parseNote(request.checkpoint, 'checkpoint');
  const checkpoint = parseCheckpoint(parsed.text);
  const verifier = options.logs.get(checkpoint.origin);
  if (!verifier)
    throw new MalformedNoteError('checkpoint', `this witness does not follow the log ${checkpoint.origin}`);
  openNote(request.checkpoint, verifier, 'checkpoint');
  const kept = options.state[checkpoint.origin];
  const newRoot = checkpoint.rootHash;
  if (kept) {
    const oldRoot = new Uint8Array(Buffer.from(kept.rootHash, 'base64'));
    const proof: Hash[] = request.proof.map((p) => new Uint8Array(Buffer.from(p, 'base64')));
    if (checkpoint.size < kept.size) {
      throw new CheckpointInconsistentError(
        checkpoint.origin,
        kept.size,
        checkpoint.size,
        'the new tree is smaller than the one already cosigned (a truncation or a fork)',
      );
    }
    if (!verifyConsistency(kept.size, checkpoint.size, proof, oldRoot, newRoot)) {
      const detail =
        checkpoint.size === kept.size
          ? 'same size, different root hash: two views of one log (a fork)'
          : 'the consistency proof from the cosigned tree does not verify (a rewrite or a fork)';
      throw new CheckpointInconsistentError(checkpoint.origin, kept.size, checkpoint.size, detail);
    }
  }
  const key = ed25519KeyParts(options.witnessKey);
  if (key.type !== SIG_COSIGNATURE_V1)
    throw new MalformedNoteError('signer key', 'expected a witness key (type 0x04; `certflow keygen --witness`)');
  const timestamp = Math.floor(options.now.getTime() / 1000);
  const sig = ed25519Sign(key.seed, cosignedMessage(parsed.text, timestamp));
  const id = Uint8Array.of(key.keyId >>> 24, (key.keyId >>> 16) & 0xff, (key.keyId >>> 8) & 0xff, key.keyId & 0xff);
  const line = `\u2014 ${key.name} ${Buffer.from(Uint8Array.of(...id, ...u64(timestamp), ...sig)).toString('base64')}`;
  const own = parsed.signatures.filter((s) => !(s.name === key.name && s.keyId === key.keyId)).map((s) => s.line);
  const cosigned = `${parsed.text}\n${[...own, line].map((l) => `${l}\n`).join('')}`;
  const state: WitnessState = {
    ...options.state,
    [checkpoint.origin]: {
      size: checkpoint.size,
      rootHash: Buffer.from(newRoot).toString('base64'),
      note: request.checkpoint,
    },
  };
  return { cosigned, state, checkpoint };
}
