import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HeadsFileError, SourceNotFoundError } from './errors.js';

/** A stream's last event: what an auditor keeps to notice later truncation or rewriting. */
export interface StreamHeadRecord {
  streamId: string;
  version: number;
  hash: string;
}

/** A rule pack a log's events name, with the content hash its decisions recorded (null where none did). */
export interface PackUsed {
  id: string;
  version: string;
  hashes: string[];
}

/** How a stream differs from a head kept earlier. */
export interface HeadChange {
  streamId: string;
  kind: 'stream-removed' | 'stream-shortened' | 'stream-rewritten';
  kept: { version: number; hash: string };
  found: { version: number; hash: string } | null;
  detail: string;
}

type Loose = { streamId?: unknown; version?: unknown; hash?: unknown; meta?: unknown; data?: unknown };
const isStr = (v: unknown): v is string => typeof v === 'string';

/** An event's stream, version and hash, when its envelope names them. */
function named(raw: unknown): { streamId: string; version: number; hash: string } | undefined {
  const e = raw as Loose;
  if (!isStr(e?.streamId) || typeof e.version !== 'number' || !isStr(e.hash)) return undefined;
  return { streamId: e.streamId, version: e.version, hash: e.hash };
}

const byStream = (a: StreamHeadRecord, b: StreamHeadRecord) =>
  a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;

/**
 * Collects each stream's last version and hash as events go by, one entry per
 * stream (memory bounded by the streams, not the events). Of two events with
 * one version, the later read counts.
 */
export function headsCollector(): {
  add(raw: unknown): void;
  readonly heads: ReadonlyMap<string, { version: number; hash: string }>;
  result(): StreamHeadRecord[];
} {
  const heads = new Map<string, { version: number; hash: string }>();
  return {
    heads,
    add(raw) {
      const e = named(raw);
      if (!e) return;
      const h = heads.get(e.streamId);
      if (!h || e.version >= h.version) heads.set(e.streamId, { version: e.version, hash: e.hash });
    },
    result: () => [...heads].map(([streamId, h]) => ({ streamId, ...h })).sort(byStream),
  };
}

/** Each stream's last version and hash, sorted by stream id. */
export function logHeads(events: Iterable<unknown>): StreamHeadRecord[] {
  const c = headsCollector();
  for (const e of events) c.add(e);
  return c.result();
}

/** Collects the rule packs events name as they go by (memory bounded by the packs and their hashes). */
export function packsCollector(): {
  add(raw: unknown): void;
  merge(used: readonly PackUsed[]): void;
  result(): PackUsed[];
} {
  const packs = new Map<string, PackUsed>();
  const note = (ref: unknown) => {
    const r = ref as { id?: unknown; version?: unknown; hash?: unknown } | null | undefined;
    if (!r || !isStr(r.id) || !isStr(r.version)) return;
    const key = `${r.id}@${r.version}`;
    let p = packs.get(key);
    if (!p) {
      p = { id: r.id, version: r.version, hashes: [] };
      packs.set(key, p);
    }
    if (isStr(r.hash) && !p.hashes.includes(r.hash)) p.hashes.push(r.hash);
  };
  return {
    add(raw) {
      const e = raw as Loose;
      note((e?.meta as { rulePack?: unknown } | undefined)?.rulePack);
      const data = e?.data as Record<string, unknown> | null | undefined;
      if (data && typeof data === 'object') {
        for (const v of Object.values(data)) {
          if (v && typeof v === 'object' && 'rulePack' in v) note((v as { rulePack?: unknown }).rulePack);
        }
      }
    },
    /** Adds what another collector found (over later events: its hashes come after these). */
    merge(used) {
      for (const p of used) {
        note({ id: p.id, version: p.version });
        for (const hash of p.hashes) note({ id: p.id, version: p.version, hash });
      }
    },
    result: () => [...packs.values()].sort((a, b) => (`${a.id}@${a.version}` < `${b.id}@${b.version}` ? -1 : 1)),
  };
}

/** The rule packs the log's events name (meta.rulePack and recorded decisions), with every content hash recorded for each. */
export function packsUsed(events: Iterable<unknown>): PackUsed[] {
  const c = packsCollector();
  for (const e of events) c.add(e);
  return c.result();
}

/**
 * Compares a log, event by event, with heads kept earlier: remembers only the
 * kept streams' last version and the hash at the kept version (memory bounded
 * by the kept heads).
 */
export function headsComparer(kept: readonly StreamHeadRecord[]): { add(raw: unknown): void; result(): HeadChange[] } {
  const wanted = new Map<string, number>();
  for (const h of kept) wanted.set(h.streamId, h.version);
  const last = new Map<string, { version: number; hash: string }>();
  const atKept = new Map<string, string>();
  return {
    add(raw) {
      const e = named(raw);
      if (!e) return;
      const v = wanted.get(e.streamId);
      if (v === undefined) return;
      const l = last.get(e.streamId);
      if (!l || e.version >= l.version) last.set(e.streamId, { version: e.version, hash: e.hash });
      if (e.version === v) atKept.set(e.streamId, e.hash);
    },
    result() {
      const changes: HeadChange[] = [];
      for (const h of kept) {
        const keptHead = { version: h.version, hash: h.hash };
        const found = last.get(h.streamId);
        if (!found) {
          changes.push({
            streamId: h.streamId,
            kind: 'stream-removed',
            kept: keptHead,
            found: null,
            detail: `the stream is gone (it had ${h.version} events ending in ${h.hash})`,
          });
          continue;
        }
        const at = atKept.get(h.streamId);
        if (at === undefined) {
          changes.push({
            streamId: h.streamId,
            kind: 'stream-shortened',
            kept: keptHead,
            found: { ...found },
            detail: `the stream ends at version ${found.version}; version ${h.version} (${h.hash}) was kept`,
          });
        } else if (at !== h.hash) {
          changes.push({
            streamId: h.streamId,
            kind: 'stream-rewritten',
            kept: keptHead,
            found: { ...found },
            detail: `version ${h.version} now hashes to ${at}, but ${h.hash} was kept`,
          });
        }
      }
      return changes;
    },
  };
}

/** Compares a log with heads kept earlier: every kept stream must still be there, at least as long, with the same event at the kept version. */
export function compareHeads(kept: readonly StreamHeadRecord[], events: Iterable<unknown>): HeadChange[] {
  const c = headsComparer(kept);
  for (const e of events) c.add(e);
  return c.result();
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a heads file: the `heads` array of `verify --json`, or a whole `verify --json` output. */
export function readHeadsFile(file: string, cwd: string): StreamHeadRecord[] {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as { code?: unknown })?.code === 'ENOENT') throw new SourceNotFoundError(file);
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HeadsFileError(file, `not JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(value) ? value : (value as { heads?: unknown } | null)?.heads;
  if (!Array.isArray(list)) throw new HeadsFileError(file, 'no heads array');
  return list.map((h, i) => {
    const r = h as Partial<StreamHeadRecord>;
    if (
      !isStr(r?.streamId) ||
      !Number.isInteger(r.version) ||
      (r.version as number) < 1 ||
      !isStr(r.hash) ||
      !HEX64.test(r.hash)
    ) {
      throw new HeadsFileError(file, `entry ${i} is not { streamId, version, hash }`);
    }
    return { streamId: r.streamId, version: r.version as number, hash: r.hash };
  });
}
