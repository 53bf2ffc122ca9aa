import type { EventStore } from '../eventStore.js';
import type { Hash } from './merkle.js';
import { ProofUnavailableError } from './errors.js';

/**
 * The Merkle tree a store keeps over its events. Leaf i is the event with
 * the (i+1)-th smallest position: positions grow in commit order, so this is
 * commit order, and leaf indices stay dense where positions have gaps.
 */
export interface TransparencyLog {
  /** Leaves in the tree (events it covers), the size a checkpoint can sign now. */
  size(): Promise<number>;
  /** MTH of the first `size` leaves (default: all). */
  root(size?: number): Promise<Hash>;
  /** RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves (default: all). */
  inclusionProof(index: number, size?: number): Promise<Hash[]>;
  /** RFC 9162 consistency proof from `oldSize` to `newSize` leaves (default: all). */
  consistencyProof(oldSize: number, newSize?: number): Promise<Hash[]>;
  /** The leaf index of the event at `position`, or undefined while the tree does not cover it yet. */
  leafIndexOf(position: number): Promise<number | undefined>;
}

/** An event store that keeps a transparency log (every store certflow ships). */
export interface TransparentEventStore extends EventStore {
  readonly transparency: TransparencyLog;
}

export function hasTransparency(store: EventStore): store is TransparentEventStore {
  return typeof (store as Partial<TransparentEventStore>).transparency?.size === 'function';
}

/** A receipt for one event: its leaf index now, and its inclusion proof once a checkpoint covers it. */
export interface InclusionReceipt {
  position: number;
  leafIndex: number | undefined;
  /** Resolves with the proof against a tree of `size` leaves (the next checkpoint's size). */
  prove(size: number): Promise<{ leafIndex: number; treeSize: number; proof: Hash[] }>;
}

/** A receipt for the event at `position` of a transparent store. */
export async function inclusionReceipt(log: TransparencyLog, position: number): Promise<InclusionReceipt> {
  return {
    position,
    leafIndex: await log.leafIndexOf(position),
    async prove(size) {
      const leafIndex = await log.leafIndexOf(position);
      if (leafIndex === undefined) throw new ProofUnavailableError(`the tree does not cover position ${position} yet`);
      return { leafIndex, treeSize: size, proof: await log.inclusionProof(leafIndex, size) };
    },
  };
}

/** One certificate's receipt: its number, its CertificateIssued event's position, and the inclusion receipt. */
export interface CertificateReceipt extends InclusionReceipt {
  number: string;
}

/**
 * Receipts for the certificates an `IssueCertificates` result lists (its
 * `CertificatesIssued` event names each number; each certificate's
 * `CertificateIssued` event is version 1 of `certificate-<number>`): the
 * leaf index of each issuing event now, and `prove(size)` for the proof
 * against the next checkpoint, to hand to each holder.
 */
export async function certificateReceipts(
  store: TransparentEventStore,
  result: { events: readonly { type: string; data: unknown }[] },
): Promise<CertificateReceipt[]> {
  const issued = result.events.find((e) => e.type === 'CertificatesIssued')?.data as
    | { certificates?: { number: string }[] }
    | undefined;
  const out: CertificateReceipt[] = [];
  for (const { number } of issued?.certificates ?? []) {
    const [first] = await store.readStream(`certificate-${number}`, { toVersion: 1 });
    if (!first) continue; // not appended yet (the engine completes certificates after the exam's own append)
    out.push({ number, ...(await inclusionReceipt(store.transparency, first.position)) });
  }
  return out;
}
