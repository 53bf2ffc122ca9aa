// The SQLite files a worker thread reads (verifyWorker.ts, replay/replayWorker.ts):
// each opened read-only, in place, once per worker, and kept for its later ranges.
import type { EventStore } from '@certflow/core';

const stores = new Map<string, EventStore>();

/** The worker's read-only store of a SQLite file, opened on first use. */
export async function readOnlyStoreOf(file: string): Promise<EventStore> {
  let store = stores.get(file);
  if (!store) {
    const { sqliteStore } = await import('@certflow/store-sqlite');
    store = sqliteStore({ file, readOnly: true });
    stores.set(file, store);
  }
  return store;
}
