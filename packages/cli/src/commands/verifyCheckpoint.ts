import { checkpointAuditor, type CheckpointAudit, type StoredEvent, type TransparencyLog } from '@certflow/core';
import type { CliIo } from '../io.js';
import { UsageError } from '../errors.js';
import type { OptionSpec } from '../command.js';
import type { SourceRecord } from '../sources.js';
import { readArgFile } from './transparencyFiles.js';

/** The flags `certflow verify` takes for the checkpoint check. */
export const CHECKPOINT_OPTIONS: Record<string, OptionSpec> = {
  checkpoint: {
    type: 'string',
    value: 'file',
    description: 'a signed checkpoint kept from before: the log must extend it',
    descriptionZh: '此前保存的已签名检查点：日志必须是它的延续',
  },
  vkey: {
    type: 'string',
    value: 'file',
    description: "the log's verifier key, to check the checkpoint's signature",
    descriptionZh: '日志的验证密钥，用于检查检查点的签名',
  },
};

export interface CheckpointOutcome {
  ok: boolean;
  /** For `verify --json`: what the check found. */
  json: Omit<CheckpointAudit, 'checkpoint'> & { origin: string; checkpointSize: number };
  line: string;
}

/**
 * The checkpoint check fed record by record, for a source read as a stream
 * (`verify --checkpoint <file> --vkey <file>`): the flags and files are read
 * first (a usage error before any reading), then each record adds its leaf
 * to a compact range (O(log n) hashes in memory, plus the nodes of the
 * events after the checkpoint). The leaves of the events up to the
 * checkpoint's size must fold to its signed root: any event before it
 * changed, removed, inserted or reordered, or events cut from the end, fail
 * it. The events after it are appended to that frontier (O(new + log n)
 * tree work), and a store's own tree must prove the same extension (its
 * consistency proof, O(log n) nodes). Undefined when the flag is absent.
 */
export function checkpointCheck(
  values: Record<string, unknown>,
  io: CliIo,
): { add(record: SourceRecord): void; finish(stored?: TransparencyLog): Promise<CheckpointOutcome> } | undefined {
  if (values.checkpoint === undefined) return undefined;
  const note = readArgFile(io, values.checkpoint, 'checkpoint', 'verify');
  if (values.vkey === undefined) throw new UsageError({ key: 'usage.checkpointNeedsVkey' }, 'verify');
  const vkey = readArgFile(io, values.vkey, 'vkey', 'verify').trim();
  const auditor = checkpointAuditor(note, vkey);
  return {
    add(r) {
      auditor.add('event' in r ? (r.event as Partial<StoredEvent> | null)?.hash : undefined);
    },
    async finish(stored) {
      const check = await auditor.finish(stored);
      const { checkpoint, ...rest } = check;
      const json = { ...rest, origin: checkpoint.origin, checkpointSize: checkpoint.size };
      const line = check.ok
        ? `✔ ${checkpoint.origin}: the log (${check.size} entries) extends the checkpoint of ${checkpoint.size} entries`
        : `✖ ${checkpoint.origin}: ${check.detail}`;
      return { ok: check.ok, json, line };
    },
  };
}
