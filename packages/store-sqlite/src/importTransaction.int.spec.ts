import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError, type StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { StoreBusyError } from './errors.js';
import { sqliteStore } from './sqliteStore.js';

// beginImport: many batches in one transaction, so a log too large to hold is
// imported all or nothing into a store that already holds events.
const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-import-tx-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect = async (it: AsyncIterable<StoredEvent>) => {
  const out: StoredEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
};

/** A log of four streams (positions 1..10), written by a store of its own. */
async function sourceLog(): Promise<StoredEvent[]> {
  const store = sqliteStore({ file: join(dir, `source-${++n}.db`) });
  await store.append('application-a', testEvents(3), { expectedVersion: 'no-stream' });
  await store.append('exam-b', testEvents(2), { expectedVersion: 'no-stream' });
  await store.append('application-c', testEvents(3), { expectedVersion: 'no-stream' });
  await store.append('quota-d', testEvents(2), { expectedVersion: 'no-stream' });
  const log = await collect(store.readAll());
  await store.close();
  return log;
}

describe('sqliteStore beginImport', () => {
  it('writes batches that continue the store and each other, visible once committed; the tree covers them all', async () => {
    const log = await sourceLog();
    const file = join(dir, `target-${++n}.db`);
    const store = sqliteStore({ file });
    await store.importEvents(log.slice(0, 3));
    const tx = await store.beginImport!();
    await tx.write(log.slice(3, 6));
    await tx.write(log.slice(6));
    const other = sqliteStore({ file, readOnly: true });
    expect(await collect(other.readAll())).toHaveLength(3); // not visible before the commit
    await other.close();
    await tx.commit();
    await tx.rollback(); // a no-op once committed
    expect(await collect(store.readAll())).toEqual(log);
    expect(await store.transparency.size()).toBe(log.length);
    await store.close();
  });

  it('a batch refused late rolls every batch back: the store is as it was, and takes the log again afterwards', async () => {
    const log = await sourceLog();
    const store = sqliteStore({ file: join(dir, `target-${++n}.db`) });
    await store.importEvents(log.slice(0, 3));
    const root = await store.transparency.root(3);
    const tx = await store.beginImport!();
    await tx.write(log.slice(3, 6));
    const changed = { ...log[7]!, data: { changed: true } };
    await expect(tx.write([log[6]!, changed])).rejects.toBeInstanceOf(ValidationError);
    await expect(tx.commit()).rejects.toThrow(); // the transaction is over
    expect(await collect(store.readAll())).toEqual(log.slice(0, 3));
    expect(await store.transparency.size()).toBe(3);
    expect(await store.transparency.root(3)).toEqual(root);
    const again = await store.beginImport!();
    await again.write(log.slice(3));
    await again.commit();
    expect(await collect(store.readAll())).toEqual(log);
    await store.close();
  });

  it('rollback leaves the store unchanged; a write on the store while the transaction is open is StoreBusyError; close rolls back', async () => {
    const log = await sourceLog();
    const file = join(dir, `target-${++n}.db`);
    const store = sqliteStore({ file });
    await store.importEvents(log.slice(0, 3));
    const tx = await store.beginImport!();
    await tx.write(log.slice(3));
    await expect(store.append('application-z', testEvents(1), { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(
      StoreBusyError,
    );
    await expect(store.importEvents(log.slice(3))).rejects.toBeInstanceOf(StoreBusyError);
    await tx.rollback();
    expect(await collect(store.readAll())).toEqual(log.slice(0, 3));
    const open = await store.beginImport!();
    await open.write(log.slice(3));
    await store.close();
    const reopened = sqliteStore({ file });
    expect(await collect(reopened.readAll())).toEqual(log.slice(0, 3));
    await reopened.close();
  });
});
