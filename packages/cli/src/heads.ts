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

/** Every event's (stream, version) → hash, for events whose envelope names them. */
function index(events: readonly unknown[]): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const raw of events) {
    const e = raw as Loose;
    if (!isStr(e?.streamId) || typeof e.version !== 'number' || !isStr(e.hash)) continue;
    let s = out.get(e.streamId);
    if (!s) out.set(e.streamId, (s = new Map()));
    s.set(e.version, e.hash);
  }
  return out;
}

/** Each stream's last version and hash, sorted by stream id. */
export function logHeads(events: readonly unknown[]): StreamHeadRecord[] {
  const out: StreamHeadRecord[] = [];
  for (const [streamId, versions] of index(events)) {
    const version = Math.max(...versions.keys());
    out.push({ streamId, version, hash: versions.get(version)! });
  }
  return out.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

/** The rule packs the log's events name (meta.rulePack and recorded decisions), with every content hash recorded for each. */
export function packsUsed(events: readonly unknown[]): PackUsed[] {
  const packs = new Map<string, PackUsed>();
  const note = (ref: unknown) => {
    const r = ref as { id?: unknown; version?: unknown; hash?: unknown } | null | undefined;
    if (!r || !isStr(r.id) || !isStr(r.version)) return;
    const key = `${r.id}@${r.version}`;
    let p = packs.get(key);
    if (!p) packs.set(key, (p = { id: r.id, version: r.version, hashes: [] }));
    if (isStr(r.hash) && !p.hashes.includes(r.hash)) p.hashes.push(r.hash);
  };
  for (const raw of events) {
    const e = raw as Loose;
    note((e?.meta as { rulePack?: unknown } | undefined)?.rulePack);
    const data = e?.data as Record<string, unknown> | null | undefined;
    if (data && typeof data === 'object') {
      for (const v of Object.values(data)) {
        if (v && typeof v === 'object' && 'rulePack' in v) note((v as { rulePack?: unknown }).rulePack);
      }
    }
  }
  return [...packs.values()].sort((a, b) => (`${a.id}@${a.version}` < `${b.id}@${b.version}` ? -1 : 1));
}

/** Compares a log with heads kept earlier: every kept stream must still be there, at least as long, with the same event at the kept version. */
export function compareHeads(kept: readonly StreamHeadRecord[], events: readonly unknown[]): HeadChange[] {
  const now = index(events);
  const changes: HeadChange[] = [];
  for (const h of kept) {
    const versions = now.get(h.streamId);
    const keptHead = { version: h.version, hash: h.hash };
    if (!versions) {
      changes.push({ streamId: h.streamId, kind: 'stream-removed', kept: keptHead, found: null, detail: `the stream is gone (it had ${h.version} events ending in ${h.hash})` });
      continue;
    }
    const last = Math.max(...versions.keys());
    const found = { version: last, hash: versions.get(last)! };
    const at = versions.get(h.version);
    if (at === undefined) {
      changes.push({ streamId: h.streamId, kind: 'stream-shortened', kept: keptHead, found, detail: `the stream ends at version ${last}; version ${h.version} (${h.hash}) was kept` });
    } else if (at !== h.hash) {
      changes.push({ streamId: h.streamId, kind: 'stream-rewritten', kept: keptHead, found, detail: `version ${h.version} now hashes to ${at}, but ${h.hash} was kept` });
    }
  }
  return changes;
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
    if (!isStr(r?.streamId) || !Number.isInteger(r.version) || (r.version as number) < 1 || !isStr(r.hash) || !HEX64.test(r.hash)) {
      throw new HeadsFileError(file, `entry ${i} is not { streamId, version, hash }`);
    }
    return { streamId: r.streamId, version: r.version as number, hash: r.hash };
  });
}
