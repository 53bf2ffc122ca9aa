import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_ROOT, eventLeafEntry, eventLeafHash, leafHash, nodeHash, splitPoint, type Hash } from './merkle.js';
import { MerkleTree } from './tree.js';
import { verifyConsistency, verifyInclusion } from './proofs.js';

// RFC 6962 / RFC 9162 reference vectors (the C++ reference implementation's
// test data, also used by certificate-transparency-go and trillian).
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// (leaf index, tree size, path), 0-based leaf indices
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
// (old size, new size, proof)
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

const hex = (h: Hash) => Buffer.from(h).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

function vectorTree(): MerkleTree {
  const t = new MerkleTree();
  for (const i of INPUTS) t.append(leafHash(unhex(i)));
  return t;
}

/** MTH straight from RFC 9162 §2.1.1's recursive definition (no stored nodes). */
function referenceRoot(leaves: Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

describe('RFC 9162 Merkle tree', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(hex(new MerkleTree().root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the reference root of every prefix of the test vectors', () => {
    const t = vectorTree();
    ROOTS.forEach((root, i) => void expect(hex(t.root(i + 1))).toBe(root));
  });

  it.each(INCLUSION)(
    'gives the reference inclusion proof of leaf %i in %i leaves, which verifies',
    (index, size, path) => {
      const t = vectorTree();
      const proof = t.inclusionProof(index, size);
      expect(proof.map(hex)).toEqual(path);
      expect(verifyInclusion(leafHash(unhex(INPUTS[index]!)), index, size, proof, unhex(ROOTS[size - 1]!))).toBe(true);
    },
  );

  it.each(CONSISTENCY)('gives the reference consistency proof from %i to %i leaves, which verifies', (m, n, path) => {
    const t = vectorTree();
    const proof = t.consistencyProof(m, n);
    expect(proof.map(hex)).toEqual(path);
    expect(verifyConsistency(m, n, proof, unhex(ROOTS[m - 1]!), unhex(ROOTS[n - 1]!))).toBe(true);
  });

  it("hashes an event's leaf as the leaf of its hash's 32 bytes, and refuses anything but 64 lowercase hex digits", () => {
    const h = 'a3'.repeat(16) + '0f'.repeat(16);
    expect(Buffer.from(eventLeafHash(h))).toEqual(Buffer.from(leafHash(Buffer.from(h, 'hex'))));
    expect(Buffer.from(eventLeafHash(h))).toEqual(Buffer.from(leafHash(eventLeafEntry(h))));
    const bad = [
      '',
      h.slice(1),
      `${h}0`,
      h.toUpperCase(),
      `${h.slice(0, 63)}A`,
      `A${h.slice(1)}`,
      `${h.slice(0, 30)}g${h.slice(31)}`,
      `${h.slice(0, 63)} `,
      ` ${h.slice(1)}`,
      `${h.slice(0, 62)}-1`,
      'é'.repeat(64),
    ];
    for (const b of bad) {
      expect(() => eventLeafHash(b), b).toThrow(/not a SHA-256 hex digest/);
      expect(() => eventLeafEntry(b), b).toThrow(/not a SHA-256 hex digest/);
    }
    // a refused hash leaves nothing behind: the next leaf is its own
    expect(Buffer.from(eventLeafHash(h))).toEqual(Buffer.from(leafHash(Buffer.from(h, 'hex'))));
  });

  it('refuses proofs with a flipped bit, a wrong index or a wrong size', () => {
    const t = vectorTree();
    const leaf = leafHash(unhex(INPUTS[5]!));
    const proof = t.inclusionProof(5, 8);
    const root = t.root(8);
    const flipped = proof.map((p, i) => (i === 1 ? Uint8Array.from(p, (b, j) => (j === 0 ? b ^ 1 : b)) : p));
    expect(verifyInclusion(leaf, 5, 8, flipped, root)).toBe(false);
    expect(verifyInclusion(leaf, 4, 8, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 5, 6, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 5, 8, proof.slice(0, 2), root)).toBe(false);
    const cons = t.consistencyProof(6, 8);
    expect(verifyConsistency(6, 8, cons, t.root(5), root)).toBe(false);
    expect(verifyConsistency(5, 8, cons, t.root(6), root)).toBe(false);
    expect(verifyConsistency(6, 8, [], t.root(6), root)).toBe(false);
    expect(verifyConsistency(8, 8, [], t.root(8), t.root(7))).toBe(false);
  });
});

describe('RFC 9162 Merkle tree, properties', () => {
  const leavesArb = fc
    .integer({ min: 1, max: 45 })
    .map((n) => Array.from({ length: n }, (_, i) => leafHash(Uint8Array.of(i & 0xff, i >> 8))));

  it('keeps, appending one leaf at a time, the root the recursive definition gives, at every size', () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        const t = new MerkleTree();
        leaves.forEach((l, i) => {
          t.append(l);
          expect(hex(t.root())).toBe(hex(referenceRoot(leaves.slice(0, i + 1))));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('proves every leaf of every size, and no proof verifies for another leaf', () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        const t = new MerkleTree();
        leaves.forEach((l) => void t.append(l));
        for (let size = 1; size <= leaves.length; size++) {
          const root = t.root(size);
          for (let i = 0; i < size; i++) {
            const proof = t.inclusionProof(i, size);
            expect(verifyInclusion(leaves[i]!, i, size, proof, root)).toBe(true);
            if (size > 1) expect(verifyInclusion(leaves[(i + 1) % size]!, i, size, proof, root)).toBe(false);
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('proves every pair of sizes consistent, and a changed leaf breaks it', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, pick) => {
        const t = new MerkleTree();
        leaves.forEach((l) => void t.append(l));
        const changed = [...leaves];
        const at = pick % leaves.length;
        changed[at] = leafHash(Uint8Array.of(0xff, 0xff, 0xff));
        for (let m = 0; m <= leaves.length; m++) {
          for (let n = m; n <= leaves.length; n++) {
            const proof = t.consistencyProof(m, n);
            expect(verifyConsistency(m, n, proof, t.root(m), t.root(n))).toBe(true);
            // an old tree that held the changed leaf cannot be proven a prefix of the real one
            if (m > at && m > 0)
              expect(verifyConsistency(m, n, proof, referenceRoot(changed.slice(0, m)), t.root(n))).toBe(false);
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});

describe('work a proof does', () => {
  it('reads O(log n) stored nodes per inclusion proof, not O(log² n)', () => {
    const t = new MerkleTree();
    const n = 1000 + 37;
    for (let i = 0; i < n; i++) t.append(leafHash(Uint8Array.of(i & 0xff, i >> 8)));
    const bound = 2 * Math.ceil(Math.log2(n));
    for (const index of [0, 1, 500, 999, 1000, n - 1]) {
      t.reads = 0;
      t.inclusionProof(index);
      expect(t.reads, `leaf ${index}`).toBeLessThanOrEqual(bound);
    }
  });
});
