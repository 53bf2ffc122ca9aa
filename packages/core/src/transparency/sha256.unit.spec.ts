import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MalformedNoteError } from './errors.js';
import { eventLeafHash, nodeHash } from './merkle.js';
import { sha256LeafOfHex, sha256Node } from './sha256.js';

const viaNodeCrypto = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('the SHA-256 of leaves and nodes', () => {
  it("gives node:crypto's digest of 0x01 ‖ left ‖ right for any two hashes", () => {
    fc.assert(
      fc.property(bytes32, bytes32, (left, right) => {
        const expected = viaNodeCrypto(Uint8Array.of(1), left, right);
        expect(hex(sha256Node(left, right))).toBe(expected);
        expect(hex(nodeHash(left, right))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("gives node:crypto's digest of 0x00 ‖ the event hash's bytes for any event hash", () => {
    fc.assert(
      fc.property(bytes32, (entry) => {
        const expected = viaNodeCrypto(Uint8Array.of(0), entry);
        expect(hex(sha256LeafOfHex(hex(entry))!)).toBe(expected);
        expect(hex(eventLeafHash(hex(entry)))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the known digests of all-zero and all-one inputs, and chains across calls', () => {
    const zero = new Uint8Array(32);
    const ones = new Uint8Array(32).fill(0xff);
    expect(hex(sha256Node(zero, ones))).toBe(viaNodeCrypto(Uint8Array.of(1), zero, ones));
    expect(hex(sha256Node(ones, zero))).toBe(viaNodeCrypto(Uint8Array.of(1), ones, zero));
    expect(hex(sha256LeafOfHex('f'.repeat(64))!)).toBe(viaNodeCrypto(Uint8Array.of(0), ones));
    // the digests are fresh arrays: a later call does not change an earlier result
    const a = sha256Node(zero, zero);
    const before = hex(a);
    sha256Node(ones, ones);
    expect(hex(a)).toBe(before);
  });

  it('refuses an event hash that is not 64 lowercase hex digits, whichever character is wrong', () => {
    const wrong = fc.constantFrom('A', 'F', 'g', 'G', ' ', '-', 'é', '０', '\u0000', '/', ':', '`');
    fc.assert(
      fc.property(bytes32, fc.integer({ min: 0, max: 63 }), wrong, (entry, at, c) => {
        const good = hex(entry);
        const bad = good.slice(0, at) + c + good.slice(at + 1);
        expect(sha256LeafOfHex(bad)).toBeUndefined();
        expect(() => eventLeafHash(bad)).toThrow(MalformedNoteError);
      }),
      { numRuns: 300 },
    );
    for (const bad of ['', 'ab', 'a'.repeat(63), 'a'.repeat(65), 'A'.repeat(64)]) {
      expect(sha256LeafOfHex(bad)).toBeUndefined();
      expect(() => eventLeafHash(bad)).toThrow(MalformedNoteError);
    }
    expect(() => eventLeafHash(42 as unknown as string)).toThrow(MalformedNoteError);
  });
});
