import type { NewEvent, StoredEvent } from './event.js';
import {
  checkExpectedVersion,
  type AppendOptions,
  type AppendResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from './eventStore.js';
import { runSubscription } from './subscriptionRunner.js';
import { prepareAppend, sealEvents } from './validateEvents.js';
import { StoreClosedError } from './errors.js';
import { checkImport } from './importEvents.js';
import { commandClaims, commandConflict, type RecordedCommand } from './commandClaims.js';
import { memoryTransparencyLog } from './transparency/memoryTree.js';
import type { TransparentEventStore } from './transparency/log.js';

/**
 * An event store held in memory: for tests, demos and short-lived tools.
 * Appends are atomic (a batch is sealed before anything is written) and
 * events are deep-copied in and out, so callers cannot change the log.
 */
export function memoryStore(): TransparentEventStore {
  // Each event is kept as its JSON text: reading parses a fresh copy (about
  // twice as fast as structuredClone), and nothing a caller holds can reach
  // what is stored.
  interface Entry {
    streamId: string;
    version: number;
    position: number;
    hash: string;
    json: string;
  }
  const all: Entry[] = [];
  const streams = new Map<string, Entry[]>();
  const checkpoints = new Map<string, number>();
  // commandId → the first event recorded under it with a fingerprint.
  const commands = new Map<string, RecordedCommand>();
  let listeners: Array<() => void> = [];
  let closed = false;
  // The Merkle tree over the log (leaf i = i-th event written), kept as events are written.
  const tree = memoryTransparencyLog();

  const notify = () => {
    const ls = listeners;
    listeners = [];
    ls.forEach((l) => void l());
  };
  const assertOpen = (operation: string) => {
    if (closed) throw new StoreClosedError('memoryStore', operation);
  };
  const read = (e: Entry): StoredEvent => JSON.parse(e.json) as StoredEvent;

  const write = (events: StoredEvent[]) => {
    for (const e of events) {
      const entry: Entry = { streamId: e.streamId, version: e.version, position: e.position, hash: e.hash, json: JSON.stringify(e) };
      all.push(entry);
      const s = streams.get(e.streamId) ?? [];
      s.push(entry);
      streams.set(e.streamId, s);
      tree.add(e.position, e.hash);
      const fingerprint = e.meta.commandFingerprint;
      if (typeof fingerprint === 'string' && !commands.has(e.meta.commandId)) {
        commands.set(e.meta.commandId, { commandId: e.meta.commandId, fingerprint, streamId: e.streamId, position: e.position });
      }
    }
    notify();
  };

  return {
    transparency: tree.log,

    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      assertOpen('append');
      const { expectedVersion } = prepareAppend(streamId, events, options);
      const stream = streams.get(streamId) ?? [];
      const last = stream[stream.length - 1];
      checkExpectedVersion(streamId, expectedVersion, last?.version ?? 0);
      for (const claim of commandClaims(events)) {
        const recorded = commands.get(claim.commandId);
        if (recorded && recorded.fingerprint !== claim.fingerprint) throw commandConflict(recorded, claim.fingerprint, streamId);
      }
      const base = all.length === 0 ? 0 : all[all.length - 1]!.position;
      const positions = events.map((_, i) => base + i + 1);
      const sealed = sealEvents(streamId, { version: last?.version ?? 0, hash: last?.hash ?? null }, positions, events);
      write(sealed);
      // The sealed events are new objects the store keeps no reference to.
      return { nextExpectedVersion: sealed[sealed.length - 1]!.version, events: sealed };
    },

    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
      assertOpen('readStream');
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.POSITIVE_INFINITY;
      const out: StoredEvent[] = [];
      for (const e of streams.get(streamId) ?? []) if (e.version >= from && e.version <= to) out.push(read(e));
      return out;
    },

    async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
      assertOpen('readAll');
      const from = options.fromPosition ?? 0;
      for (const e of all) if (e.position >= from) yield read(e);
    },

    async streamVersion(streamId: string): Promise<number> {
      assertOpen('streamVersion');
      const s = streams.get(streamId);
      return s?.[s.length - 1]?.version ?? 0;
    },

    subscribe(options: SubscribeOptions): Subscription {
      assertOpen('subscribe');
      return runSubscription(
        options.name,
        options.handler,
        {
          async fetch(after, limit) {
            const out: StoredEvent[] = [];
            for (const e of all) {
              if (e.position > after) out.push(read(e));
              if (out.length >= limit) break;
            }
            return out;
          },
          async headPosition() {
            return all[all.length - 1]?.position ?? 0;
          },
          async loadCheckpoint(name) {
            return checkpoints.get(name);
          },
          async saveCheckpoint(name, position) {
            checkpoints.set(name, position);
          },
          waitForChange(signal) {
            return new Promise<void>((resolve) => {
              if (signal.aborted) return resolve();
              listeners.push(resolve);
              signal.addEventListener('abort', () => resolve(), { once: true });
            });
          },
        },
        { ...(options.from !== undefined ? { from: options.from } : {}), ...(options.retry ? { retry: options.retry } : {}) },
      );
    },

    async importEvents(events: StoredEvent[]): Promise<void> {
      assertOpen('importEvents');
      const heads = new Map<string, { version: number; hash: string | null }>();
      for (const [id, s] of streams) {
        const last = s[s.length - 1]!;
        heads.set(id, { version: last.version, hash: last.hash });
      }
      checkImport(events, heads, all[all.length - 1]?.position ?? 0);
      write(events);
    },

    async findCommand(commandId: string): Promise<RecordedCommand | undefined> {
      assertOpen('findCommand');
      const recorded = commands.get(commandId);
      return recorded ? { ...recorded } : undefined;
    },

    async close(): Promise<void> {
      closed = true;
      notify();
    },
  };
}
