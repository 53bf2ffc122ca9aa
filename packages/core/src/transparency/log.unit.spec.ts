import { describe, expect, it } from 'vitest';
import { memoryStore } from '../memoryStore.js';
import { testEvent } from '../testing/eventFactory.js';
import { certificateReceipts } from './log.js';
import { eventLeafHash } from './merkle.js';
import { verifyInclusion } from './proofs.js';

describe('certificate receipts', () => {
  it('gives each issued certificate its leaf index and, once the tree has grown, a proof against it', async () => {
    const store = memoryStore();
    const numbers = ['S000137000012205000001', 'S000137000012205000002'];
    const exam = await store.append(
      'exam-1',
      [testEvent('CertificatesIssued', { certificates: numbers.map((number) => ({ number })) })],
      { expectedVersion: 'no-stream' },
    );
    for (const n of numbers)
      await store.append(`certificate-${n}`, [testEvent('CertificateIssued', { number: n })], {
        expectedVersion: 'no-stream',
      });
    const receipts = await certificateReceipts(store, exam);
    expect(receipts.map((r) => [r.number, r.leafIndex])).toEqual([
      [numbers[0], 1],
      [numbers[1], 2],
    ]);
    await store.append('exam-2', [testEvent()], { expectedVersion: 'no-stream' }); // the next checkpoint covers 4 entries
    const { leafIndex, treeSize, proof } = await receipts[1]!.prove(4);
    const [issued] = await store.readStream(`certificate-${numbers[1]}`);
    expect(
      verifyInclusion(eventLeafHash(issued!.hash), leafIndex, treeSize, proof, await store.transparency.root(4)),
    ).toBe(true);
  });
});
