// A worker thread of `certflow verify` (see parallelVerify.ts): takes a batch
// (whole JSONL lines as bytes, or a range of positions of a SQLite file),
// parses each event and examines it on its own (examineEvent: envelope,
// data, recomputed hash), and answers with the verdicts in log order, the
// lines that are not JSON and the rule packs named. It keeps nothing between
// batches but the SQLite file it opened.
import { parentPort } from 'node:worker_threads';
import { examineEvent, type EventVerdict } from '@certflow/core';
import { packsCollector } from './heads.js';
import { isExportHeader, linesOf } from './jsonl.js';
import type { BatchAnswer, LinesRequest, RangeRequest, VerdictColumns } from './parallelVerify.js';
import { verdictColumns } from './verdictColumns.js';
import { eachInRange } from './workerStores.js';

export function examineLines(request: LinesRequest): BatchAnswer {
  const bytes = Buffer.from(request.bytes, 0, request.length);
  const answer: BatchAnswer = { id: request.id, lines: 0, verdicts: EMPTY, notJson: [], packs: [] };
  const packs = packsCollector();
  const verdicts = verdictColumns();
  let headerPending = request.first;
  let line = 0;
  for (const text of linesOf(bytes, request.last)) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      answer.notJson.push({ line, error: `not JSON: ${(e as Error).message}` });
      headerPending = false;
      continue;
    }
    if (headerPending) {
      headerPending = false;
      if (isExportHeader(value)) continue;
    }
    verdicts.add(examineEvent(value));
    packs.add(value);
  }
  answer.lines = line;
  answer.packs = packs.result();
  answer.verdicts = verdicts.result();
  return answer;
}

const EMPTY: VerdictColumns = {
  streamIds: [],
  versions: new Float64Array(0),
  positions: new Float64Array(0),
  hashes: '',
  prevHashes: '',
  odd: [],
};

export async function examineRange(request: RangeRequest): Promise<BatchAnswer> {
  const answer: BatchAnswer = { id: request.id, lines: 0, verdicts: EMPTY, notJson: [], packs: [], next: null };
  const packs = packsCollector();
  const verdicts = verdictColumns();
  // A range in five queries (its events and the one that says where the next range starts).
  answer.next = await eachInRange(request, 5, (event) => {
    verdicts.add(examineEvent(event));
    packs.add(event);
  });
  answer.packs = packs.result();
  answer.verdicts = verdicts.result();
  return answer;
}

parentPort?.on('message', (request: LinesRequest | RangeRequest) => {
  const answer = request.kind === 'lines' ? Promise.resolve().then(() => examineLines(request)) : examineRange(request);
  answer.then(
    (a) => {
      // An import parses the lines again on the main thread: the bytes go back with the verdicts (transferred).
      if (request.kind === 'lines' && request.returnBytes) {
        a.bytes = request.bytes;
        parentPort!.postMessage(a, [request.bytes]);
      } else parentPort!.postMessage(a);
    },
    (e: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        lines: 0,
        notJson: [],
        packs: [],
        failed: (e as Error)?.message ?? String(e),
        verdicts: EMPTY,
      } satisfies BatchAnswer),
  );
});
