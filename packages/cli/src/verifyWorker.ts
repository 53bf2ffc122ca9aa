// A worker thread of `certflow verify` (see parallelVerify.ts): takes batches
// of whole JSONL lines as bytes, parses each line and examines each event on
// its own (examineEvent: envelope, data, recomputed hash), and answers with
// the verdicts in line order, the lines that are not JSON and the rule packs
// named. It keeps nothing between batches.
import { parentPort } from 'node:worker_threads';
import { examineEvent } from '@certflow/core';
import { packsCollector } from './heads.js';
import { isExportHeader } from './jsonl.js';
import type { BatchAnswer, BatchRequest } from './parallelVerify.js';

/** The line breaks readline knows (crlfDelay Infinity): \r\n, \n, and a \r not followed by \n. */
const LINE_BREAK = /\r?\n|\r(?!\n)/;

export function examineBatch(request: BatchRequest): BatchAnswer {
  const text = Buffer.from(request.bytes, 0, request.length).toString('utf8');
  const lines = text.split(LINE_BREAK);
  // A batch other than the last ends with a line break: its last piece is no line.
  const count = request.last ? lines.length : lines.length - 1;
  const answer: BatchAnswer = { id: request.id, lines: count, verdicts: [], notJson: [], packs: [] };
  const packs = packsCollector();
  let headerPending = request.first;
  for (let i = 0; i < count; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      answer.notJson.push({ line: i + 1, error: `not JSON: ${(e as Error).message}` });
      headerPending = false;
      continue;
    }
    if (headerPending) {
      headerPending = false;
      if (isExportHeader(value)) continue;
    }
    answer.verdicts.push(examineEvent(value));
    packs.add(value);
  }
  answer.packs = packs.result();
  return answer;
}

parentPort?.on('message', (request: BatchRequest) => {
  parentPort!.postMessage(examineBatch(request));
});
