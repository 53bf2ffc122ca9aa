import { describe, expect, it } from 'vitest';
import { MerkleTree } from './tree.js';
import { leafHash } from './merkle.js';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { MalformedNoteError, UnverifiedNoteError, CheckpointInconsistentError } from './errors.js';
import {
  SIG_COSIGNATURE_V1,
  generateNoteKey,
  noteKeyFromSeed,
  noteSigner,
  noteVerifier,
  openNote,
  vkeyOf,
} from './note.js';
import { cosign, cosignatureVerifier } from './witness.js';

const seed = new Uint8Array(32).fill(7);

describe('signed notes and keys', () => {
  it('writes keys in the note formats, the key ID being SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]', () => {
    const k = noteKeyFromSeed('certflow.test/jinan', seed);
    expect(k.skey).toMatch(/^PRIVATE\+KEY\+certflow\.test\/jinan\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect(k.vkey).toMatch(/^certflow\.test\/jinan\+[0-9a-f]{8}\+/);
    expect(Buffer.from(k.vkey.split('+').slice(2).join('+'), 'base64')[0]).toBe(0x01);
    expect(vkeyOf(k.skey)).toBe(k.vkey);
    expect(k.skey.split('+')[3]).toBe(k.vkey.split('+')[1]);
  });

  it('refuses malformed keys and key names, naming what is wrong', () => {
    expect(() => generateNoteKey('two words')).toThrow(MalformedNoteError);
    expect(() => noteVerifier('name+00000000+AQ==')).toThrow(MalformedNoteError);
    const k = noteKeyFromSeed('a.test/log', seed);
    const [n, , key] = k.vkey.split('+');
    expect(() => noteVerifier(`${n}+deadbeef+${key}`)).toThrow(/key ID does not match/);
  });

  it('signs a note that verifies with its vkey and no other', async () => {
    const k = generateNoteKey('a.test/log');
    const other = generateNoteKey('a.test/log');
    const cp = await signCheckpoint(
      { origin: 'a.test/log', size: 3, rootHash: new MerkleTree().root(), extensions: [] },
      noteSigner(k.skey),
    );
    expect(cp).toMatch(
      /^a\.test\/log\n3\n47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 a\.test\/log [A-Za-z0-9+/]+=*\n$/,
    );
    expect(openCheckpoint(cp, noteVerifier(k.vkey)).checkpoint.size).toBe(3);
    expect(() => openCheckpoint(cp, noteVerifier(other.vkey))).toThrow(UnverifiedNoteError);
    const forged = cp.replace('\n3\n', '\n4\n');
    expect(() => openCheckpoint(forged, noteVerifier(k.vkey))).toThrow(UnverifiedNoteError);
  });

  it('parses and refuses checkpoint bodies', () => {
    const root = new MerkleTree().root();
    const body = formatCheckpoint({ origin: 'o', size: 0, rootHash: root, extensions: ['ext line'] });
    expect(parseCheckpoint(body)).toEqual({ origin: 'o', size: 0, rootHash: root, extensions: ['ext line'] });
    expect(() => parseCheckpoint('o\n01\nAAAA\n')).toThrow(MalformedNoteError);
    expect(() => parseCheckpoint('o\n1\n')).toThrow(MalformedNoteError);
    expect(() => openNote('no signatures\n', noteVerifier(noteKeyFromSeed('o', seed).vkey))).toThrow(
      MalformedNoteError,
    );
  });
});

describe('witness', () => {
  const log = noteKeyFromSeed('city.test/log', seed);
  const witness = noteKeyFromSeed('province.test/witness', new Uint8Array(32).fill(9), SIG_COSIGNATURE_V1);
  const logs = new Map([['city.test/log', noteVerifier(log.vkey)]]);
  const tree = new MerkleTree();
  for (let i = 0; i < 10; i++) tree.append(leafHash(Uint8Array.of(i)));
  const checkpointAt = (size: number, t = tree) =>
    signCheckpoint({ origin: 'city.test/log', size, rootHash: t.root(size), extensions: [] }, noteSigner(log.skey));
  const b64 = (p: Uint8Array[]) => p.map((h) => Buffer.from(h).toString('base64'));

  it('cosigns a first checkpoint, then one that extends it, with a cosignature/v1 line that verifies', async () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const first = cosign(
      { checkpoint: await checkpointAt(4), proof: [] },
      { witnessKey: witness.skey, logs, state: {}, now },
    );
    const second = cosign(
      { checkpoint: await checkpointAt(10), proof: b64(tree.consistencyProof(4, 10)) },
      { witnessKey: witness.skey, logs, state: first.state, now },
    );
    expect(second.state['city.test/log']!.size).toBe(10);
    const v = cosignatureVerifier(witness.vkey);
    const opened = openNote(second.cosigned, v, 'cosigned checkpoint');
    const mine = opened.signatures.find((s) => s.name === v.name)!;
    expect(v.timestampOf(mine.signature)).toBe(now.getTime() / 1000);
    // the log's own signature is kept
    expect(openCheckpoint(second.cosigned, noteVerifier(log.vkey)).checkpoint.size).toBe(10);
  });

  it('refuses to cosign a fork, a truncation or a checkpoint not signed by the log, and says why', async () => {
    const now = new Date();
    const { state } = cosign(
      { checkpoint: await checkpointAt(6), proof: [] },
      { witnessKey: witness.skey, logs, state: {}, now },
    );
    const forkTree = new MerkleTree();
    for (let i = 0; i < 10; i++) forkTree.append(leafHash(Uint8Array.of(i === 2 ? 99 : i)));
    const fork = await checkpointAt(10, forkTree);
    expect(() =>
      cosign(
        { checkpoint: fork, proof: b64(forkTree.consistencyProof(6, 10)) },
        { witnessKey: witness.skey, logs, state, now },
      ),
    ).toThrow(CheckpointInconsistentError);
    const sameSize = await checkpointAt(6, forkTree);
    expect(() => cosign({ checkpoint: sameSize, proof: [] }, { witnessKey: witness.skey, logs, state, now })).toThrow(
      /a fork/,
    );
    const smaller = await checkpointAt(5);
    expect(() => cosign({ checkpoint: smaller, proof: [] }, { witnessKey: witness.skey, logs, state, now })).toThrow(
      /smaller/,
    );
    const stranger = generateNoteKey('city.test/log');
    const unsigned = await signCheckpoint(
      { origin: 'city.test/log', size: 10, rootHash: tree.root(), extensions: [] },
      noteSigner(stranger.skey),
    );
    expect(() =>
      cosign(
        { checkpoint: unsigned, proof: b64(tree.consistencyProof(6, 10)) },
        { witnessKey: witness.skey, logs, state, now },
      ),
    ).toThrow(UnverifiedNoteError);
  });
});
