import {
  createLogChecker,
  examineEvent,
  positionRanges,
  verifyLog,
  type EventVerdict,
  type LogProblem,
  type PersonalVaultRow,
} from '@certflow/core';
import { statSync } from 'node:fs';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { EmptySourceError, MaskedExportError, UsageError } from '../errors.js';
import { t } from '../locales/index.js';
import {
  compareHeads,
  headsCollector,
  headsComparer,
  logHeads,
  packsCollector,
  packsUsed,
  readHeadsFile,
  type HeadChange,
  type PackUsed,
  type StreamHeadRecord,
} from '../heads.js';
import { autoThreads, verifyJsonlFile, verifySqliteFile, WorkersFailed } from '../parallelVerify.js';
import { progress } from '../progress.js';
import { openSource, type Source, type SourceRecord } from '../sources.js';
import { CHECKPOINT_OPTIONS, checkpointCheck } from './verifyCheckpoint.js';

/** A problem as `verify` reports it: verifyLog's, or a JSONL line that is not JSON. */
export type VerifyProblem =
  | LogProblem
  | { streamId: null; version: null; position: null; kind: 'not-json'; line: number; detail: string }
  | { streamId: string; version: number; position: null; kind: HeadChange['kind']; detail: string };

export interface VerifyReport {
  ok: boolean;
  source: string;
  streams: number;
  events: number;
  problems: VerifyProblem[];
  /** Each stream's last version and hash: keep them, and `verify --heads` will name any stream shortened, removed or rewritten since. */
  heads: StreamHeadRecord[];
  /** The rule packs the events name, with the content hashes their decisions recorded. */
  packs: PackUsed[];
}

/** Runs verifyLog over records read from a source, adding lines that are not JSON as problems. */
export function verifyRecords(source: string, records: SourceRecord[], vault?: PersonalVaultRow[]): VerifyReport {
  const notJson: VerifyProblem[] = [];
  const events: unknown[] = [];
  for (const r of records) {
    if ('error' in r)
      notJson.push({ streamId: null, version: null, position: null, kind: 'not-json', line: r.line, detail: r.error });
    else events.push(r.event);
  }
  const result = verifyLog(events, vault ? { personal: { vault } } : {});
  const problems = [...notJson, ...result.problems];
  return {
    ok: problems.length === 0,
    source,
    streams: result.streams,
    events: result.events,
    problems,
    heads: logHeads(events),
    packs: packsUsed(events),
  };
}

/** Adds to a report every stream that was shortened, removed or rewritten since the heads were kept. */
export function checkHeads(report: VerifyReport, kept: StreamHeadRecord[], records: SourceRecord[]): VerifyReport {
  const events = records.flatMap((r) => ('event' in r ? [r.event] : []));
  const changes: VerifyProblem[] = compareHeads(kept, events).map((c) => ({
    streamId: c.streamId,
    version: c.kept.version,
    position: null,
    kind: c.kind,
    detail: c.detail,
  }));
  const problems = [...report.problems, ...changes];
  return { ...report, ok: problems.length === 0, problems };
}

/** Each stream's head for the report: a broken stream's as read, every other stream's as the check verified it; sorted by stream id. */
function mergeHeads(
  verified: ReadonlyMap<string, { version: number; hash: string | null }>,
  broken: ReadonlyMap<string, { version: number; hash: string }>,
): StreamHeadRecord[] {
  const out: StreamHeadRecord[] = [];
  for (const [streamId, h] of broken) out.push({ streamId, version: h.version, hash: h.hash });
  for (const [streamId, h] of verified)
    if (!broken.has(streamId) && h.hash !== null) out.push({ streamId, version: h.version, hash: h.hash });
  return out.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

/**
 * What verify keeps while it reads, fed record by record in log order: the
 * log check's per-stream state, a broken stream's own heads, the packs named,
 * the comparison with kept heads. Both ways of reading (one thread, or
 * verdicts from worker threads: parallelVerify.ts) feed it, so both report
 * alike.
 */
export function verifyTally(options: { kept?: StreamHeadRecord[]; vault?: PersonalVaultRow[] } = {}) {
  const notJson: VerifyProblem[] = [];
  const checker = createLogChecker({
    positions: positionRanges(),
    ...(options.vault ? { personal: { vault: options.vault } } : {}),
  });
  const brokenHeads = headsCollector();
  const packs = packsCollector();
  const comparer = options.kept ? headsComparer(options.kept) : undefined;
  let count = 0;
  return {
    packs,
    /** Records read so far (events and lines that are not JSON). */
    get count() {
      return count;
    },
    /** No problem found so far. */
    get clean() {
      return notJson.length === 0 && checker.broken.size === 0;
    },
    notJson(line: number, error: string) {
      count++;
      notJson.push({ streamId: null, version: null, position: null, kind: 'not-json', line, detail: error });
    },
    /** An event's verdict (its rule packs go to `packs` separately); with a vault, the event too (its commitments are opened). */
    event(verdict: EventVerdict, event?: unknown) {
      count++;
      checker.apply(verdict, event);
      // An unbroken stream's head is the check's own; only a broken stream needs its own entry (from the last good head on).
      const id = verdict.streamId;
      if (id !== null && checker.broken.size > 0 && checker.broken.has(id)) {
        const good = checker.heads.get(id);
        if (!brokenHeads.heads.has(id) && good?.hash)
          brokenHeads.add({ streamId: id, version: good.version, hash: good.hash });
        brokenHeads.add(verdict);
      }
      comparer?.add(verdict);
    },
    report(label: string, heads: boolean): VerifyReport {
      if (count === 0) throw new EmptySourceError(label, 'verify');
      const result = checker.result();
      const changes: VerifyProblem[] = (comparer?.result() ?? []).map((c) => ({
        streamId: c.streamId,
        version: c.kept.version,
        position: null,
        kind: c.kind,
        detail: c.detail,
      }));
      const problems = [...notJson, ...result.problems, ...changes];
      return {
        ok: problems.length === 0,
        source: label,
        streams: result.streams,
        events: result.events,
        problems,
        heads: heads ? mergeHeads(checker.heads, brokenHeads.heads) : [],
        packs: packs.result(),
      };
    },
  };
}

/**
 * verify over a source read as a stream: each record is checked as it is read
 * and dropped, so memory is bounded by the streams (one head per stream, the
 * packs named, the problems found, positions as ranges; with --heads, the kept
 * heads; with --checkpoint, a compact range of the tree and the nodes of the events after the checkpoint), not by the events.
 */
export async function verifySource(
  source: Source,
  options: {
    kept?: StreamHeadRecord[];
    checkpoint?: { add(record: SourceRecord): void };
    onRecord?: (count: number) => void;
    /** false: leave `heads` empty (text output shows none, and a list of every stream's head is as long as the streams). Default true. */
    heads?: boolean;
    /**
     * Awaited after each event is checked, with whether the log is still clean
     * (no problem found so far, this event included): import writes as it reads.
     */
    afterEach?: (event: unknown, clean: boolean) => Promise<void> | void;
    /** The personal-data vault's rows (a store's, or an export's --with-personal-data): every commitment of format-2 events must open. */
    vault?: PersonalVaultRow[];
  } = {},
): Promise<VerifyReport> {
  const tally = verifyTally({
    ...(options.kept ? { kept: options.kept } : {}),
    ...(options.vault ? { vault: options.vault } : {}),
  });
  for await (const r of source.records()) {
    options.checkpoint?.add(r);
    if ('error' in r) tally.notJson(r.line, r.error);
    else {
      tally.event(examineEvent(r.event), r.event);
      tally.packs.add(r.event);
      if (options.afterEach) await options.afterEach(r.event, tally.clean);
    }
    options.onRecord?.(tally.count);
  }
  return tally.report(source.label, options.heads !== false);
}

export function formatProblem(p: VerifyProblem): string {
  if (p.kind === 'not-json') return `✖ line ${p.line}: not-json — ${p.detail}`;
  const where = `${p.streamId} version ${p.version ?? '?'}${p.position !== null ? ` (position ${p.position})` : ''}`;
  return `✖ ${where}: ${p.kind} — ${p.detail}`;
}

/**
 * verify with worker threads when asked (parallelVerify.ts): a JSONL file
 * or a SQLite file read in place, `threads` of them ('auto': one per core
 * for PARALLEL_MIN_BYTES or more, else none), without --checkpoint (whose tree takes every
 * record in order on the main thread). No report: verify on one thread
 * (small source, PostgreSQL or stdin, --threads 0, or the workers could not
 * do it: then the one-thread path reads the source again and reports what
 * it finds, errors included, as it always does).
 */
async function verifyInWorkers(
  source: Source,
  threads: number | 'auto',
  options: {
    kept?: StreamHeadRecord[];
    heads: boolean;
    checkpoint: boolean;
    /** The source carries a vault whose commitments the main thread opens, event by event. */
    personal: boolean;
    onRecord: (count: number, fraction: number | undefined) => void;
  },
): Promise<{ report?: VerifyReport & { threads: number }; closed: boolean }> {
  const file = source.file;
  if (!file || options.checkpoint || options.personal || source.kind === 'postgres') return { closed: false };
  // a format-2 export read in parallel starts at its first event: one without any is read on one thread
  if (source.header?.certflowExport.format === 2 && source.eventsLine === undefined) return { closed: false };
  const n = threads === 'auto' ? autoThreads(statSync(file).size) : threads;
  // One thread (--threads 1, or 0) is the main thread alone.
  if (n <= 1) return { closed: false };
  const run = {
    threads: n,
    ...(source.eventsLine !== undefined ? { fromLine: source.eventsLine } : {}),
    heads: options.heads,
    onRecord: options.onRecord,
    ...(options.kept ? { kept: options.kept } : {}),
  };
  const closed = source.kind === 'jsonl';
  try {
    if (source.kind === 'jsonl') {
      // The header was read (a masked export refused); the workers read the file again, from its start or,
      // in a format-2 export, from its first event (its header and personal lines hold none).
      await source.close();
      return { report: { ...(await verifyJsonlFile(file, source.label, run)), threads: n }, closed };
    }
    const { readsInPlace } = await import('@certflow/store-sqlite');
    if (!readsInPlace(file)) return { closed };
    return { report: { ...(await verifySqliteFile(file, source.label, run)), threads: n }, closed };
  } catch (e) {
    if (e instanceof WorkersFailed) return { closed };
    throw e;
  }
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check hash chains, version gaps and event schemas',
  usage: 'verify <source> [--heads <file>] [--checkpoint <file> --vkey <file>] [--threads <n>] [--json]',
  description: `
Recomputes every event's hash (RFC 8785 canonical JSON, SHA-256), checks that
each event chains to the previous one of its stream, that versions run 1..n
without gaps, and that every envelope is well formed. Reports the first broken
event of each stream. <source> is a SQLite file, a postgres:// URL (add
?schema=name for a schema other than certflow) or a JSONL export (- for stdin).
Stores are opened read-only: nothing is created, migrated or written. An
empty source is an error, not a log that verifies.

--json also lists each stream's head (last version and hash) and the rule
packs used. Keep that output: --heads <file> (the heads array or a whole
verify --json output) names every stream that was shortened, removed or
rewritten since, which no hash chain can show on its own.

With --checkpoint <file> --vkey <file>, also checks that the log extends a
signed checkpoint kept from before (certflow checkpoint): a rewrite, a
truncation or a removal of anything before it fails. Each event's leaf is
folded in as it is read (the leaves before the checkpoint must give its
signed root); past the checkpoint the tree work is O(new events + log n),
and a store's own tree must prove the same extension. --json reports the
work done (docs/transparency.md).

A JSONL file or a SQLite file of 8 MB or more is hashed by worker threads,
one per core (at most four), the main thread checking chains and versions in
log order; a smaller one, or one on a machine of one core, by the main
thread alone (--threads auto, the default). --threads <n> sets the number of
worker threads; --threads 1 (or 0) is the main thread alone. The result is
the same either way.

Exit codes: 0 the log verifies, 1 problems were found, 2 usage error,
3 the source could not be read.`,
  descriptionZh: `
逐个复算每个事件的哈希（RFC 8785 规范化 JSON，SHA-256），检查每个事件都链接到
所在事件流的前一个事件、版本号从 1 到 n 连续无缺口、每个事件信封格式正确。
每个事件流报告其第一个损坏的事件。<source> 为 SQLite 文件、postgres:// 地址
（模式不是 certflow 时加 ?schema=名称）或 JSONL 导出文件（- 表示标准输入）。
存储以只读方式打开：不创建、不迁移、不写入任何内容。空数据源是错误，
不算作通过验证的日志。

--json 还会列出每个事件流的流头（最后的版本号和哈希）以及所用的规则包。
请保存该输出：--heads <文件>（heads 数组或完整的 verify --json 输出）会指出
此后被截短、删除或改写的每个事件流——这是哈希链本身无法显示的。

使用 --checkpoint <文件> --vkey <文件> 时，还检查日志是否延续此前保存的已签名
检查点（由 certflow checkpoint 签署）：检查点之前的任何改写、截断或删除都会
导致验证失败。每个事件的叶子在读取时即并入（检查点之前的叶子必须得出其签名
的根哈希）；检查点之后的树计算量为 O(新事件数 + log n)，存储自身的树也必须
证明同样的延续关系。--json 会报告所做的计算量（docs/transparency.md）。

8 MB 及以上的 JSONL 文件或 SQLite 文件由工作线程计算哈希，每个 CPU 核一个
（最多四个），主线程按日志顺序检查哈希链和版本号；较小的文件，或只有一个
CPU 核的机器，只用主线程（--threads auto，即默认）。--threads <n> 指定工作
线程数；--threads 1（或 0）只用主线程。两种方式结果相同。

退出码：0 日志通过验证，1 发现问题，2 用法错误，3 无法读取数据源。`,
  options: {
    heads: {
      type: 'string',
      description: 'compare with heads kept from an earlier verify --json',
      descriptionZh: '与此前 verify --json 保存的流头比较',
      value: 'file',
    },
    json: { type: 'boolean', description: 'print the result as JSON', descriptionZh: '以 JSON 格式输出结果' },
    threads: {
      type: 'string',
      value: 'n',
      description: 'worker threads hashing a JSONL or SQLite file (1: the main thread alone), or auto (the default)',
      descriptionZh: '为 JSONL 或 SQLite 文件计算哈希的工作线程数（1：只用主线程），或 auto（默认）',
    },
    ...CHECKPOINT_OPTIONS,
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const kept = typeof values.heads === 'string' ? readHeadsFile(values.heads, io.cwd ?? process.cwd()) : undefined;
    const threadsText = typeof values.threads === 'string' ? values.threads : undefined;
    if (threadsText !== undefined && threadsText !== 'auto' && !/^\d{1,2}$/.test(threadsText))
      throw new UsageError({ key: 'usage.badThreads', values: { value: JSON.stringify(threadsText) } }, 'verify');
    if (threadsText !== undefined && threadsText !== 'auto' && Number(threadsText) > 64)
      throw new UsageError({ key: 'usage.badThreads', values: { value: JSON.stringify(threadsText) } }, 'verify');
    // verify never reads a display form (outside every hash): read past, not held
    let source = await openSource(positionals[0]!, io, { displayForms: false });
    try {
      if (source.header?.certflowExport.masked && source.header.certflowExport.format !== 2)
        throw new MaskedExportError(source.label, 'verified');
      const personal = await source.personal?.();
      const bar = progress(io, 'verify', { json: values.json === true, locale });
      const checkpointOf = checkpointCheck(values, io);
      // threads: how many worker threads examined the events (0: the main thread alone).
      let report: (VerifyReport & { threads?: number; checkpoint?: unknown }) | undefined;
      try {
        const tried = await verifyInWorkers(
          source,
          threadsText === undefined || threadsText === 'auto' ? 'auto' : Number(threadsText),
          {
            ...(kept ? { kept } : {}),
            heads: values.json === true,
            checkpoint: checkpointOf !== undefined,
            // A vault to open commitments with is read on the main thread (display forms are outside every hash).
            personal: personal?.vault !== undefined,
            onRecord: (n, f) => bar.update(n, undefined, f),
          },
        );
        report = tried.report;
        if (!report) {
          // The workers could not do it (or were not asked to): one thread reads the source, as it always did.
          if (tried.closed) {
            await source.close();
            source = await openSource(positionals[0]!, io, { displayForms: false });
          }
          const from = source;
          report = {
            ...(await verifySource(from, {
              ...(personal?.vault ? { vault: personal.vault } : {}),
              ...(kept ? { kept } : {}),
              ...(checkpointOf ? { checkpoint: checkpointOf } : {}),
              onRecord: (n) => bar.update(n, undefined, from.fraction?.()),
              heads: values.json === true,
            })),
            threads: 0,
          };
        }
      } finally {
        bar.done();
      }
      const checkpoint = await checkpointOf?.finish(source.transparency);
      if (checkpoint) {
        report.ok &&= checkpoint.ok;
        report.checkpoint = checkpoint.json;
        if (!values.json) io.stdout.write(`${checkpoint.line}\n`);
      }
      if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const p of report.problems) io.stdout.write(`${formatProblem(p)}\n`);
        const counts = { source: report.source, events: report.events, streams: report.streams };
        io.stdout.write(
          report.ok
            ? `${t(locale, 'verify.ok', { ...counts, ...(kept ? { kept: kept.length } : {}) })}\n`
            : `${t(locale, 'verify.problems', {
                ...counts,
                // a log that does not extend the checkpoint is a problem too (its line is printed above)
                count: report.problems.length + (checkpoint && !checkpoint.ok ? 1 : 0),
              })}\n`,
        );
      }
      return report.ok ? EXIT.ok : EXIT.problems;
    } finally {
      await source.close();
    }
  },
};
