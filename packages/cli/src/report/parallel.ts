// `certflow report --pages` with worker threads. From a SQLite file read in
// place, workers read the log in ranges of positions (each event's
// integrity verdict, the packs named, the range's part of the index) and the
// main thread applies their answers in position order; then workers build
// the organizations' sections, a task of whole organizations at a time,
// reading each stream's events from the file, and hand them back in report
// order while the main thread lays them out on pages and adds up the
// summary. From any other source, one thread reads the log into the report's
// spill file and the workers read the events from there. Either way the
// pages are the ones one thread writes, byte for byte (parallelReport.int.spec.ts).
import { pathToFileURL } from 'node:url';
import type { LogProblem } from '@certflow/core';
import type { PackUsed } from '../heads.js';
import { inSqliteRanges, runOrdered, verdictsOf, type VerdictColumns, type WorkerOptions } from '../parallelVerify.js';
import {
  bookkeepingIds,
  membersOf,
  type IndexPart,
  type PlannedOrganization,
  type reportCollector,
  type ReportPlan,
} from './collect.js';
import type { ReportLocale } from './labels.js';
import type { ReportSummary, StreamKindName } from './model.js';
import type { OrganizationPart, SectionsWriter } from './render.js';

/** About this many streams go to a worker at a time (whole organizations: one larger than this is a task of its own). */
export const REPORT_TASK_STREAMS = 256;
/** Positions of a SQLite file per range of the log pass. */
const RANGE = 1_000;
/**
 * A worker's heap. The old generation holds one task (up to 1,000
 * positions of the log pass, or about 256 streams' sections): at 1,000,000
 * events a limit of 48 MB took 74 s where 256 MB took 84 s, the same peak
 * RSS (its garbage is collected sooner). An organization too large for it
 * makes the workers fail, and one thread writes the pages instead (one
 * thread has no bound but the process's). The young generation: at 250,000
 * events 4 MB took 26.3 s, 8 MB 22.8 s and 16 MB 21.5 s (peak RSS 350 MB
 * at 8, 384 MB at 16); 32 MB hardly less time for more memory (docs/scale.md).
 */
const WORKER_LIMITS: WorkerOptions['resourceLimits'] = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

/** What every report worker starts with. */
export interface ReportWorkerSetup {
  locale: ReportLocale;
  /** The China date deadlines are judged at ('' in the log pass). */
  asOf: string;
  /** False for a masked export of format 1 (integrity not checked). */
  checked: boolean;
  /** `--packs` modules, loaded again by each worker (resolved against `cwd`), before the installed packs. */
  packModules: string[];
  cwd: string;
  /** The SQLite file the events are read from, by range and by stream. */
  store?: string;
  /** Else the report's spill file. */
  spill?: string;
  /** The display forms of format-2 tokens (the store's vault), as pairs. */
  display?: [string, string][];
}

/** A stream a task names: its id, kind, parent stream and, in a spill, where its last record is. */
export interface TaskStream {
  id: string;
  kind: StreamKindName;
  parent?: string;
  at?: [offset: number, length: number];
}

/** A task: organizations with their streams, or bookkeeping streams; and the first problem of each broken one. */
export interface ReportTask {
  kind: 'organizations' | 'bookkeeping';
  id: number;
  /** The organizations (kind organizations), each with its streams (sorted); for bookkeeping, one list. */
  organizations: { organization?: PlannedOrganization; streams: TaskStream[] }[];
  problems: [string, LogProblem][];
}

export interface ReportAnswer {
  id: number;
  parts: OrganizationPart[];
  summary: ReportSummary;
  failed?: string;
}

/** A range of the log pass: its verdicts, the packs it names and its part of the index. */
export interface RangeAnswer {
  id: number;
  verdicts: VerdictColumns;
  packs: PackUsed[];
  part: IndexPart;
  next: number | null;
  failed?: string;
}

const workerUrl = (): URL =>
  new URL('./reportWorker.js', typeof __filename === 'string' ? pathToFileURL(__filename) : import.meta.url);

type Setup = Omit<ReportWorkerSetup, 'asOf' | 'checked' | 'store' | 'spill'>;

/**
 * The log pass over a SQLite file read in place, by `threads` workers: each
 * range's answer goes to the collector in position order (integrity
 * verdicts, packs, index). Throws WorkersFailed when the workers cannot do
 * it: the caller reads the log on one thread instead, into a fresh collector.
 */
export async function collectInWorkers(
  file: string,
  threads: number,
  collector: ReturnType<typeof reportCollector>,
  setup: Setup,
  onEvents?: (events: number) => void,
  worker: URL = workerUrl(),
): Promise<void> {
  const workerData: ReportWorkerSetup = { ...setup, asOf: '', checked: true, store: file };
  let events = 0;
  await inSqliteRanges<RangeAnswer>(
    file,
    threads,
    RANGE,
    (a) => {
      collector.addPart(a.part, verdictsOf(a.verdicts), a.verdicts.streamIds, a.packs);
      events += a.verdicts.streamIds.length;
      onEvents?.(events);
    },
    worker,
    { resourceLimits: WORKER_LIMITS, workerData },
  );
}

/**
 * The report's sections built by `threads` worker threads: from the SQLite
 * file `store` (the plan's index came from it), else from the plan's spill
 * file; undefined when there is neither (the spill holds a small log in
 * memory: one thread). A worker that fails fails the whole writer with
 * WorkersFailed: the caller writes the pages again on one thread.
 */
export function reportSectionsInWorkers(
  plan: ReportPlan,
  threads: number,
  setup: Setup & { store?: string },
  worker: URL = workerUrl(),
): SectionsWriter | undefined {
  const spilled = setup.store === undefined ? plan.spill.onDisk?.() : undefined;
  if ((!spilled && setup.store === undefined) || threads < 1) return undefined;
  const workerData: ReportWorkerSetup = {
    ...setup,
    ...(spilled ? { spill: spilled.file } : {}),
    asOf: plan.asOf,
    checked: plan.problems !== undefined,
  };
  const streamOf = (id: string): TaskStream => {
    const parent = plan.index.parentOf(id);
    const at = spilled?.locate(id);
    return { id, kind: plan.index.kindOf(id)!, ...(parent !== undefined ? { parent } : {}), ...(at ? { at } : {}) };
  };
  return async (onChunk) => {
    const members = membersOf(plan);
    const books = bookkeepingIds(plan);
    let org = 0;
    let book = 0;
    const problemsOf = (streams: TaskStream[]): [string, LogProblem][] => {
      const out: [string, LogProblem][] = [];
      if (plan.problems && plan.problems.size > 0)
        for (const s of streams) {
          const p = plan.problems.get(s.id);
          if (p) out.push([s.id, p]);
        }
      return out;
    };
    await runOrdered<ReportTask, ReportAnswer>(
      threads,
      async (id) => {
        if (org < plan.organizations.length) {
          const organizations: ReportTask['organizations'] = [];
          let count = 0;
          while (org < plan.organizations.length && (count === 0 || count < REPORT_TASK_STREAMS)) {
            const o = plan.organizations[org++]!;
            const streams = (members.get(o.id) ?? []).map(streamOf);
            organizations.push({ organization: o, streams });
            count += Math.max(1, streams.length);
          }
          return {
            kind: 'organizations',
            id,
            organizations,
            problems: problemsOf(organizations.flatMap((o) => o.streams)),
          };
        }
        if (book < books.length) {
          const streams = books.slice(book, book + REPORT_TASK_STREAMS).map(streamOf);
          book += streams.length;
          return { kind: 'bookkeeping', id, organizations: [{ streams }], problems: problemsOf(streams) };
        }
        return undefined;
      },
      (answer, request) => onChunk(request.kind, { parts: answer.parts, summary: answer.summary }),
      worker,
      { resourceLimits: WORKER_LIMITS, workerData },
    );
  };
}
