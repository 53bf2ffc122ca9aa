import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventVerdict } from '@certflow/core';
import type { PackUsed, StreamHeadRecord } from './heads.js';
import { verifyTally, type VerifyReport } from './commands/verify.js';
import { isExportHeader, linesOf } from './jsonl.js';

/** A batch of whole JSONL lines handed to a worker (the bytes are transferred, not copied). */
export interface LinesRequest {
  kind: 'lines';
  id: number;
  bytes: ArrayBuffer;
  length: number;
  /** The file's first batch: its first record may be the export header. */
  first: boolean;
  /** The file's last batch: it may end without a line break. */
  last: boolean;
  /** Send the bytes back with the answer (an import parses the lines on the main thread too). */
  returnBytes?: boolean;
}

/** A range of positions of a SQLite file, [from, from + size), read by the worker through the store's readAll. */
export interface RangeRequest {
  kind: 'range';
  id: number;
  file: string;
  from: number;
  size: number;
}

export type BatchRequest = LinesRequest | RangeRequest;

/**
 * A batch's verdicts in log order, as columns: stream ids, versions and
 * positions, the hashes and previous hashes as one string of 64 characters
 * each (64 spaces for none), and the verdicts that do not fit (a problem,
 * a field of another type) whole, by their index. Much cheaper to hand from
 * thread to thread than an object per event.
 */
export interface VerdictColumns {
  streamIds: string[];
  versions: Float64Array;
  positions: Float64Array;
  hashes: string;
  prevHashes: string;
  odd: [number, EventVerdict][];
}

/** The verdicts of a batch, one by one, in order. */
export function* verdictsOf(c: VerdictColumns): Generator<EventVerdict> {
  let o = 0;
  for (let i = 0; i < c.streamIds.length; i++) {
    if (o < c.odd.length && c.odd[o]![0] === i) {
      yield c.odd[o++]![1];
      continue;
    }
    const prev = c.prevHashes.charCodeAt(i * 64) === 32 ? null : c.prevHashes.slice(i * 64, i * 64 + 64);
    yield {
      streamId: c.streamIds[i]!,
      version: c.versions[i]!,
      position: c.positions[i]!,
      hash: c.hashes.slice(i * 64, i * 64 + 64),
      prevHash: prev,
    };
  }
}

/** What a worker found in a batch, in log order. */
export interface BatchAnswer {
  id: number;
  /** Lines in a batch of lines (blank ones included), to number the next batch's lines. */
  lines: number;
  verdicts: VerdictColumns;
  /** Lines that are not JSON, numbered within the batch (1-based). */
  notJson: { line: number; error: string }[];
  packs: PackUsed[];
  /** A range: the first position after it that holds an event (null: none, the log ends in the range). */
  next?: number | null;
  /** The worker could not do the batch: the caller verifies on one thread instead, which reports it as it always does. */
  failed?: string;
  /** A batch of lines asked with returnBytes: its bytes, back. */
  bytes?: ArrayBuffer;
}

/**
 * A source smaller than this (a JSONL file's bytes) is verified on the main
 * thread alone: starting workers (each loads certflow's core) costs more
 * than a few thousand events take. About 5,000 events of a typical log.
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Bytes read from a JSONL file at a time; a batch is this much, cut after its
 * last line break (about 170 events). At 1 MB a batch, verify of a
 * 250,000-event log with two workers peaked at 241 MB RSS; at 256 KB with
 * the heaps and batches in flight below, at 173 MB (docs/scale.md).
 */
const CHUNK = 256 * 1024;
/**
 * Batches in flight per worker. More than two: on a machine whose cores are
 * shared, a thread that is not scheduled for a while must not stall the
 * others (256 KB a batch of lines).
 */
const IN_FLIGHT = 3;
/** Positions per range of a SQLite file (read in five queries, see verifyWorker.ts). */
const RANGE = 1_000;
/** Old-generation heap of a worker, in MB (a batch of lines and its events, with room for a line of many MB). */
const WORKER_HEAP_MB = 48;
/**
 * Young generation of a worker, in MB. A batch's events die young; a small
 * young generation is collected often and cheaply, and its semi-spaces are
 * what a worker's RSS is mostly made of (16 MB: 241 MB peak for the log
 * above, 4 MB: 198 MB, 2 MB: the figure above).
 */
const WORKER_YOUNG_MB = 2;

/**
 * How many worker threads `verify` (`--threads auto`, the default) uses for
 * a source of `size` bytes: none below PARALLEL_MIN_BYTES or on one core,
 * else one per core, at most four (see docs/scale.md).
 */
export function autoThreads(size: number): number {
  if (size < PARALLEL_MIN_BYTES) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, 4);
}

/** The worker's file beside this module (dist/verifyWorker.js, built from src/verifyWorker.ts). */
const workerUrl = (): URL =>
  new URL('./verifyWorker.js', typeof __filename === 'string' ? pathToFileURL(__filename) : import.meta.url);

/** What `runOrdered` starts its workers with besides its module: their heap limits (default: verify's), and their workerData. */
export interface WorkerOptions {
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
  workerData?: unknown;
}

/** Thrown when the workers could not do the work; the caller verifies on one thread instead. */
export class WorkersFailed extends Error {}

/** Carries what applying an answer threw past the workers' own failures. */
class Applying {
  constructor(readonly cause: unknown) {}
}

/**
 * Runs batches through `threads` workers, at most IN_FLIGHT per worker in flight,
 * and hands the answers to `apply` in the order the batches were made (an
 * `apply` that returns a promise is awaited before the next).
 * `nextBatch` makes the next batch (undefined: no more); it sees every
 * answer applied so far. `worker`: the workers' module (default verify's).
 */
export async function runOrdered<
  Q extends { id: number; kind: string } = BatchRequest,
  A extends { id: number; failed?: string } = BatchAnswer,
>(
  threads: number,
  nextBatch: (id: number) => Promise<Q | undefined>,
  apply: (a: A, request: Q) => void | Promise<void>,
  worker: URL = workerUrl(),
  options: WorkerOptions = {},
): Promise<void> {
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (a: A) => void; reject: (e: unknown) => void }>();
  let failure: unknown;
  const fail = (e: unknown) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  try {
    for (let i = 0; i < Math.max(1, threads); i++) {
      // A batch is about a megabyte: a small heap suffices, and keeps each worker's memory low.
      const w = new Worker(worker, {
        resourceLimits: options.resourceLimits ?? {
          maxOldGenerationSizeMb: WORKER_HEAP_MB,
          maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
        },
        ...(options.workerData !== undefined ? { workerData: options.workerData } : {}),
      });
      w.on('message', (a: A) => {
        const p = pending.get(a.id);
        pending.delete(a.id);
        if (a.failed !== undefined) p?.reject(new WorkersFailed(a.failed));
        else p?.resolve(a);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0) fail(new WorkersFailed(`a verify worker stopped (exit code ${code})`));
      });
      workers.push(w);
    }
    const send = (request: Q): Promise<A> => {
      if (failure !== undefined) return Promise.reject(failure);
      const answer = new Promise<A>((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        const lines = request.kind === 'lines' ? (request as unknown as LinesRequest) : undefined;
        workers[request.id % workers.length]!.postMessage(request, lines ? [lines.bytes] : []);
      });
      // A failure is thrown where the answer is awaited, in order; until then it is not unhandled.
      answer.catch(() => undefined);
      return answer;
    };
    const inFlight: [Promise<A>, Q][] = [];
    const next = async () => {
      const [answer, request] = inFlight.shift()!;
      const a = await answer;
      try {
        await apply(a, request);
      } catch (e) {
        throw new Applying(e);
      }
    };
    let id = 0;
    for (;;) {
      const request = await nextBatch(id);
      if (request === undefined) break;
      inFlight.push([send(request), request]);
      id++;
      while (inFlight.length >= IN_FLIGHT * workers.length) await next();
    }
    while (inFlight.length > 0) await next();
  } catch (e) {
    // What applying an answer threw (an import's write) is the caller's own error, as it was thrown.
    if (e instanceof Applying) throw e.cause;
    throw e instanceof WorkersFailed ? e : new WorkersFailed((e as Error)?.message ?? String(e));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

interface ParallelOptions {
  threads: number;
  /** A JSONL file: the line to begin on (1-based; the lines before hold no event: a format-2 export's header and personal lines). */
  fromLine?: number;
  kept?: StreamHeadRecord[];
  heads?: boolean;
  onRecord?: (count: number, fraction: number | undefined) => void;
}

/** Applies a batch's answer to the tally, in log order. */
function applier(tally: ReturnType<typeof verifyTally>, onRecord: ((count: number) => void) | undefined, lineBase = 0) {
  return (a: BatchAnswer) => {
    for (const v of verdictsOf(a.verdicts)) {
      tally.event(v);
      onRecord?.(tally.count);
    }
    for (const n of a.notJson) {
      tally.notJson(lineBase + n.line, n.error);
      onRecord?.(tally.count);
    }
    tally.packs.merge(a.packs);
    lineBase += a.lines;
  };
}

/**
 * `verify` of a JSONL file with worker threads: the main thread reads the
 * file in chunks of bytes and hands each (cut after its last line break) to
 * a worker, which parses the lines and examines each event on its own
 * (`examineEvent`: envelope, data, canonical JSON and SHA-256, the cost);
 * the verdicts come back per batch and are applied in file order by the one
 * `verifyTally`, which checks versions, chains and positions against each
 * stream's head. Same checks, same problems, same messages as the
 * one-thread path (`verifySource`); at most IN_FLIGHT batches per worker
 * are in flight, so memory stays bounded by the streams. Throws WorkersFailed when
 * the workers cannot do it (the caller verifies on one thread instead).
 */
export async function verifyJsonlFile(file: string, label: string, options: ParallelOptions): Promise<VerifyReport> {
  const tally = verifyTally(options.kept ? { kept: options.kept } : {});
  const onRecord = options.onRecord;
  const fromLine = options.fromLine ?? 1;
  await inJsonlBatches(
    file,
    options.threads,
    false,
    (fraction) => applier(tally, onRecord ? (n) => onRecord(n, fraction()) : undefined, fromLine - 1),
    fromLine,
  );
  return tally.report(label, options.heads !== false);
}

/**
 * Reads a JSONL file in chunks, each cut after its last line break, and runs
 * them through the workers; `applier` makes what is handed each answer, in
 * file order (it is given the share of the file read so far, for progress).
 */
async function inJsonlBatches(
  file: string,
  threads: number,
  returnBytes: boolean,
  applier: (fraction: () => number | undefined) => (a: BatchAnswer, request: BatchRequest) => void | Promise<void>,
  fromLine = 1,
): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw new WorkersFailed((e as Error).message);
  }
  const fd = handle;
  try {
    const size = (await fd.stat()).size;
    let read = fromLine > 1 ? await offsetOfLine(fd, fromLine) : 0;
    const start = read;
    let carry = new Uint8Array(0);
    let eof = false;
    const nextBatch = async (id: number): Promise<LinesRequest | undefined> => {
      while (!eof) {
        const buf = new Uint8Array(carry.length + CHUNK);
        buf.set(carry);
        const { bytesRead } = await fd.read(buf, carry.length, CHUNK, read);
        read += bytesRead;
        const total = carry.length + bytesRead;
        eof = bytesRead === 0;
        const cut = eof ? total : buf.lastIndexOf(10, total - 1) + 1;
        if (cut === 0) {
          // no line break yet (a long line) or nothing left: read on
          carry = buf.subarray(0, total);
          continue;
        }
        carry = buf.slice(cut, total);
        return {
          kind: 'lines',
          id,
          bytes: buf.buffer,
          length: cut,
          first: id === 0 && start === 0,
          last: eof,
          ...(returnBytes ? { returnBytes } : {}),
        };
      }
      return undefined;
    };
    await runOrdered(
      threads,
      nextBatch,
      applier(() => (size > 0 ? read / size : undefined)),
    );
  } finally {
    await fd.close().catch(() => undefined);
  }
}

/**
 * The byte offset of line `line` (1-based) of a file: after its first
 * line − 1 line breaks. Lines are numbered as `readJsonl` numbers them, which
 * also breaks a line at a carriage return that does not end it (before its
 * line feed): such a one before the offset (never in what `certflow export`
 * writes) throws WorkersFailed, and the caller reads on one thread. So does
 * a file with fewer lines.
 */
async function offsetOfLine(fd: Awaited<ReturnType<typeof open>>, line: number): Promise<number> {
  const buf = Buffer.alloc(CHUNK);
  let breaks = 0;
  let offset = 0;
  let carriage = false; // the chunk before ended in a carriage return
  for (;;) {
    const { bytesRead } = await fd.read(buf, 0, CHUNK, offset);
    if (bytesRead === 0) throw new WorkersFailed(`the file has fewer than ${line} lines`);
    const bytes = buf.subarray(0, bytesRead);
    for (let at = 0; ; ) {
      const nl = bytes.indexOf(10, at);
      const cr = bytes.indexOf(13, at);
      // a carriage return is a line break of its own unless a line feed follows it at once
      if ((carriage && nl !== 0) || (cr >= 0 && (nl < 0 ? cr < bytesRead - 1 : cr < nl - 1)))
        throw new WorkersFailed('a carriage return inside a line before the events');
      carriage = false;
      if (nl < 0) {
        carriage = bytes[bytesRead - 1] === 13;
        break;
      }
      if (++breaks === line - 1) return offset + nl + 1;
      at = nl + 1;
    }
    offset += bytesRead;
  }
}

/**
 * `import` of a JSONL file with worker threads: the workers examine the
 * events as for `verifyJsonlFile` (the same tally, so the same report), and
 * hand each batch's bytes back; the main thread parses the lines again (the
 * events to write) and calls `afterEach` with each event, in file order,
 * and whether the log is still clean, as `verifySource` does on one thread.
 * While it writes, the workers examine the next batches. Throws
 * WorkersFailed when the workers cannot do it; `afterEach` has then been
 * called for the events before the batch that failed.
 */
export async function importJsonlFile(
  file: string,
  label: string,
  options: {
    threads: number;
    onRecord?: (count: number, fraction: number | undefined) => void;
    afterEach: (event: unknown, clean: boolean) => Promise<void> | void;
  },
): Promise<VerifyReport> {
  const tally = verifyTally();
  const onRecord = options.onRecord;
  let lineBase = 0;
  await inJsonlBatches(file, options.threads, true, (fraction) => async (a, request) => {
    const r = request as LinesRequest;
    if (a.bytes === undefined) throw new WorkersFailed('a verify worker did not send a batch back');
    const verdicts = verdictsOf(a.verdicts);
    let notJson = 0;
    let headerPending = r.first;
    for (const text of linesOf(Buffer.from(a.bytes, 0, r.length), r.last)) {
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // the worker found the same line not JSON: its problem, in line order
        const n = a.notJson[notJson++];
        if (n) tally.notJson(lineBase + n.line, n.error);
        headerPending = false;
        onRecord?.(tally.count, fraction());
        continue;
      }
      if (headerPending) {
        headerPending = false;
        if (isExportHeader(value)) continue;
      }
      const v = verdicts.next();
      if (v.done) throw new WorkersFailed('a verify worker answered fewer events than the batch holds');
      tally.event(v.value);
      await options.afterEach(value, tally.clean);
      onRecord?.(tally.count, fraction());
    }
    if (!verdicts.next().done || notJson !== a.notJson.length)
      throw new WorkersFailed('a verify worker answered other events than the batch holds');
    tally.packs.merge(a.packs);
    lineBase += a.lines;
  });
  return tally.report(label, false);
}

/**
 * `verify` of a SQLite file with worker threads: each worker opens the file
 * read-only (in place) and reads ranges of positions through the store's
 * own readAll, examining each event; the main thread applies the verdicts
 * in position order (readAll's order), as `verifyJsonlFile` does. Throws
 * WorkersFailed when the workers cannot do it (the store's own errors
 * included: the one-thread path then reports them as it always does).
 */
export async function verifySqliteFile(file: string, label: string, options: ParallelOptions): Promise<VerifyReport> {
  const tally = verifyTally(options.kept ? { kept: options.kept } : {});
  const apply = applier(tally, options.onRecord ? (n) => options.onRecord!(n, undefined) : undefined);
  await inSqliteRanges(file, options.threads, RANGE, apply);
  return tally.report(label, options.heads !== false);
}

/**
 * Runs a SQLite file through the workers in ranges of `size` positions from
 * the first on, and hands each answer to `apply` in position order (awaited);
 * no range is asked past the one whose answer says the log ends in it, and a
 * gap in the positions longer than the ranges in flight is skipped to the
 * next event, not read range by range. `worker`: the workers' module
 * (default verify's).
 */
export async function inSqliteRanges<A extends { id: number; next?: number | null; failed?: string } = BatchAnswer>(
  file: string,
  threads: number,
  size: number,
  apply: (a: A) => void | Promise<void>,
  worker?: URL,
  options?: WorkerOptions,
): Promise<void> {
  let from = 0;
  let ended = false;
  let dispatchedEnd = 0;
  await runOrdered<RangeRequest, A>(
    threads,
    async (id) => {
      if (ended) return undefined;
      const request: RangeRequest = { kind: 'range', id, file, from, size };
      from += size;
      dispatchedEnd = from;
      return request;
    },
    async (a) => {
      if (ended) return;
      await apply(a);
      if (a.next === null || a.next === undefined) ended = true;
      // A gap in the positions longer than the ranges in flight: go on from the next event.
      else if (a.next > dispatchedEnd) from = a.next;
    },
    worker,
    options,
  );
}
