// A worker thread of `certflow replay` (see parallel.ts): reads a range of
// positions of a SQLite file in place through the store's readAll, and finds
// what each event says about itself: its integrity verdict (examineEvent:
// envelope, data, recomputed hash, as verify's workers) and the catalogue's
// check of its data (eventDataIssues, the history check's schemas). It
// answers with both in position order and keeps nothing between ranges but
// the file it opened.
import { parentPort } from 'node:worker_threads';
import {
  STREAM_ID_PATTERN,
  eventDataIssues,
  examineEvent,
  type StreamKind,
  type ValidationIssue,
} from '@certflow/core';
import type { RangeRequest } from '../parallelVerify.js';
import { verdictColumns } from '../verdictColumns.js';
import type { ReplayBatchAnswer } from './parallel.js';
import { eachInRange, readOnlyStoreOf } from '../workerStores.js';

/** The catalogue's issues with an event's data, as the history check finds them; undefined: not an event it checks. */
function dataIssuesOf(raw: unknown): ValidationIssue[] | undefined {
  const e = raw as { streamId?: unknown; type?: unknown; version?: unknown; data?: unknown; meta?: unknown } | null;
  if (typeof e?.streamId !== 'string' || typeof e.type !== 'string' || typeof e.version !== 'number') return undefined;
  const kind = STREAM_ID_PATTERN.exec(e.streamId)?.[1] as StreamKind | undefined;
  if (!kind) return undefined;
  return eventDataIssues(kind, e.type, e.data, (e.meta as { format?: unknown } | undefined)?.format);
}

export async function examineReplayRange(request: RangeRequest): Promise<ReplayBatchAnswer> {
  const store = await readOnlyStoreOf(request.file);
  const verdicts = verdictColumns();
  const issues: [number, ValidationIssue[]][] = [];
  const unchecked: number[] = [];
  const firsts: number[] = [];
  const firstIds: string[] = [];
  let i = 0;
  // Ten queries a range, as verify's workers read it.
  const next = await eachInRange(request, 10, (event) => {
    verdicts.add(examineEvent(event));
    const found = dataIssuesOf(event);
    if (found === undefined) unchecked.push(i);
    else if (found.length > 0) issues.push([i, found]);
    if (event.version === 1 && typeof event.streamId === 'string') {
      firsts.push(i);
      firstIds.push(event.streamId);
    }
    i++;
  });
  const lasts = new Float64Array(i).fill(Number.NaN);
  if (firsts.length > 0 && store.streamVersions) {
    const found = await store.streamVersions(firstIds);
    for (let k = 0; k < firsts.length; k++) lasts[firsts[k]!] = found[k]!;
  }
  return {
    id: request.id,
    lines: 0,
    verdicts: verdicts.result(),
    notJson: [],
    packs: [],
    next,
    issues,
    unchecked,
    lasts,
  };
}

parentPort?.on('message', (request: RangeRequest) => {
  examineReplayRange(request).then(
    (a) => parentPort!.postMessage(a),
    (e: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        lines: 0,
        notJson: [],
        packs: [],
        failed: (e as Error)?.message ?? String(e),
        verdicts: {
          streamIds: [],
          versions: new Float64Array(0),
          positions: new Float64Array(0),
          hashes: '',
          prevHashes: '',
          odd: [],
        },
        issues: [],
        unchecked: [],
        lasts: new Float64Array(0),
      } satisfies ReplayBatchAnswer),
  );
});
