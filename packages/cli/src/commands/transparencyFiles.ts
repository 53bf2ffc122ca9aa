import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MerkleTree, eventLeafHash, verifyLog, type StoredEvent } from '@certflow/core';
import { SourceNotFoundError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { openSource, readAllRecords } from '../sources.js';
import { MaskedExportError } from '../errors.js';

/** Reads a file named by a flag (relative to the working directory); a missing file is a usage error. */
export function readArgFile(io: CliIo, path: unknown, flag: string, command: string): string {
  if (typeof path !== 'string' || path === '') throw new UsageError({ key: 'usage.missing', values: { missing: `--${flag} <file>` } }, command);
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
