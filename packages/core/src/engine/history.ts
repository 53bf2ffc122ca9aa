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
 * event of each type (deadline anchors and steps) and, for every commandId,
 * the versions it recorded (idempotency, for any history length).
 */
export interface HistoryIndex {
  latest: Record<string, LatestEvent>;
  /** commandId → [first version, last version] it recorded on this stream. */
  commands: Record<string, [number, number]>;
}

export const emptyIndex = (): HistoryIndex => ({ latest: {}, commands: {} });

/** A stream's past as an index up to `baseVersion` plus the events after it (`tail`), never copied. */
export interface History {
  baseVersion: number;
  base: HistoryIndex;
  tail: StoredEvent[];
}

const own = Object.prototype.hasOwnProperty;
/** Sets a key that may be any string ('__proto__' included) as an own property. */
const put = <T>(o: Record<string, T>, k: string, v: T) => void Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** The latest event of this type, looking at the tail first. */
export function latestOf(h: History, type: string): LatestEvent | undefined {
  for (let i = h.tail.length - 1; i >= 0; i--) {
    const e = h.tail[i]!;
    if (e.type === type) return { version: h.baseVersion + i + 1, at: e.meta.at, data: e.data };
  }
  return own.call(h.base.latest, type) ? h.base.latest[type] : undefined;
}

/** The versions a commandId recorded, or undefined if it never ran on this stream. */
export function commandRange(h: History, commandId: string): [number, number] | undefined {
  let first = 0;
  let last = 0;
  for (let i = 0; i < h.tail.length; i++) {
    if (h.tail[i]!.meta.commandId !== commandId) continue;
    last = h.baseVersion + i + 1;
    if (first === 0) first = last;
  }
  const before = own.call(h.base.commands, commandId) ? h.base.commands[commandId] : undefined;
  if (before) return [before[0], last || before[1]];
  return first ? [first, last] : undefined;
}

/** The index of base + tail, for a new snapshot (fresh objects: the base is left as it was). */
export function extendIndex(h: History): HistoryIndex {
  const latest = { ...h.base.latest };
  const commands = { ...h.base.commands };
  h.tail.forEach((e, i) => {
    const version = h.baseVersion + i + 1;
    put(latest, e.type, { version, at: e.meta.at, data: e.data });
    const range = own.call(commands, e.meta.commandId) ? commands[e.meta.commandId] : undefined;
    put(commands, e.meta.commandId, range ? [range[0], version] : [version, version]);
  });
  return { latest, commands };
}

/** A whole stream read as events. */
export const fromEvents = (events: StoredEvent[]): History => ({ baseVersion: 0, base: emptyIndex(), tail: events });
