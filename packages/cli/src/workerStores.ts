// The SQLite files a worker thread reads (verifyWorker.ts, replay/replayWorker.ts,
// report/reportWorker.ts): each opened read-only, in place, once per worker, and
// kept for its later ranges.
import type { EventStore, StoredEvent } from '@certflow/core';
import type { RangeRequest } from './parallelVerify.js';

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

/**
 * Hands each event of a range of a SQLite file's positions to `each`, in
 * position order, read through the store's readAll in `queries` queries (not
 * one: a query's rows are held until the last is examined, and thousands of
 * them outlive V8's young generation; see SQLITE_READ_BATCH in sources.ts).
 * Resolves to the first position after the range that holds an event (null:
 * none, the log ends in the range).
 */
export async function eachInRange(
  request: RangeRequest,
  queries: number,
  each: (event: StoredEvent) => void,
): Promise<number | null> {
  const store = await readOnlyStoreOf(request.file);
  const end = request.from + request.size;
  for await (const event of store.readAll({
    fromPosition: request.from,
    batchSize: Math.ceil((request.size + 1) / queries),
  })) {
    if (event.position >= end) return event.position;
    each(event);
  }
  return null;
}
