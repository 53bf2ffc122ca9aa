import type { StoredEvent } from '../event.js';

/** The latest event of a type in a stream: enough to anchor a deadline. */
export interface LatestEvent {
  version: number;
  at: string;
  data: unknown;
}

/**
 * What the engine needs from a stream's past beyond the machine snapshot, kept
 * with the snapshot so a command reads only the events after it: the latest
 * event of each type (deadline anchors and steps) and every commandId that
 * recorded events (idempotency, for any history length).
 */
export interface HistoryIndex {
  latest: Record<string, LatestEvent>;
  /**
   * Every commandId of the stream, each JSON-encoded and followed by a line
   * break: one string, cheap to copy, store and search.
   */
  commandIds: string;
}

export const emptyIndex = (): HistoryIndex => ({ latest: {}, commandIds: '' });
const token = (commandId: string) => `${JSON.stringify(commandId)}\n`;

/** A stream's past as an index up to `baseVersion` plus the events after it (`tail`), never copied. */
export interface History {
  baseVersion: number;
  base: HistoryIndex;
  tail: StoredEvent[];
}

const own = Object.prototype.hasOwnProperty;
/** Sets a key that may be any string ('__proto__' included) as an own property. */
const put = <T>(o: Record<string, T>, k: string, v: T) =>
  void Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** The latest event of this type, looking at the tail first. */
export function latestOf(h: History, type: string): LatestEvent | undefined {
  for (let i = h.tail.length - 1; i >= 0; i--) {
    const e = h.tail[i]!;
    if (e.type === type) return { version: h.baseVersion + i + 1, at: e.meta.at, data: e.data };
  }
  return own.call(h.base.latest, type) ? h.base.latest[type] : undefined;
}

/**
 * Where a commandId recorded events: its versions if they are all after the
 * snapshot, 'before' if it ran before the snapshot (read the stream to know
 * more), undefined if it never ran on this stream.
 */
export function commandRange(h: History, commandId: string): [number, number] | 'before' | undefined {
  const before = h.base.commandIds.startsWith(token(commandId)) || h.base.commandIds.includes(`\n${token(commandId)}`);
  if (before) return 'before';
  let first = 0;
  let last = 0;
  for (let i = 0; i < h.tail.length; i++) {
    if (h.tail[i]!.meta.commandId !== commandId) continue;
    last = h.baseVersion + i + 1;
    if (first === 0) first = last;
  }
  return first ? [first, last] : undefined;
}

/** The index of base + tail, for a new snapshot (fresh objects: the base is left as it was). */
export function extendIndex(h: History): HistoryIndex {
  const latest = { ...h.base.latest };
  let commandIds = h.base.commandIds;
  let previous: string | undefined;
  h.tail.forEach((e, i) => {
    put(latest, e.type, { version: h.baseVersion + i + 1, at: e.meta.at, data: e.data });
    const id = e.meta.commandId;
    if (id !== previous && !commandIds.startsWith(token(id)) && !commandIds.includes(`\n${token(id)}`))
      commandIds += token(id);
    previous = id;
  });
  return { latest, commandIds };
}

/** A whole stream read as events. */
export const fromEvents = (events: StoredEvent[]): History => ({ baseVersion: 0, base: emptyIndex(), tail: events });
