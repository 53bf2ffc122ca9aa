// A worker thread of `certflow report --pages` (see parallel.ts). It answers
// two kinds of task:
// - a range of positions of a SQLite file (the log pass): each event's
//   integrity verdict (examineEvent, as verify's workers), the rule packs
//   named, and what the range adds to the report's index (indexPart);
// - organizations (or bookkeeping streams): their sections built from their
//   streams' events (read from the SQLite file by stream, or from the
//   report's spill file), exactly as one thread builds them, with their HTML
//   and what they count towards the summary.
// It keeps nothing between tasks but the store it opened and the packs it loaded.
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { examineEvent, type LogProblem, type RulePack, type StoredEvent } from '@certflow/core';
import { packsCollector } from '../heads.js';
import { cliFindingTranslator } from '../locales/findings.js';
import type { RangeRequest } from '../parallelVerify.js';
import { loadKnownPacks, loadPackModule } from '../replay/packs.js';
import { verdictColumns } from '../verdictColumns.js';
import { eachInRange, readOnlyStoreOf } from '../workerStores.js';
import {
  buildStream,
  indexPart,
  integrityFrom,
  organizationReport,
  reportView,
  summaryCounter,
  type StreamContext,
} from './collect.js';
import { deadlineOracle } from './deadlines.js';
import { t, type Labels } from './labels.js';
import { looksLikeEvent, type StreamReport } from './model.js';
import type { RangeAnswer, ReportAnswer, ReportTask, ReportWorkerSetup, TaskStream } from './parallel.js';
import { organizationHeading, type OrganizationPart } from './render.js';
import * as sections from './sections/index.js';
import { readSpilledStream } from './spill.js';

const setup = workerData as ReportWorkerSetup;
const display = setup.display ? new Map(setup.display) : undefined;

/** The packs and words a section is built with: loaded once, on the first task of sections. */
let building: Promise<{ ctx: StreamContext; labels: Labels }> | undefined;
async function start() {
  const packs: RulePack[] = [];
  for (const m of setup.packModules) packs.push(...(await loadPackModule(m, setup.cwd)));
  packs.push(...(await loadKnownPacks(undefined, { cwd: setup.cwd })));
  const translate = await cliFindingTranslator();
  const ctx: StreamContext = {
    asOf: setup.asOf,
    deadlines: deadlineOracle(packs).oracle,
    wordFinding: (message: string) => translate(message, setup.locale),
  };
  return { ctx, labels: t(setup.locale) };
}

/** The log pass over a range of a SQLite file's positions: verdicts, packs and the index's part, in position order. */
export async function indexRange(request: RangeRequest): Promise<RangeAnswer> {
  const packs = packsCollector();
  const verdicts = verdictColumns();
  const part = indexPart(display);
  let count = 0;
  // Five queries a range, as verify's workers read it.
  const next = await eachInRange(request, 5, (event) => {
    part.add(event, count++);
    verdicts.add(examineEvent(event));
    packs.add(event);
  });
  const columns = verdicts.result();
  // A verdict handed over whole (a problem, an odd field) has no id in the columns: its stream is named in the part.
  const whole = new Set(columns.odd.map(([i]) => i));
  return { id: request.id, verdicts: columns, packs: packs.result(), part: part.result((at) => !whole.has(at)), next };
}

let buffer: Buffer = Buffer.allocUnsafe(64 * 1024);
const utf8 = new TextEncoder();

/** A section as its UTF-8 bytes, in a buffer of its own (handed to the main thread without a copy). */
const encoded = (anchor: string, heading: string, html: string): OrganizationPart => ({
  anchor,
  heading,
  html: utf8.encode(html),
  chars: html.length,
});

/** The sections of a task's organizations (or bookkeeping streams), with what they count towards the summary. */
export async function buildSections(task: ReportTask): Promise<ReportAnswer> {
  building ??= start();
  const { ctx, labels } = await building;
  const problems = new Map<string, LogProblem>(task.problems);
  const store = setup.store ? await readOnlyStoreOf(setup.store) : undefined;
  // The spill's file, opened for each task: nothing is left open when the workers are stopped.
  const fd = setup.spill !== undefined ? openSync(setup.spill, 'r') : undefined;
  try {
    /** A stream's events as the report shows them, in version order: from the spill as written, or from the store as one thread reads them. */
    const eventsOf = async (s: TaskStream): Promise<StoredEvent[]> => {
      if (fd !== undefined) {
        if (!s.at) return [];
        const r = readSpilledStream(fd, s.at[0], s.at[1], buffer);
        buffer = r.buffer;
        return r.events;
      }
      const out: StoredEvent[] = [];
      for (const raw of await store!.readStream(s.id)) if (looksLikeEvent(raw)) out.push(reportView(raw, display).e);
      return out;
    };
    const built = new Map<string, StreamReport>();
    const streams = task.organizations.flatMap((o) => o.streams);
    for (const s of streams)
      built.set(s.id, buildStream(s.id, await eventsOf(s), integrityFrom(problems.get(s.id), setup.checked), ctx));
    const counter = summaryCounter({ streams: 0, events: 0 });
    const parts: ReportAnswer['parts'] = [];
    if (task.kind === 'bookkeeping') {
      for (const s of streams) {
        const st = built.get(s.id)!;
        counter.addBookkeeping(st);
        parts.push(encoded('', '', `${sections.bookkeeping.html(st, labels)}\n`));
      }
    } else {
      for (const { organization, streams: own } of task.organizations) {
        const byId = new Map(own.map((s) => [s.id, s]));
        const o = organizationReport(
          organization!,
          own.map((s) => s.id),
          {
            kind: (id) => byId.get(id)!.kind,
            parent: (id) => byId.get(id)!.parent,
            build: (id) => built.get(id)!,
          },
        );
        counter.addOrganization(o);
        parts.push(encoded(o.anchor, organizationHeading(o, labels), sections.organization.html(o, labels)));
      }
    }
    return { id: task.id, parts, summary: counter.result() };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

parentPort?.on('message', (task: ReportTask | RangeRequest) => {
  const answer: Promise<ReportAnswer | RangeAnswer> = task.kind === 'range' ? indexRange(task) : buildSections(task);
  answer.then(
    (a) =>
      parentPort!.postMessage(a, 'parts' in a ? a.parts.map((p) => (p.html as Uint8Array).buffer as ArrayBuffer) : []),
    (e: unknown) => parentPort!.postMessage({ id: task.id, failed: (e as Error)?.stack ?? String(e) }),
  );
});
