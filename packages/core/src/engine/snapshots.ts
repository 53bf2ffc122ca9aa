import type { HistoryIndex } from '../streams/history.js';

/** A persisted machine snapshot (xstate `getPersistedSnapshot`) with the version it covers. */
export interface StoredSnapshot {
  streamId: string;
  /** Stream version folded into the snapshot. */
  version: number;
  /** The machine's `version`: a snapshot of another machine version is ignored. */
  machineVersion: string;
  /** `meta.at` of the last event folded. */
  at: string | null;
  persisted: unknown;
  /**
   * The latest event of each type and every commandId up to
   * `version`, so commands stay idempotent and deadlines exact without reading
   * the events before the snapshot. A snapshot without it is not used.
   */
  index: HistoryIndex;
}

/** Where the engine keeps snapshots; state is never stored, so a lost snapshot only costs a longer fold. */
export interface SnapshotStore {
  get(streamId: string): Promise<StoredSnapshot | undefined> | StoredSnapshot | undefined;
  set(snapshot: StoredSnapshot): Promise<void> | void;
}

export function memorySnapshotStore(): SnapshotStore & { readonly size: number } {
  const map = new Map<string, StoredSnapshot>();
  return {
    get: (id) => (map.has(id) ? structuredClone(map.get(id)) : undefined),
    set: (s) => void map.set(s.streamId, structuredClone(s)),
    get size() {
      return map.size;
    },
  };
}
