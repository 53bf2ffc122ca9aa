import type { NewEvent, StoredEvent } from './event.js';
import {
  checkExpectedVersion,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from './eventStore.js';
import { runSubscription } from './subscriptionRunner.js';
import { sealEvents, validateAppend } from './validateEvents.js';
import { checkImport } from './importEvents.js';

/**
 * An event store held in memory: for tests, demos and short-lived tools.
 * Appends are atomic (a batch is sealed before anything is written) and
 * events are deep-copied in and out, so callers cannot change the log.
 */
export function memoryStore(): EventStore {
  const all: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const checkpoints = new Map<string, number>();
  let listeners: Array<() => void> = [];
  let closed = false;

  const notify = () => {
    const ls = listeners;
    listeners = [];
    ls.forEach((l) => l());
  };
  const assertOpen = () => {
    if (closed) throw new Error('memoryStore is closed');
  };
  const copy = (e: StoredEvent): StoredEvent => structuredClone(e);

  const write = (sealed: StoredEvent[]) => {
    for (const e of sealed) {
      all.push(e);
      const s = streams.get(e.streamId) ?? [];
      s.push(e);
      streams.set(e.streamId, s);
    }
    notify();
  };

  return {
    async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
      assertOpen();
      validateAppend(streamId, events);
      const stream = streams.get(streamId) ?? [];
      const last = stream[stream.length - 1];
      checkExpectedVersion(streamId, options.expectedVersion, last?.version ?? 0);
      const base = all.length === 0 ? 0 : all[all.length - 1]!.position;
      const positions = events.map((_, i) => base + i + 1);
      const sealed = sealEvents(streamId, { version: last?.version ?? 0, hash: last?.hash ?? null }, positions, events);
      write(sealed);
      return { nextExpectedVersion: sealed[sealed.length - 1]!.version, events: sealed.map(copy) };
    },

    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
      assertOpen();
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.POSITIVE_INFINITY;
      return (streams.get(streamId) ?? []).filter((e) => e.version >= from && e.version <= to).map(copy);
    },

    async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
      assertOpen();
      const from = options.fromPosition ?? 0;
      for (const e of all) if (e.position >= from) yield copy(e);
    },

    async streamVersion(streamId: string): Promise<number> {
      const s = streams.get(streamId);
      return s?.[s.length - 1]?.version ?? 0;
    },

    subscribe(options: SubscribeOptions): Subscription {
      assertOpen();
      return runSubscription(options.name, options.handler, {
        async fetch(after, limit) {
          const out: StoredEvent[] = [];
          for (const e of all) {
            if (e.position > after) out.push(copy(e));
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
      }, options.from !== undefined ? { from: options.from } : {});
    },

    async importEvents(events: StoredEvent[]): Promise<void> {
      assertOpen();
      const heads = new Map<string, { version: number; hash: string | null }>();
      for (const [id, s] of streams) {
        const last = s[s.length - 1]!;
        heads.set(id, { version: last.version, hash: last.hash });
      }
      checkImport(events, heads, all[all.length - 1]?.position ?? 0);
      write(events.map(copy));
    },

    async close(): Promise<void> {
      closed = true;
      notify();
    },
  };
}
