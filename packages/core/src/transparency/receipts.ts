import type { EventStore } from '../eventStore.js';
import type { StoredEvent } from '../event.js';
import { ValidationError } from '../errors.js';
import { makeProofBundle, type ProofBundle } from './bundle.js';
import { parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { ProofUnavailableError } from './errors.js';
import { certificateReceipts, hasTransparency, type CertificateReceipt, type TransparentEventStore } from './log.js';
import { parseNote, type NoteSigner } from './note.js';

/**
 * `createEngine({ receipts })`: each `IssueCertificates` result then has
 * `receipts()`. `true` gives each certificate its leaf index and the means to
 * prove it against the next checkpoint; with a `signer`, a checkpoint is
 * signed as soon as the certificates are in the tree, and each receipt
 * already holds its proof bundle against it.
 */
export interface ReceiptOptions {
  /** Signs a checkpoint of the tree right after the certificates (the log's key, or a key held elsewhere). */
  signer?: NoteSigner;
  /** The checkpoint's origin line. Default: the signer's name. */
  origin?: string;
}

/** A certificate's receipt as `IssueCertificates` returns it: the inclusion receipt, its issuing event, and its proof bundle. */
export interface IssuedCertificateReceipt extends CertificateReceipt {
  /** The certificate's `CertificateIssued` event (version 1 of `certificate-<number>`). */
  event: StoredEvent;
  /**
   * The self-contained proof bundle (what `certflow prove` prints) against a
   * signed checkpoint of this log that covers the certificate, e.g. the next
   * one published: hand it to the holder. The checkpoint's signature is not
   * checked here; `verifyProofBundle` checks it with the log's vkey.
   */
  bundle(checkpoint: string): Promise<ProofBundle>;
  /** With a `signer` option: the bundle against the checkpoint signed right after issuing. */
  signed?: ProofBundle;
}

/** The receipts of one result: a promise made on demand, so a result costs nothing until they are asked for. */
export type ResultReceipts = () => Promise<IssuedCertificateReceipt[]>;

/**
 * The receipts `createEngine({ receipts })` adds to an `IssueCertificates`
 * result, over `store`'s transparency log. A store without one is a
 * ValidationError when the engine is created, not when a certificate is issued.
 */
export function resultReceipts(
  store: EventStore,
  options: ReceiptOptions | true,
): (result: { events: readonly { type: string; data: unknown }[] }) => ResultReceipts | undefined {
  if (!hasTransparency(store)) {
    throw new ValidationError(
      [
        {
          path: ['receipts'],
          code: 'no_transparency_log',
          message: 'receipts need a store that keeps a transparency log (memoryStore, sqliteStore, postgresStore)',
          expected: 'a TransparentEventStore',
          received: 'a store without `transparency`',
        },
      ],
      'createEngine',
    );
  }
  const signer = options === true ? undefined : options.signer;
  const origin = options === true ? undefined : options.origin;
  return (result) => {
    if (!result.events.some((e) => e.type === 'CertificatesIssued')) return undefined;
    return () => receiptsOf(store, result, signer, origin);
  };
}

async function receiptsOf(
  store: TransparentEventStore,
  result: { events: readonly { type: string; data: unknown }[] },
  signer: NoteSigner | undefined,
  origin: string | undefined,
): Promise<IssuedCertificateReceipt[]> {
  const receipts = await certificateReceipts(store, result);
  const withBundles = await Promise.all(
    receipts.map(async (r): Promise<IssuedCertificateReceipt> => {
      const [event] = await store.readStream(`certificate-${r.number}`, { toVersion: 1 });
      return {
        ...r,
        event: event!,
        async bundle(note) {
          const { size } = parseCheckpoint(parseNote(note, 'checkpoint').text);
          const { leafIndex, proof } = await r.prove(size);
          return makeProofBundle(event!, leafIndex, proof, note, size);
        },
      };
    }),
  );
  if (!signer || withBundles.length === 0) return withBundles;
  // The tree covers every certificate once it covers the last one's leaf.
  const leaves = await Promise.all(
    withBundles.map(async (r) => r.leafIndex ?? (await store.transparency.leafIndexOf(r.position))),
  );
  const size = await store.transparency.size();
  if (leaves.some((l) => l === undefined || l >= size))
    throw new ProofUnavailableError('the tree does not cover the certificates yet');
  const note = await signCheckpoint(
    { origin: origin ?? signer.name, size, rootHash: await store.transparency.root(size), extensions: [] },
    signer,
  );
  for (const r of withBundles) r.signed = await r.bundle(note);
  return withBundles;
}
