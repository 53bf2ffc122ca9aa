import type { EventStore, StoredEvent } from '@certflow/core';

const readOnly = (what: string) => () => {
  throw new Error(`replay reads a log and never writes: ${what} is not available`);
};

/**
 * A read-only EventStore over events already read from a source, so the
 * engine can fold and time-travel any source (a store or a JSONL export)
 * without copying it into another store first.
 */
export function logStore(events: StoredEvent[]): EventStore {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
  for (const list of byStream.values()) list.sort((a, b) => a.version - b.version);
  const copy = (e: StoredEvent): StoredEvent => structuredClone(e);
  return {
    append: readOnly('append'),
    importEvents: readOnly('importEvents'),
    subscribe: readOnly('subscribe'),
    async readStream(streamId, options = {}) {
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.POSITIVE_INFINITY;
      return (byStream.get(streamId) ?? []).filter((e) => e.version >= from && e.version <= to).map(copy);
    },
    async *readAll(options = {}) {
      const from = options.fromPosition ?? 0;
      for (const e of events) if (e.position >= from) yield copy(e);
    },
    async streamVersion(streamId) {
      const list = byStream.get(streamId);
      return list?.[list.length - 1]?.version ?? 0;
    },
    async close() {},
  };
}
