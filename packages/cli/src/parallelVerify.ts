import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventVerdict } from '@certflow/core';
import type { PackUsed, StreamHeadRecord } from './heads.js';
import { cannotRead } from './sources.js';
import { verifyTally, type VerifyReport } from './commands/verify.js';

/** A batch of whole JSONL lines handed to a worker (the bytes are transferred, not copied). */
export interface BatchRequest {
  id: number;
  bytes: ArrayBuffer;
  length: number;
  /** The file's first batch: its first record may be the export header. */
  first: boolean;
  /** The file's last batch: it may end without a line break. */
  last: boolean;
}

/** What a worker found in a batch, in line order. */
export interface BatchAnswer {
  id: number;
  /** Lines in the batch (blank ones included), to number the next batch's lines. */
  lines: number;
  verdicts: EventVerdict[];
  /** Lines that are not JSON, numbered within the batch (1-based). */
  notJson: { line: number; error: string }[];
  packs: PackUsed[];
}

/**
 * A JSONL file smaller than this is verified on the main thread alone:
 * starting workers (each loads certflow's core) costs more than a few
 * thousand events take. About 5,000 events of a typical log.
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Bytes read from the file at a time; a batch is this much, cut after its last line break (about 700 events). */
const CHUNK = 1024 * 1024;

/** How many worker threads `verify` uses by default for a file of `size` bytes: none below PARALLEL_MIN_BYTES or on one core, else one per core, at most four. */
export function defaultThreads(size: number): number {
  if (size < PARALLEL_MIN_BYTES) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, 4);
}

/** Old-generation heap of a worker, in MB (what a batch of lines and its events need, with room for a line of many MB). */
const WORKER_HEAP_MB = 64;

/** The worker's file beside this module (dist/verifyWorker.js, built from src/verifyWorker.ts). */
const workerUrl = (): URL => new URL('./verifyWorker.js', typeof __filename === 'string' ? pathToFileURL(__filename) : import.meta.url);

/**
 * `verify` of a JSONL file with worker threads: the main thread reads the
 * file in chunks of bytes and hands each (cut after its last line break) to
 * a worker, which parses the lines and examines each event on its own
 * (`examineEvent`: envelope, data, canonical JSON and SHA-256 — the cost);
 * the verdicts come back per batch and are applied in file order by the one
 * `verifyTally`, which checks versions, chains and positions against each
 * stream's head. Same checks, same problems, same messages as the
 * one-thread path (`verifySource`); at most two batches per worker are in
 * flight, so memory stays bounded by the streams.
 */
export async function verifyJsonlFile(
  file: string,
  label: string,
  options: { threads: number; kept?: StreamHeadRecord[]; heads?: boolean; onRecord?: (count: number, fraction: number) => void },
): Promise<VerifyReport> {
  const tally = verifyTally(options.kept ? { kept: options.kept } : {});
  const workers: Worker[] = [];
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const size = (await handle.stat()).size;
    const threads = Math.max(1, options.threads);
    const pending = new Map<number, { resolve: (a: BatchAnswer) => void; reject: (e: unknown) => void }>();
    const failed: unknown[] = [];
    for (let i = 0; i < threads; i++) {
      // A batch is about a megabyte of lines: a small heap suffices, and keeps each worker's memory low.
      const w = new Worker(workerUrl(), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 } });
      w.on('message', (a: BatchAnswer) => {
        const p = pending.get(a.id);
        pending.delete(a.id);
        p?.resolve(a);
      });
      const fail = (e: unknown) => {
        failed.push(e);
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a verify worker stopped (exit code ${code})`));
      });
      workers.push(w);
    }
    const send = (request: BatchRequest): Promise<BatchAnswer> => {
      if (failed.length > 0) return Promise.reject(failed[0]);
      const answer = new Promise<BatchAnswer>((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        workers[request.id % workers.length]!.postMessage(request, [request.bytes]);
      });
      // A failure is thrown where the answer is awaited, in order; until then it is not unhandled.
      answer.catch(() => undefined);
      return answer;
    };

    const inFlight: Promise<BatchAnswer>[] = [];
    let lineBase = 0;
    let read = 0;
    const apply = (a: BatchAnswer) => {
      for (const v of a.verdicts) {
        tally.event(v);
        options.onRecord?.(tally.count, read / size);
      }
      for (const n of a.notJson) {
        tally.notJson(lineBase + n.line, n.error);
        options.onRecord?.(tally.count, read / size);
      }
      tally.packs.merge(a.packs);
      lineBase += a.lines;
    };

    let carry = new Uint8Array(0);
    let id = 0;
    let eof = false;
    while (!eof) {
      const buf = new Uint8Array(carry.length + CHUNK);
      buf.set(carry);
      const { bytesRead } = await handle.read(buf, carry.length, CHUNK, null);
      read += bytesRead;
      const total = carry.length + bytesRead;
      eof = bytesRead === 0;
      const cut = eof ? total : buf.lastIndexOf(10, total - 1) + 1;
      if (cut === 0) {
        carry = buf.subarray(0, total);
        continue;
      }
      carry = buf.slice(cut, total);
      inFlight.push(send({ id, bytes: buf.buffer, length: cut, first: id === 0, last: eof }));
      id++;
      while (inFlight.length >= 2 * workers.length) apply(await inFlight.shift()!);
    }
    while (inFlight.length > 0) apply(await inFlight.shift()!);
  } catch (e) {
    throw cannotRead(label, e);
  } finally {
    await handle?.close().catch(() => undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return tally.report(label, options.heads !== false);
}
