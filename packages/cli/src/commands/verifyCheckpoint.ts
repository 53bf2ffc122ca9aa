import { MerkleTree, checkAgainstCheckpoint, eventLeafHash, type CheckpointCheck, type StoredEvent } from '@certflow/core';
import type { CliIo } from '../io.js';
import { UsageError } from '../errors.js';
import type { OptionSpec } from '../command.js';
import type { SourceRecord } from '../sources.js';
import { readArgFile } from './transparencyFiles.js';

/** The flags `certflow verify` takes for the checkpoint check. */
export const CHECKPOINT_OPTIONS: Record<string, OptionSpec> = {
  checkpoint: { type: 'string', value: 'file', description: 'a signed checkpoint kept from before: the log must extend it' },
  vkey: { type: 'string', value: 'file', description: "the log's verifier key, to check the checkpoint's signature" },
};

export interface CheckpointOutcome {
  ok: boolean;
  /** For `verify --json`: what the check found. */
  json: Omit<CheckpointCheck, 'checkpoint'> & { origin: string; checkpointSize: number };
  line: string;
}

/**
 * `verify --checkpoint <file> --vkey <file>`: rebuilds the Merkle tree from
 * the events read (in log order) and checks that the tree of the
 * checkpoint's size still has its root: any event before it changed,
 * removed, inserted or reordered, or events cut from the end, fail it.
 * Undefined when the flag is absent.
 */
export function checkCheckpointFlag(values: Record<string, unknown>, records: Iterable<SourceRecord>, io: CliIo): CheckpointOutcome | undefined {
  const check = checkpointCheck(values, io);
  if (!check) return undefined;
  for (const r of records) check.add(r);
  return check.finish();
}

/**
 * The checkpoint check fed record by record, for a source read as a stream:
 * the flags and files are read first (a usage error before any reading), then
 * each record adds its leaf. The tree keeps its leaves and inner nodes (about
 * two 32-byte hashes per event): the one part of verify that grows with the
 * events, and only with --checkpoint. Undefined when the flag is absent.
 */
export function checkpointCheck(values: Record<string, unknown>, io: CliIo): { add(record: SourceRecord): void; finish(): CheckpointOutcome } | undefined {
  if (values.checkpoint === undefined) return undefined;
  const note = readArgFile(io, values.checkpoint, 'checkpoint', 'verify');
  if (values.vkey === undefined) throw new UsageError({ key: 'usage.checkpointNeedsVkey' }, 'verify');
  const vkey = readArgFile(io, values.vkey, 'vkey', 'verify').trim();
  const tree = new MerkleTree();
  return {
    add(r) {
      const hash = 'event' in r ? (r.event as Partial<StoredEvent> | null)?.hash : undefined;
      // an unreadable event still takes its place as a leaf (a placeholder), so the root of a changed log differs
      tree.append(typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? eventLeafHash(hash) : eventLeafHash('0'.repeat(64)));
    },
    finish() {
      const check = checkAgainstCheckpoint(tree, note, vkey);
      const { checkpoint, ...rest } = check;
      const json = { ...rest, origin: checkpoint.origin, checkpointSize: checkpoint.size };
      const line = check.ok
        ? `✔ ${checkpoint.origin}: the log (${check.size} entries) extends the checkpoint of ${checkpoint.size} entries`
        : `✖ ${checkpoint.origin}: ${check.detail}`;
      return { ok: check.ok, json, line };
    },
  };
}
