import { describe, expect, it } from 'vitest';
// An independent SM2 implementation (npm sm-crypto) checks ours both ways.
import smCrypto from 'sm-crypto';
import { MerkleTree } from './tree.js';
import { openCheckpoint, signCheckpoint } from './checkpoint.js';
import { UnverifiedNoteError } from './errors.js';
import { generateSm2Key, sm2NoteSigner, sm2NoteVerifier, sm2Sign, sm2Verify } from './sm2.js';

const { sm2 } = smCrypto as unknown as {
  sm2: {
    doSignature(msg: string, privateKey: string, options: { hash: boolean; publicKey?: string }): string;
    doVerifySignature(msg: string, signature: string, publicKey: string, options: { hash: boolean }): boolean;
  };
};
const enc = new TextEncoder();

describe('SM2 signer (outside the C2SP signature types)', () => {
  it('signs what sm-crypto verifies, and verifies what sm-crypto signs (Z_A with the default ID, SM3)', () => {
    for (let i = 0; i < 3; i++) {
      const { privateKey, publicKey } = generateSm2Key();
      const msg = `certflow.test/jinan\n${i + 7}\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n`;
      const ours = Buffer.from(sm2Sign(privateKey, enc.encode(msg))).toString('hex');
      expect(sm2.doVerifySignature(msg, ours, publicKey, { hash: true })).toBe(true);
      expect(sm2.doVerifySignature(`${msg}x`, ours, publicKey, { hash: true })).toBe(false);
      const theirs = sm2.doSignature(msg, privateKey, { hash: true, publicKey });
      expect(sm2Verify(publicKey, enc.encode(msg), new Uint8Array(Buffer.from(theirs.padStart(128, '0'), 'hex')))).toBe(
        true,
      );
      expect(
        sm2Verify(publicKey, enc.encode(`${msg}x`), new Uint8Array(Buffer.from(theirs.padStart(128, '0'), 'hex'))),
      ).toBe(false);
    }
  });

  it('signs a checkpoint behind the NoteSigner interface; another key does not open it', async () => {
    const key = generateSm2Key();
    const other = generateSm2Key();
    const note = await signCheckpoint(
      { origin: 'certflow.test/jinan', size: 0, rootHash: new MerkleTree().root(), extensions: [] },
      sm2NoteSigner('certflow.test/jinan', key.privateKey),
    );
    expect(openCheckpoint(note, sm2NoteVerifier('certflow.test/jinan', key.publicKey)).checkpoint.size).toBe(0);
    expect(() => openCheckpoint(note, sm2NoteVerifier('certflow.test/jinan', other.publicKey))).toThrow(
      UnverifiedNoteError,
    );
  });
});
