import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { EventVerdict, ValidationIssue } from '@certflow/core';
import { autoThreads, type BatchAnswer, inSqliteRanges, verdictsOf } from '../parallelVerify.js';

/** Positions of the SQLite file a worker reads at a time (as verify's workers). */
const RANGE = 2_000;

/** What a worker found about one event on its own. */
export interface Examined {
  /** Its integrity verdict (`examineEvent`), applied in log order by the log check. */
  verdict: EventVerdict;
  /** The catalogue's issues with its data (`eventDataIssues`; empty: valid), undefined when it was not checked there. */
  issues: readonly ValidationIssue[] | undefined;
  /** Of an event of version 1: its stream's last version in the file. */
  last?: number;
}

/**
 * A replay worker's answer to a range: verify's (the verdicts as columns)
 * plus the catalogue's check of each event's data, by index in the range:
 * the events whose data has issues, and those it did not check (no stream
 * kind, type or version to check them by). Every other event's data is
 * valid. And for each event of version 1, its stream's last version (one
 * query a range), so the main thread need not ask.
 */
export interface ReplayBatchAnswer extends BatchAnswer {
  issues: [number, ValidationIssue[]][];
  unchecked: number[];
  /** By index in the range: the last version of the stream of each event of version 1 (NaN for the others). */
  lasts: Float64Array;
}

/** The worker's file beside the built CLI (dist/replayWorker.js, built from src/replay/replayWorker.ts). */
const workerUrl = (): URL =>
  new URL('./replayWorker.js', typeof __filename === 'string' ? pathToFileURL(__filename) : import.meta.url);

/**
 * How many worker threads `replay --threads auto` uses for a
 * SQLite file of `size` bytes: none where `verify --threads auto` uses none
 * (below 8 MB, or one core), else one per core but the one this thread
 * keeps busy with histories, folds and decisions, at most three.
 */
export function replayThreads(size: number): number {
  return autoThreads(size) === 0 ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 3));
}

const VALID: readonly ValidationIssue[] = Object.freeze([]);

/**
 * Has `threads` worker threads read a SQLite file in place, in ranges of
 * positions, and examine each event; hands what they found to `onEvent`,
 * one event at a time in position order (readAll's), awaiting each. At most
 * a few ranges per worker are in flight, so memory is bounded by them, not
 * by the log. Throws WorkersFailed when the workers cannot do it.
 */
export async function examinedRanges(
  file: string,
  threads: number,
  onEvent: (examined: Examined) => Promise<void>,
): Promise<void> {
  await inSqliteRanges(
    file,
    threads,
    RANGE,
    async (answer) => {
      const a = answer as ReplayBatchAnswer;
      let i = 0;
      let issue = 0;
      let skipped = 0;
      for (const verdict of verdictsOf(a.verdicts)) {
        let issues: readonly ValidationIssue[] | undefined = VALID;
        if (issue < a.issues.length && a.issues[issue]![0] === i) issues = a.issues[issue++]![1];
        else if (skipped < a.unchecked.length && a.unchecked[skipped] === i) {
          issues = undefined;
          skipped++;
        }
        const last = a.lasts[i]!;
        i++;
        await onEvent(Number.isNaN(last) ? { verdict, issues } : { verdict, issues, last });
      }
    },
    workerUrl(),
  );
}
