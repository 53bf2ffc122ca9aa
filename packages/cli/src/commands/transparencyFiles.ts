import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CompactRange,
  EMPTY_ROOT,
  MerkleTree,
  ProofUnavailableError,
  eventLeafHash,
  verifyLog,
  type Hash,
  type StoredEvent,
  type TransparencyLog,
} from '@certflow/core';
import { SourceNotFoundError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { openSource, readAllRecords, sourceKind } from '../sources.js';
import { verifySource } from './verify.js';
import { MaskedExportError } from '../errors.js';

/** Reads a file named by a flag (relative to the working directory); a missing file is a usage error. */
export function readArgFile(io: CliIo, path: unknown, flag: string, command: string): string {
  if (typeof path !== 'string' || path === '')
    throw new UsageError({ key: 'usage.missing', values: { missing: `--${flag} <file>` } }, command);
  const file = resolve(io.cwd ?? process.cwd(), path);
  if (!existsSync(file)) throw new SourceNotFoundError(path);
  return readFileSync(file, 'utf8');
}

export function resolveArg(io: CliIo, path: string): string {
  return resolve(io.cwd ?? process.cwd(), path);
}

export interface LogTree {
  label: string;
  events: StoredEvent[];
  /** Rebuilt from the events themselves, in log order: nothing else the store keeps is trusted. */
  tree: MerkleTree;
  /** Problems verifyLog found (a log with any is not checkpointed). */
  problems: number;
}

/** Reads a whole source and rebuilds its Merkle tree from its events. */
export async function readLogTree(spec: string, io: CliIo): Promise<LogTree> {
  const source = await openSource(spec, io);
  try {
    if (source.header?.certflowExport.masked) throw new MaskedExportError(source.label, 'verified');
    const records = await readAllRecords(source);
    const events: StoredEvent[] = [];
    let broken = 0;
    for (const r of records) {
      if ('error' in r) broken++;
      else events.push(r.event as StoredEvent);
    }
    const result = verifyLog(events);
    const tree = new MerkleTree();
    if (result.ok && broken === 0) for (const e of events) tree.append(eventLeafHash(e.hash));
    return { label: source.label, events, tree, problems: broken + result.problems.length };
  } finally {
    await source.close();
  }
}

/** A store's log read once as a stream, its leaves folded, and the store's own tree for proofs. */
export interface StoreLogTree {
  label: string;
  /** Problems verify finds (a log with any is neither checkpointed nor proved). */
  problems: number;
  /** Leaves folded from the events themselves, in log order. */
  size: number;
  /** Their root, folded from the events: what the store's tree must agree with. */
  root: Hash;
  /** The root of the first `at` leaves, if the log has that many. */
  rootAt: Hash | undefined;
  /** The event `find` picked (the first) and its leaf index. */
  found: { event: StoredEvent; index: number } | undefined;
  /** The store's own tree, answered read-only: proofs come from it, each checked against `root` or `rootAt`. */
  tree: TransparencyLog;
  close(): Promise<void>;
}

/**
 * For a SQLite or PostgreSQL source (undefined for JSONL): reads the events
 * once as a stream, as verify does (memory bounded by the streams, not the
 * events), checking their chains and folding their leaves into a compact
 * range (O(log n) hashes), so no tree is built in memory; proofs are then
 * taken from the store's own tree (O(log n) nodes) and checked against the
 * folded root, so nothing the store keeps is trusted on its own.
 */
export async function readStoreTree(
  spec: string,
  io: CliIo,
  options: { find?: (event: StoredEvent) => boolean; at?: number } = {},
): Promise<StoreLogTree | undefined> {
  if (sourceKind(spec) === 'jsonl') return undefined;
  const source = await openSource(spec, io);
  const tree = source.transparency;
  if (!tree) {
    await source.close();
    return undefined;
  }
  try {
    const range = new CompactRange();
    let rootAt = options.at === 0 ? EMPTY_ROOT : undefined;
    let found: StoreLogTree['found'];
    let broken = false;
    const report = await verifySource(source, {
      heads: false,
      checkpoint: {
        add(r) {
          if (broken || !('event' in r)) return;
          const event = r.event as StoredEvent;
          try {
            range.append(eventLeafHash(event.hash));
          } catch {
            broken = true; // not an event hash: verify reports the event, and nothing is folded past it
            return;
          }
          if (range.size === options.at) rootAt = range.root();
          if (!found && options.find?.(event)) found = { event, index: range.size - 1 };
        },
      },
    });
    return {
      label: source.label,
      problems: report.problems.length + (broken && report.ok ? 1 : 0),
      size: range.size,
      root: range.root(),
      rootAt,
      found,
      tree,
      close: () => source.close(),
    };
  } catch (err) {
    await source.close();
    throw err;
  }
}

/** Whether the store's tree of `size` leaves has the root folded from the events (a tree that cannot answer has not). */
export async function storeTreeAgrees(tree: TransparencyLog, size: number, root: Hash): Promise<boolean> {
  try {
    return Buffer.from(await tree.root(size)).equals(Buffer.from(root));
  } catch (err) {
    if (err instanceof ProofUnavailableError) return false;
    throw err;
  }
}
