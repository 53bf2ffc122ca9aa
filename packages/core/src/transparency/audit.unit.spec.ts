import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkpointAuditor } from './audit.js';
import { signCheckpoint } from './checkpoint.js';
import { CompactRange } from './compactRange.js';
import { eventLeafHash } from './merkle.js';
import { memoryTransparencyLog } from './memoryTree.js';
import { generateNoteKey, noteSigner } from './note.js';
import { MerkleTree } from './tree.js';

const key = generateNoteKey('certflow.test/audit');
const hashOf = (i: number, salt = '') => createHash('sha256').update(`event ${i}${salt}`).digest('hex');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** A log of `n` event hashes, its tree, and a checkpoint signed at `m`. */
async function logWithCheckpoint(m: number, n: number) {
  const hashes = Array.from({ length: n }, (_, i) => hashOf(i));
  const tree = new MerkleTree();
  for (const h of hashes) tree.append(eventLeafHash(h));
  const note = await signCheckpoint(
    { origin: 'certflow.test/audit', size: m, rootHash: tree.root(m), extensions: [] },
    noteSigner(key.skey),
  );
  return { hashes, tree, note };
}

describe('CompactRange', () => {
  it('has the RFC 9162 root of every size, from a frontier of one node per 1-bit of the size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        const range = new CompactRange();
        const tree = new MerkleTree();
        for (let i = 0; i < n; i++) {
          range.append(eventLeafHash(hashOf(i)));
          tree.append(eventLeafHash(hashOf(i)));
        }
        expect(b64(range.root())).toBe(b64(tree.root()));
        expect(range.frontier().length).toBe(n.toString(2).replace(/0/g, '').length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('checkpointAuditor', () => {
  it('gives the root and the consistency proof a tree rebuilt from scratch gives, for any pair of sizes', async () => {
    for (const [m, n] of [
      [0, 5],
      [1, 1],
      [1, 8],
      [6, 8],
      [7, 13],
      [64, 65],
      [100, 333],
      [333, 333],
    ] as const) {
      const { hashes, tree, note } = await logWithCheckpoint(m, n);
      const auditor = checkpointAuditor(note, key.vkey);
      for (const h of hashes) auditor.add(h);
      const stored = memoryTransparencyLog();
      hashes.forEach((h, i) => void stored.add(i + 1, h));
      const check = await auditor.finish(stored.log);
      expect(check.ok, `${m} → ${n}: ${check.detail}`).toBe(true);
      expect(check.consistencyProof).toEqual(tree.consistencyProof(m, n).map(b64));
    }
  });

  it('with a checkpoint at N and 1,000 new events, the tree work past the checkpoint is ≤ new + c·log2(N); only the leaves bind the old events', async () => {
    const N = 20_000;
    const fresh = 1000;
    const { hashes, note } = await logWithCheckpoint(N, N + fresh);
    const stored = memoryTransparencyLog();
    hashes.forEach((h, i) => void stored.add(i + 1, h));
    const auditor = checkpointAuditor(note, key.vkey);
    for (const h of hashes) auditor.add(h);
    const { ok, work } = await auditor.finish(stored.log);
    expect(ok).toBe(true);
    const log2 = Math.ceil(Math.log2(N));
    expect(work.extensionHashes).toBeLessThanOrEqual(fresh + 3 * log2);
    expect(work.storeNodes).toBeLessThanOrEqual(2 * log2);
    expect(work.storeHashes).toBeLessThanOrEqual(4 * log2);
    // the O(n) part: one leaf per event, and folding the old leaves (fewer node hashes than leaves)
    expect(work.leaves).toBe(N + fresh);
    expect(work.frontierHashes).toBeLessThan(N + log2);
  });

  it('catches an event before the checkpoint changed though the store kept its tree rows, and a log cut short', async () => {
    const { hashes, note } = await logWithCheckpoint(50, 60);
    const stored = memoryTransparencyLog();
    hashes.forEach((h, i) => void stored.add(i + 1, h));
    const changed = checkpointAuditor(note, key.vkey);
    hashes.forEach((h, i) => void changed.add(i === 17 ? hashOf(i, 'forged') : h));
    // the store's own tree still extends the checkpoint: only the events' leaves show the rewrite
    expect(b64(await stored.log.root(50))).toBe(b64((await logWithCheckpoint(50, 60)).tree.root(50)));
    expect((await changed.finish(stored.log)).problem).toBe('rewritten');
    const cut = checkpointAuditor(note, key.vkey);
    for (const h of hashes.slice(0, 49)) cut.add(h);
    expect((await cut.finish()).problem).toBe('truncated');
  });

  it("checks the store's root when the proof is empty: nothing new since the checkpoint, or a checkpoint of the empty tree", async () => {
    for (const [m, n] of [
      [12, 12],
      [0, 12],
    ] as const) {
      const { hashes, note } = await logWithCheckpoint(m, n);
      const other = memoryTransparencyLog();
      hashes.forEach((h, i) => void other.add(i + 1, i === 3 ? hashOf(i, 'other') : h));
      const auditor = checkpointAuditor(note, key.vkey);
      for (const h of hashes) auditor.add(h);
      expect((await auditor.finish(other.log)).problem, `${m} → ${n}`).toBe('stored-tree-differs');
    }
  });

  it("says so when the store's tree does not match the events after the checkpoint", async () => {
    const { hashes, note } = await logWithCheckpoint(10, 20);
    const other = memoryTransparencyLog();
    hashes.forEach((h, i) => void other.add(i + 1, i === 15 ? hashOf(i, 'other') : h));
    const auditor = checkpointAuditor(note, key.vkey);
    for (const h of hashes) auditor.add(h);
    expect((await auditor.finish(other.log)).problem).toBe('stored-tree-differs');
  });
});
