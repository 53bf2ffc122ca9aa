import { describe, expect, it } from 'vitest';
import { createEngine, memoryStore, type Command, type EventStore } from '@certflow/core';
import { testCalendar, testRulePack, type GivenCommand } from '@certflow/core/testing';
import { CONFIRMED, ISSUED } from '../engine/scenario.fixtures.js';
import { verifyProofBundle } from './bundle.js';
import { signCheckpoint } from './checkpoint.js';
import { generateNoteKey, noteSigner } from './note.js';
import { ValidationError } from '../errors.js';

const key = generateNoteKey('certflow.test/receipts');

async function issue(store: EventStore, receipts: Parameters<typeof createEngine>[0]['receipts']) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({
    store,
    rulePacks: [testRulePack],
    calendar: testCalendar(),
    clock: () => now,
    ...(receipts ? { receipts } : {}),
  });
  const run = async (commands: GivenCommand[]) => {
    let last: Awaited<ReturnType<typeof engine.execute>> | undefined;
    for (const { at, ...c } of commands) {
      if (at) now = new Date(at);
      last = await engine.execute(c as Command);
    }
    return last!;
  };
  const confirmed = await run(CONFIRMED);
  const issued = await run(ISSUED.slice(-1));
  return { engine, confirmed, issued };
}

describe('IssueCertificates receipts', () => {
  it('a result carries each certificate receipt; its bundle against the next checkpoint verifies with the vkey alone', async () => {
    const store = memoryStore();
    const { confirmed, issued } = await issue(store, true);
    expect(confirmed.receipts).toBeUndefined(); // only IssueCertificates results carry receipts
    const receipts = await issued.receipts!();
    const numbers = (issued.events[0]!.data as { certificates: { number: string }[] }).certificates.map(
      (c) => c.number,
    );
    expect(receipts.map((r) => r.number)).toEqual(numbers);
    expect(receipts.every((r) => r.signed === undefined && r.event.type === 'CertificateIssued')).toBe(true);
    // the next checkpoint is signed later, after more events
    await store.append('exam-later', [{ type: 'Noted', data: {}, meta: receipts[0]!.event.meta }], {
      expectedVersion: 'no-stream',
    });
    const size = await store.transparency.size();
    const note = await signCheckpoint(
      { origin: 'certflow.test/receipts', size, rootHash: await store.transparency.root(), extensions: [] },
      noteSigner(key.skey),
    );
    for (const r of receipts) {
      const bundle = await r.bundle(note);
      const proven = verifyProofBundle(JSON.parse(JSON.stringify(bundle)), key.vkey);
      expect([proven.event.streamId, proven.leafIndex, proven.checkpoint.size]).toEqual([
        `certificate-${r.number}`,
        r.leafIndex,
        size,
      ]);
    }
  });

  it('with a signer, each receipt already holds its bundle against a checkpoint signed right after issuing', async () => {
    const store = memoryStore();
    const { issued } = await issue(store, { signer: noteSigner(key.skey) });
    const receipts = await issued.receipts!();
    expect(receipts.length).toBeGreaterThan(0);
    for (const r of receipts)
      expect(verifyProofBundle(r.signed, key.vkey).checkpoint.size).toBe(await store.transparency.size());
  });

  it('asks for a store with a transparency log when the engine is created', () => {
    const { transparency: _, ...plain } = memoryStore();
    expect(() => createEngine({ store: plain as EventStore, rulePacks: [testRulePack], receipts: true })).toThrow(
      ValidationError,
    );
  });
});
