import { logHeads, packsUsed, type PackUsed, type StreamHeadRecord } from '../heads.js';
import { verifyLog, type LogProblem, type StoredEvent } from '@certflow/core';
import { maskEvent } from '../mask.js';
import { briefData } from './brief.js';

export interface CitationView {
  document: string;
  clause: string;
  text: string;
}

export interface FindingView {
  ruleId: string;
  outcome: string;
  message?: string;
  description?: string;
  cite?: CitationView;
}

export interface DecisionView {
  version: number;
  at: string;
  eventType: string;
  outcome?: string;
  rulePack?: string;
  findings: FindingView[];
}

export interface DeadlineView {
  id: string;
  /** open: worked out from the pack, its step not recorded yet. */
  status: 'met' | 'missed' | 'open';
  version: number;
  at: string;
  eventType: string;
  due?: string;
  description?: string;
  cite?: CitationView;
  /** For deadlines worked out from the pack: the step and its date against the due date; for a recorded miss, the calendar it rested on. */
  detail?: string;
  /** A recorded DeadlineMissed whose due date was computed on a year whose arrangement was not published. */
  provisional?: boolean;
  /** The host-added and provisional calendar years a recorded DeadlineMissed (or its withdrawal) rested on, with their citations. */
  calendar?: CalendarYearView[];
  /** A recorded DeadlineMissed a later DeadlineMissedWithdrawn withdrew: the status is then the withdrawal's outcome (open or met). */
  withdrawn?: { version: number; at: string; due: string; missedDue?: string; detectedOn?: string; calendar?: CalendarYearView[] };
}

/** A calendar year a recorded deadline rested on: host-added (its notice) or provisional (the statutory rule). */
export interface CalendarYearView {
  year: number;
  source: string;
  cite?: { document: string; date?: string; clause?: string };
}

function calendarYears(v: unknown): CalendarYearView[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: CalendarYearView[] = [];
  for (const y of v) {
    const o = obj(y);
    if (!o || typeof o.year !== 'number' || typeof o.source !== 'string') continue;
    const c = obj(o.cite);
    const document = str(c?.document);
    out.push({ year: o.year, source: o.source, ...(document ? { cite: { document, ...(str(c?.date) ? { date: str(c?.date) } : {}), ...(str(c?.clause) ? { clause: str(c?.clause) } : {}) } } : {}) });
  }
  return out.length > 0 ? out : undefined;
}

/** One line on the calendar years a recorded deadline rested on: provisional ones with the statutory rule, host-added ones with their notice. */
export function calendarNote(years: CalendarYearView[] | undefined): string {
  return (years ?? [])
    .map((y) =>
      y.source === 'provisional'
        ? `provisional: ${y.year} not published, computed from ${y.cite ? `${y.cite.document}${y.cite.clause ? ` ${y.cite.clause}` : ''}` : 'the statutory holidays'}`
        : `${y.year} per ${y.cite?.document ?? 'the host calendar'}${y.cite?.date ? ` (${y.cite.date})` : ''}`,
    )
    .join('; ');
}

export interface TimelineEntry {
  version: number;
  position: number;
  at: string;
  type: string;
  actor: { id: string; role: string };
  rulePack?: string;
  commandId: string;
  /** A one-line summary of the event's data (masked; decisions left out). */
  details: string;
}

export interface StreamReport {
  streamId: string;
  integrity: { status: 'verified' } | { status: 'broken'; problem: LogProblem } | { status: 'not-checked'; reason: string };
  timeline: TimelineEntry[];
  decisions: DecisionView[];
  deadlines: DeadlineView[];
}

export interface Report {
  title: string;
  source: string;
  summary: {
    streams: number;
    events: number;
    decisions: number;
    deadlinesMet: number;
    deadlinesMissed: number;
    deadlinesOpen: number;
    brokenStreams: number;
  };
  streams: StreamReport[];
  /** Each stream's last version and hash, as stored: keep them and `certflow verify --heads` names any stream changed since. */
  heads: StreamHeadRecord[];
  /** The rule packs the events name, with the content hashes their decisions recorded. */
  packs: PackUsed[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function citation(v: unknown): CitationView | undefined {
  const c = obj(v);
  if (!c || typeof c.document !== 'string') return undefined;
  return { document: c.document, clause: str(c.clause) ?? '', text: str(c.text) ?? '' };
}

function packLabel(v: unknown): string | undefined {
  const p = obj(v);
  return p && typeof p.id === 'string' ? `${p.id}@${str(p.version) ?? '?'}` : undefined;
}

function finding(v: unknown): FindingView {
  const f = obj(v) ?? {};
  const cite = citation(f.cite);
  const message = str(f.message);
  const description = str(f.description);
  return {
    ruleId: str(f.ruleId) ?? '(no rule id)',
    outcome: str(f.outcome) ?? '(no outcome)',
    ...(message !== undefined ? { message } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(cite ? { cite } : {}),
  };
}

/** Every `decision` object (with findings) anywhere in an event's data, and items of `decisions` arrays. */
function findDecisions(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => findDecisions(v, out));
  const o = obj(value);
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    const d = obj(v);
    if (k === 'decision' && d && Array.isArray(d.findings)) out.push(d);
    else if (k === 'decisions' && Array.isArray(v)) v.forEach((x) => (obj(x) && Array.isArray(obj(x)!.findings) ? out.push(obj(x)!) : findDecisions(x, out)));
    else findDecisions(v, out);
  }
  return out;
}

/** Deadline records in an event's data: `deadline` objects and `deadlines` arrays with an `id`. */
function findDeadlines(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => findDeadlines(v, out));
  const o = obj(value);
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'deadline' && typeof obj(v)?.id === 'string') out.push(obj(v)!);
    else if (k === 'deadlines' && Array.isArray(v)) v.forEach((x) => (typeof obj(x)?.id === 'string' ? out.push(obj(x)!) : undefined));
    else findDeadlines(v, out);
  }
  return out;
}

function deadlineView(e: StoredEvent, d: Record<string, unknown>, missed: boolean): DeadlineView {
  const met = typeof d.met === 'boolean' ? d.met : d.status === 'missed' ? false : !missed;
  const due = str(d.due) ?? str(d.dueBy) ?? str(d.dueAt) ?? str(d.dueDate);
  const description = str(d.description);
  const cite = citation(d.cite);
  return {
    id: str(d.id) ?? str(d.deadlineId) ?? '(unnamed deadline)',
    status: met ? 'met' : 'missed',
    version: e.version,
    at: e.meta.at,
    eventType: e.type,
    ...(due !== undefined ? { due } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(cite ? { cite } : {}),
  };
}

/** Works out a stream's pack deadlines (see computeDeadlines); given when packs and a calendar are at hand. */
export type DeadlineOracle = (events: StoredEvent[]) => DeadlineView[];

function streamReport(streamId: string, events: StoredEvent[], integrity: StreamReport['integrity'], oracle?: DeadlineOracle): StreamReport {
  const timeline: TimelineEntry[] = [];
  const decisions: DecisionView[] = [];
  const deadlines: DeadlineView[] = [];
  for (const e of events) {
    const rulePack = packLabel(e.meta?.rulePack);
    timeline.push({
      version: e.version,
      position: e.position,
      at: e.meta.at,
      type: e.type,
      actor: { id: e.meta.actor?.id ?? '?', role: e.meta.actor?.role ?? '?' },
      ...(rulePack ? { rulePack } : {}),
      commandId: e.meta.commandId,
      details: briefData(e.data),
    });
    for (const d of findDecisions(e.data)) {
      const pack = packLabel(d.rulePack) ?? rulePack;
      decisions.push({
        version: e.version,
        at: e.meta.at,
        eventType: e.type,
        ...(str(d.outcome) ? { outcome: str(d.outcome)! } : {}),
        ...(pack ? { rulePack: pack } : {}),
        findings: (d.findings as unknown[]).map(finding),
      });
    }
    if (e.type === 'DeadlineMissed') {
      const data = obj(e.data) ?? {};
      const view = deadlineView(e, obj(data.deadline) ?? data, true);
      const calendar = calendarYears(data.calendar);
      if (data.provisional === true) view.provisional = true;
      if (calendar) view.calendar = calendar;
      if (calendar || view.provisional) view.detail = `v${e.version} DeadlineMissed; ${calendarNote(calendar) || 'provisional'}`;
      deadlines.push(view);
    } else if (e.type === 'DeadlineMissedWithdrawn') {
      // The miss it withdraws (the latest one recorded for that deadline) shows the withdrawal's outcome.
      const data = obj(e.data) ?? {};
      const id = str(data.deadlineId);
      const missed = deadlines.findLast((d) => d.id === id && d.eventType === 'DeadlineMissed' && !d.withdrawn);
      const due = str(data.due);
      if (missed && due) {
        const calendar = calendarYears(data.calendar);
        const outcome = data.outcome === 'met' ? 'met' : 'open';
        missed.withdrawn = { version: e.version, at: e.meta.at, due, ...(str(data.missedDue) ? { missedDue: str(data.missedDue) } : {}), ...(str(data.detectedOn) ? { detectedOn: str(data.detectedOn) } : {}), ...(calendar ? { calendar } : {}) };
        missed.detail = `v${missed.version} DeadlineMissed (due ${missed.due ?? '?'}${missed.provisional ? ', provisional' : ''}) withdrawn by v${e.version} on ${str(data.detectedOn) ?? '?'}: due ${due}${calendar ? ` — ${calendarNote(calendar)}` : ''}, ${outcome === 'met' ? `met (${str(data.doneOn) ?? 'step on time'})` : 'still open'}`;
        missed.status = outcome;
        missed.due = due;
      }
    } else for (const d of findDeadlines(e.data)) deadlines.push(deadlineView(e, d, false));
  }
  if (oracle && integrity.status !== 'broken') {
    const known = new Set(deadlines.map((d) => d.id));
    deadlines.push(...oracle(events).filter((d) => !known.has(d.id)));
  }
  return { streamId, integrity, timeline, decisions, deadlines };
}

const looksLikeEvent = (v: unknown): v is StoredEvent => {
  const e = obj(v);
  return !!e && typeof e.streamId === 'string' && typeof e.version === 'number' && typeof e.type === 'string' && !!obj(e.meta) && typeof obj(e.meta)!.at === 'string';
};

/**
 * Builds the report of a log: per stream its timeline, decisions with their
 * citations, deadlines and integrity. Every 身份证号 is masked before anything
 * is read from an event. Deterministic: the same log gives the same report.
 */
export function buildReport(
  rawEvents: unknown[],
  options: { source: string; masked?: boolean; title?: string; deadlines?: DeadlineOracle },
): Report {
  const integrity = new Map<string, LogProblem>();
  if (!options.masked) for (const p of verifyLog(rawEvents).problems) integrity.set(p.streamId, p);
  const byStream = new Map<string, StoredEvent[]>();
  let events = 0;
  for (const raw of rawEvents) {
    if (!looksLikeEvent(raw)) continue;
    const e = maskEvent(raw);
    events++;
    const list = byStream.get(e.streamId) ?? [];
    list.push(e);
    byStream.set(e.streamId, list);
  }
  const streams = [...byStream].map(([id, list]) => {
    const problem = integrity.get(id);
    const status: StreamReport['integrity'] = options.masked
      ? { status: 'not-checked', reason: 'masked export: hashes cannot be recomputed' }
      : problem
        ? { status: 'broken', problem }
        : { status: 'verified' };
    return streamReport(id, [...list].sort((a, b) => a.version - b.version), status, options.deadlines);
  });
  const count = (f: (s: StreamReport) => number) => streams.reduce((n, s) => n + f(s), 0);
  return {
    title: options.title ?? 'certflow audit report',
    source: options.source,
    summary: {
      streams: streams.length,
      events,
      decisions: count((s) => s.decisions.length),
      deadlinesMet: count((s) => s.deadlines.filter((d) => d.status === 'met').length),
      deadlinesMissed: count((s) => s.deadlines.filter((d) => d.status === 'missed').length),
      deadlinesOpen: count((s) => s.deadlines.filter((d) => d.status === 'open').length),
      brokenStreams: streams.filter((s) => s.integrity.status === 'broken').length,
    },
    streams,
    heads: logHeads(rawEvents),
    packs: packsUsed(rawEvents),
  };
}
