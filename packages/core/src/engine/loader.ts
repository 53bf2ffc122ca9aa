import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type Snapshot } from 'xstate';
import { CorruptStoreError } from '../errors.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { foldEvents, initialSnapshot, machines } from '../streams/fold.js';
import { emptyIndex, extendIndex, type HistoryIndex } from '../streams/history.js';
import type { SnapshotStore } from './snapshots.js';
import { machineOf } from '../streams/state.js';
import type { LoadedStream } from './types.js';

export interface StreamLoader {
  /** Reads and folds a stream: from its snapshot if there is one, else from its first event. An event foreign to its machine is a CorruptStoreError. */
  load(streamId: string): Promise<LoadedStream>;
  /** The same over a stream's events already read whole (tick, deadlines): only those after the snapshot are folded; foreign events are passed over, as the machine does. */
  fold(streamId: string, events: StoredEvent[]): Promise<LoadedStream>;
}

const eventTypes = new Map<AnyStateMachine, ReadonlySet<string>>();
/** Every event type a machine handles in some state. */
function typesOf(logic: AnyStateMachine): ReadonlySet<string> {
  let types = eventTypes.get(logic);
  if (!types) {
    types = new Set(logic.events as string[]);
    eventTypes.set(logic, types);
  }
  return types;
}

/**
 * A stream of a machine holding an event its machine has no transition for
 * (an ExamPlanned in an application stream, say) was not written by the engine
 * and would fold silently into a wrong state: it is a CorruptStoreError naming
 * the stream, version and position.
 */
function checkForeign(
  streamId: string,
  logic: AnyStateMachine,
  machine: string,
  events: StoredEvent[],
  fromVersion: number,
): void {
  const types = typesOf(logic);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!types.has(e.type)) {
      throw new CorruptStoreError(streamId, `${e.type} is not an event of the ${machine} machine`, {
        streamId,
        version: e.version ?? fromVersion + i,
        position: e.position,
      });
    }
  }
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
const isPersisted = (v: unknown): v is Snapshot<unknown> => typeof v === 'object' && v !== null && 'status' in v;

export function streamLoader(store: EventStore, snapshots: SnapshotStore | undefined, every: number): StreamLoader {
  async function baseOf(streamId: string, logic: AnyStateMachine): Promise<Base | undefined> {
    const stored = snapshots ? await snapshots.get(streamId) : undefined;
    if (!stored || stored.machineVersion !== logic.version || !stored.index) return undefined;
    // Anything but a persisted snapshot is no base: the stream is folded from its first event.
    if (!isPersisted(stored.persisted)) return undefined;
    const snapshot = createActor(logic, { snapshot: stored.persisted }).getSnapshot() as AnyMachineSnapshot;
    return { version: stored.version, at: stored.at, snapshot, index: stored.index };
  }

  async function open(
    streamId: string,
    read: (fromVersion: number) => Promise<StoredEvent[]> | StoredEvent[],
    strict: boolean,
  ): Promise<LoadedStream> {
    const machine = machineOf(streamId);
    const logic = machines[machine] as AnyStateMachine;
    const base = (await baseOf(streamId, logic)) ?? {
      version: 0,
      at: null,
      snapshot: initialSnapshot(logic),
      index: emptyIndex(),
    };
    const tail = await read(base.version + 1);
    if (strict) checkForeign(streamId, logic, machine, tail, base.version + 1);
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
      await snapshots.set({
        streamId,
        version: stream.version,
        machineVersion: logic.version!,
        at: stream.at,
        persisted: logic.getPersistedSnapshot(snapshot),
        index: extendIndex(stream),
      });
    }
    return stream;
  }

  return {
    load: (streamId) =>
      open(streamId, (fromVersion) => store.readStream(streamId, fromVersion > 1 ? { fromVersion } : undefined), true),
    fold: (streamId, events) =>
      open(streamId, (fromVersion) => (fromVersion > 1 ? events.slice(fromVersion - 1) : events), false),
  };
}
