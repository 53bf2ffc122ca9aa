import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { foldEvents, initialSnapshot, machines } from '../machines/fold.js';
import { emptyIndex, extendIndex, type HistoryIndex } from './history.js';
import type { SnapshotStore } from './snapshots.js';
import { machineOf } from './streams.js';
import type { LoadedStream } from './types.js';

export interface StreamLoader {
  /** Reads and folds a stream: from its snapshot if there is one, else from its first event. */
  load(streamId: string): Promise<LoadedStream>;
  /** The same over a stream's events already read whole (tick, deadlines): only those after the snapshot are folded. */
  fold(streamId: string, events: StoredEvent[]): Promise<LoadedStream>;
}

interface Base {
  version: number;
  at: string | null;
  snapshot: AnyMachineSnapshot;
  index: HistoryIndex;
}

/**
 * Loads streams for the engine. With a snapshot store, a stream is restored
 * from its snapshot (`createActor(machine, { snapshot }).getSnapshot()`,
 * without `start()`: `resolveState` would lose history states) and only the
 * events after it are read and folded; a new snapshot is written once
 * `every` events were folded past the last one.
 */
export function streamLoader(store: EventStore, snapshots: SnapshotStore | undefined, every: number): StreamLoader {
  async function baseOf(streamId: string, logic: AnyStateMachine): Promise<Base | undefined> {
    const stored = snapshots ? await snapshots.get(streamId) : undefined;
    if (!stored || stored.machineVersion !== logic.version || !stored.index) return undefined;
    const snapshot = createActor(logic, { snapshot: stored.persisted as never }).getSnapshot() as AnyMachineSnapshot;
    return { version: stored.version, at: stored.at, snapshot, index: stored.index };
  }

  async function open(streamId: string, read: (fromVersion: number) => Promise<StoredEvent[]> | StoredEvent[]): Promise<LoadedStream> {
    const machine = machineOf(streamId);
    const logic = machines[machine] as AnyStateMachine;
    const base = (await baseOf(streamId, logic)) ?? { version: 0, at: null, snapshot: initialSnapshot(logic), index: emptyIndex() };
    const tail = await read(base.version + 1);
    const snapshot = foldEvents(logic, tail, base.snapshot);
    const stream: LoadedStream = {
      streamId,
      machine,
      snapshot,
      version: base.version + tail.length,
      at: tail[tail.length - 1]?.meta.at ?? base.at,
      baseVersion: base.version,
      base: base.index,
      tail,
    };
    if (snapshots && tail.length >= every) {
      await snapshots.set({ streamId, version: stream.version, machineVersion: logic.version!, at: stream.at, persisted: logic.getPersistedSnapshot(snapshot), index: extendIndex(stream) });
    }
    return stream;
  }

  return {
    load: (streamId) => open(streamId, (fromVersion) => store.readStream(streamId, fromVersion > 1 ? { fromVersion } : undefined)),
    fold: (streamId, events) => open(streamId, (fromVersion) => (fromVersion > 1 ? events.slice(fromVersion - 1) : events)),
  };
}
