import { afterEach, describe, expect, it } from 'vitest';
import {
  MerkleTree,
  ProofUnavailableError,
  eventLeafHash,
  hasTransparency,
  sealEvents,
  verifyConsistency,
  verifyInclusion,
  type EventStore,
  type StoredEvent,
  type TransparentEventStore,
} from '@certflow/core';
import { testEvents } from './eventFactory.js';

const hex = (h: Uint8Array) => Buffer.from(h).toString('hex');

async function rebuilt(store: EventStore): Promise<{ tree: MerkleTree; events: StoredEvent[] }> {
  const tree = new MerkleTree();
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) {
    events.push(e);
    tree.append(eventLeafHash(e.hash));
  }
  return { tree, events };
}

/**
 * What every store's Merkle tree must do: cover every committed event, leaf i
 * being the event with the (i+1)-th smallest position, and give the root and
 * RFC 9162 proofs a tree rebuilt from readAll gives.
 */
export function describeTransparencyConformance(name: string, factory: () => EventStore | Promise<EventStore>): void {
  describe(`transparency conformance: ${name}`, () => {
    const opened: EventStore[] = [];
    const open = async (): Promise<TransparentEventStore> => {
      const s = await factory();
      opened.push(s);
      expect(hasTransparency(s)).toBe(true);
      return s as TransparentEventStore;
    };
    afterEach(async () => {
      while (opened.length) await opened.pop()!.close();
    });

    it('keeps the tree a rebuild from readAll gives, through single events and batches', async () => {
      const store = await open();
      expect(await store.transparency.size()).toBe(0);
      expect(hex(await store.transparency.root())).toBe(hex(new MerkleTree().root()));
      await store.append('application-a', testEvents(1), { expectedVersion: 'no-stream' });
      await store.append('application-b', testEvents(10), { expectedVersion: 'no-stream' });
      await store.append('application-a', testEvents(3), { expectedVersion: 1 });
      for (let i = 0; i < 7; i++)
        await store.append(`exam-${i}`, testEvents(1 + (i % 3)), { expectedVersion: 'no-stream' });
      const { tree, events } = await rebuilt(store);
      expect(await store.transparency.size()).toBe(events.length);
      for (let size = 0; size <= events.length; size++)
        expect(hex(await store.transparency.root(size)), `size ${size}`).toBe(hex(tree.root(size)));
      for (const [i, e] of events.entries()) expect(await store.transparency.leafIndexOf(e.position)).toBe(i);
    });

    it('proves every event included and every earlier tree consistent', async () => {
      const store = await open();
      for (let i = 0; i < 6; i++)
        await store.append(`certificate-${i}`, testEvents(i + 1), { expectedVersion: 'no-stream' });
      const { events } = await rebuilt(store);
      const n = events.length;
      const root = await store.transparency.root();
      for (const [i, e] of events.entries()) {
        expect(verifyInclusion(eventLeafHash(e.hash), i, n, await store.transparency.inclusionProof(i), root)).toBe(
          true,
        );
      }
      for (let m = 0; m <= n; m++) {
        const proof = await store.transparency.consistencyProof(m);
        expect(verifyConsistency(m, n, proof, await store.transparency.root(m), root), `from ${m}`).toBe(true);
      }
    });

    it('numbers leaves densely where imported positions leave gaps', async () => {
      const store = await open();
      await store.append('application-a', testEvents(2), { expectedVersion: 'no-stream' });
      const imported = sealEvents('application-z', { version: 0, hash: null }, [10, 25, 26], testEvents(3));
      await store.importEvents(imported);
      await store.append('application-a', testEvents(1), { expectedVersion: 2 });
      const { tree, events } = await rebuilt(store);
      expect(events.map((e) => e.position)).toEqual([1, 2, 10, 25, 26, 27]);
      expect(await store.transparency.leafIndexOf(25)).toBe(3);
      expect(await store.transparency.leafIndexOf(27)).toBe(5);
      expect(await store.transparency.leafIndexOf(11)).toBeUndefined();
      expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
    });

    it('keeps the tree equal to a rebuild under concurrent appenders', async () => {
      const store = await open();
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.append(`application-r${i}`, testEvents(1 + (i % 4)), { expectedVersion: 'no-stream' }),
        ),
      );
      const { tree, events } = await rebuilt(store);
      expect(await store.transparency.size()).toBe(events.length);
      expect(hex(await store.transparency.root())).toBe(hex(tree.root()));
    });

    it('refuses proofs of leaves or sizes the tree does not hold', async () => {
      const store = await open();
      await store.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
      await expect(store.transparency.inclusionProof(3)).rejects.toThrow(ProofUnavailableError);
      await expect(store.transparency.consistencyProof(1, 4)).rejects.toThrow(ProofUnavailableError);
      await expect(store.transparency.root(4)).rejects.toThrow(ProofUnavailableError);
    });
  });
}
