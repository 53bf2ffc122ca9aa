import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MerkleTree } from '../tree.js';
import { eventLeafHash } from '../merkle.js';
import { signCheckpoint } from '../checkpoint.js';
import { generateNoteKey, noteSigner } from '../note.js';

// Go's golang.org/x/mod/sumdb/note and tlog check what certflow signs and
// proves (Debian: golang-go, golang-golang-x-mod-dev; CI installs both).
const here = fileURLToPath(new URL('.', import.meta.url));
const GOPATH = '/usr/share/gocode';
let dir: string;
let binary: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certflow-go-'));
  binary = join(dir, 'verify');
  const env = { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(dir, 'cache'), GOFLAGS: '' };
  try {
    execFileSync('go', ['build', '-o', binary, join(here, 'verify.go')], { env, stdio: 'pipe' });
  } catch (err) {
    throw new Error(
      `could not build the Go verifier (needs golang-go and golang-golang-x-mod-dev): ${String((err as { stderr?: Buffer }).stderr ?? err)}`,
    );
  }
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function goVerify(request: object): { ok: boolean; out: string } {
  const r = spawnSync(binary, [], { input: JSON.stringify(request), encoding: 'utf8' });
  return { ok: r.status === 0 && r.stdout.trim() === 'ok', out: `${r.stdout}${r.stderr}`.trim() };
}

const eventHash = (i: number) => createHash('sha256').update(`event ${i}`).digest('hex');
const b64 = (p: Uint8Array[]) => p.map((h) => Buffer.from(h).toString('base64'));

describe('an independent implementation (Go sumdb/note and tlog)', () => {
  it('verifies certflow checkpoints, inclusion proofs of every leaf and consistency proofs', async () => {
    const key = generateNoteKey('certflow.test/independent');
    const tree = new MerkleTree();
    for (let i = 0; i < 37; i++) tree.append(eventLeafHash(eventHash(i)));
    const sign = (size: number) =>
      signCheckpoint(
        { origin: 'certflow.test/independent', size, rootHash: tree.root(size), extensions: [] },
        noteSigner(key.skey),
      );
    const old = await sign(21);
    const now = await sign(37);
    for (let i = 0; i < 37; i++) {
      const r = goVerify({
        vkey: key.vkey,
        checkpoint: now,
        eventHash: eventHash(i),
        leafIndex: i,
        proof: b64(tree.inclusionProof(i, 37)),
        oldCheckpoint: old,
        consistencyProof: b64(tree.consistencyProof(21, 37)),
      });
      expect(r, `leaf ${i}`).toEqual({ ok: true, out: 'ok' });
    }
  }, 120_000);

  it('rejects what certflow would reject: a wrong leaf, a wrong key, a forged size', async () => {
    const key = generateNoteKey('certflow.test/independent');
    const other = generateNoteKey('certflow.test/independent');
    const tree = new MerkleTree();
    for (let i = 0; i < 9; i++) tree.append(eventLeafHash(eventHash(i)));
    const cp = await signCheckpoint(
      { origin: 'certflow.test/independent', size: 9, rootHash: tree.root(), extensions: [] },
      noteSigner(key.skey),
    );
    const base = {
      vkey: key.vkey,
      checkpoint: cp,
      eventHash: eventHash(3),
      leafIndex: 3,
      proof: b64(tree.inclusionProof(3)),
    };
    expect(goVerify(base).ok).toBe(true);
    expect(goVerify({ ...base, eventHash: eventHash(4) }).out).toMatch(/CheckRecord/);
    expect(goVerify({ ...base, vkey: other.vkey }).out).toMatch(/note.Open/);
    expect(goVerify({ ...base, checkpoint: cp.replace('\n9\n', '\n10\n') }).out).toMatch(/note.Open/);
  }, 60_000);
});
