import type { PackUsed, StreamHeadRecord } from '../heads.js';
import {
  applicationMachine,
  certificateMachine,
  examMachine,
  foldEvents,
  stateLabel,
  streamKind,
  type LogProblem,
  type StoredEvent,
} from '@certflow/core';
import { detailFields, type DetailField } from './details.js';
import type { ReportLocale } from './labels.js';

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
  /** met or missed as of the report's date; open: its step not recorded and not yet due (or no due date could be computed). */
  status: 'met' | 'missed' | 'open';
  version: number;
  at: string;
  eventType: string;
  due?: string;
  description?: string;
  cite?: CitationView;
  /** For deadlines worked out from the pack: the step and its date against the due date; for a recorded miss, the calendar it rested on. */
  detail?: string;
  /**
   * Set where the due date rests on a year whose working-day arrangement is not
   * published yet (a deadline worked out now, or a recorded DeadlineMissed that
   * says so): the years, and what the date was computed from.
   */
  provisional?: { years: number[]; basis: string };
  /** The host-added and provisional calendar years a recorded DeadlineMissed (or its withdrawal) rested on, with their citations. */
  calendar?: CalendarYearView[];
  /** A recorded DeadlineMissed a later DeadlineMissedWithdrawn withdrew: the status is then the withdrawal's outcome (open or met). */
  withdrawn?: {
    version: number;
    at: string;
    due: string;
    missedDue?: string;
    detectedOn?: string;
    calendar?: CalendarYearView[];
  };
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
    out.push({
      year: o.year,
      source: o.source,
      ...(document
        ? {
            cite: {
              document,
              ...(str(c?.date) ? { date: str(c?.date) } : {}),
              ...(str(c?.clause) ? { clause: str(c?.clause) } : {}),
            },
          }
        : {}),
    });
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
  /** The event's data as labelled fields (masked; decisions left out). */
  fields: DetailField[];
}

/** What kind of stream: the three workflows, the bookkeeping streams (quota, serial numbers), or another. */
export type StreamKindName = 'application' | 'exam' | 'certificate' | 'quota' | 'other';

export interface StreamReport {
  streamId: string;
  kind: StreamKindName;
  /** The workflow's state after its events (dotted, e.g. `filed.active`); absent for bookkeeping streams. */
  state?: string;
  integrity:
    | { status: 'verified' }
    | { status: 'broken'; problem: LogProblem }
    | { status: 'not-checked'; reason: string };
  timeline: TimelineEntry[];
  decisions: DecisionView[];
  deadlines: DeadlineView[];
}

/** A certificate as the report lists it under its exam. */
export interface CertificateView {
  streamId: string;
  number: string;
  holder: string;
  idNumber: string;
  occupation: string;
  issuedOn: string;
  state: string;
  integrity: StreamReport['integrity']['status'];
  stream: StreamReport;
}

export interface ExamView {
  stream: StreamReport;
  examDate?: string;
  certificates: CertificateView[];
}

export interface FilingView {
  stream: StreamReport;
  filingNumber?: string;
  validFrom?: string;
  validUntil?: string | null;
  exams: ExamView[];
}

/** One organization: its filings, with their exams and certificates nested. */
export interface OrganizationReport {
  /** The applicant id the events name; `''` for streams that name none. */
  id: string;
  name?: string;
  region: string;
  /** The HTML anchor of its section. */
  anchor: string;
  filings: FilingView[];
  /** Exams whose filing is not in this log. */
  exams: ExamView[];
  /** Certificates whose exam is not in this log. */
  certificates: CertificateView[];
  /** Streams of other kinds. */
  other: StreamReport[];
}

export interface RefusalView {
  streamId: string;
  organization: string;
  /** The anchor of the organization's section (and, in a report of pages, the name of its page). */
  anchor: string;
  version: number;
  at: string;
  eventType: string;
  outcome: string;
  /** The findings that failed, with their clauses. */
  findings: FindingView[];
}

export interface RegionSummary {
  name: string;
  organizations: number;
  filings: number;
  exams: number;
  certificates: number;
}

export interface ReportSummary {
  streams: number;
  events: number;
  decisions: number;
  organizations: number;
  regions: RegionSummary[];
  /** Application streams by state (`filed.active`, `rejected`, …). */
  filingsByState: Record<string, number>;
  exams: number;
  certificates: number;
  refusals: RefusalView[];
  deadlinesMet: number;
  deadlinesMissed: number;
  deadlinesOpen: number;
  brokenStreams: number;
  /** The first broken event of each broken stream. */
  broken: { streamId: string; version: number | null; kind: string; anchor: string }[];
  /** Quota and serial-number streams (listed in the appendix). */
  bookkeepingStreams: number;
  /** Set in a report written as pages: the summary links to each organization's page. */
  linkPages?: boolean;
}

export interface ReportVersions {
  cli: string;
  core: string;
  /** The rule packs the report worked deadlines out with, `id@version`. */
  packs: string[];
}

/** The whole report, as `--format json` writes it (the footer's digest aside). */
export interface Report {
  title: string;
  locale: ReportLocale;
  source: string;
  /** The China date deadlines are judged at (YYYY-MM-DD). */
  asOf: string;
  summary: ReportSummary;
  organizations: OrganizationReport[];
  /** Quota and serial-number streams. */
  bookkeeping: StreamReport[];
  /** Each stream's last version and hash, as stored: keep them and `certflow verify --heads` names any stream changed since. */
  heads: StreamHeadRecord[];
  /** The rule packs the events name, with the content hashes their decisions recorded. */
  packs: PackUsed[];
  versions: ReportVersions;
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
export const obj = (v: unknown): Record<string, unknown> | undefined =>
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

/** Words a finding's message in the report's language (a pack's `./locales` texts); undefined leaves it as recorded. */
export type FindingWording = (message: string) => string | undefined;

function finding(v: unknown, word?: FindingWording): FindingView {
  const f = obj(v) ?? {};
  const cite = citation(f.cite);
  const recorded = str(f.message);
  const message = recorded !== undefined ? (word?.(recorded) ?? recorded) : undefined;
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
  if (Array.isArray(value)) for (const v of value) findDecisions(v, out);
  const o = obj(value);
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    const d = obj(v);
    if (k === 'decision' && d && Array.isArray(d.findings)) out.push(d);
    else if (k === 'decisions' && Array.isArray(v)) {
      for (const x of v) {
        const dx = obj(x);
        if (dx && Array.isArray(dx.findings)) out.push(dx);
        else findDecisions(x, out);
      }
    } else findDecisions(v, out);
  }
  return out;
}

/** Deadline records in an event's data: `deadline` objects and `deadlines` arrays with an `id`. */
function findDeadlines(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) findDeadlines(v, out);
  const o = obj(value);
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'deadline' && typeof obj(v)?.id === 'string') out.push(obj(v)!);
    else if (k === 'deadlines' && Array.isArray(v)) {
      for (const x of v) {
        const dx = obj(x);
        if (dx && typeof dx.id === 'string') out.push(dx);
      }
    } else findDeadlines(v, out);
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

/** Works out a stream's pack deadlines as of a China date (see computeDeadlines); given when packs and a calendar are at hand. */
export type DeadlineOracle = (events: StoredEvent[], asOf: string) => DeadlineView[];

const KINDS: Record<string, StreamKindName> = {
  application: 'application',
  exam: 'exam',
  certificate: 'certificate',
  quota: 'quota',
};

/** The kind of a stream, from its id. */
export function kindOf(streamId: string): StreamKindName {
  return KINDS[streamKind(streamId)] ?? 'other';
}

const MACHINES = { application: applicationMachine, exam: examMachine, certificate: certificateMachine } as const;

function stateOf(kind: StreamKindName, events: StoredEvent[]): string | undefined {
  if (kind !== 'application' && kind !== 'exam' && kind !== 'certificate') return undefined;
  try {
    return stateLabel(foldEvents(MACHINES[kind], events).value);
  } catch {
    // A history the machine cannot fold (a broken or foreign stream): no state is claimed.
    return undefined;
  }
}

/**
 * One stream's report from its (masked, version-ordered) events: timeline with
 * labelled fields, decisions, deadlines as of `asOf`, integrity and state.
 */
export function streamReport(
  streamId: string,
  events: StoredEvent[],
  integrity: StreamReport['integrity'],
  asOf: string,
  oracle?: DeadlineOracle,
  word?: FindingWording,
): StreamReport {
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
      fields: detailFields(e.data),
    });
    for (const d of findDecisions(e.data)) {
      const pack = packLabel(d.rulePack) ?? rulePack;
      decisions.push({
        version: e.version,
        at: e.meta.at,
        eventType: e.type,
        ...(str(d.outcome) ? { outcome: str(d.outcome)! } : {}),
        ...(pack ? { rulePack: pack } : {}),
        findings: (d.findings as unknown[]).map((f) => finding(f, word)),
      });
    }
    if (e.type === 'DeadlineMissed') {
      const data = obj(e.data) ?? {};
      const view = deadlineView(e, obj(data.deadline) ?? data, true);
      const calendar = calendarYears(data.calendar);
      if (data.provisional === true) {
        const years = (calendar ?? []).filter((y) => y.source === 'provisional');
        view.provisional = {
          years: years.map((y) => y.year),
          basis: years.find((y) => y.cite)?.cite?.document ?? 'the statutory holidays',
        };
      }
      if (calendar) view.calendar = calendar;
      if (calendar || view.provisional)
        view.detail = `v${e.version} DeadlineMissed; ${calendarNote(calendar) || 'provisional'}`;
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
        missed.withdrawn = {
          version: e.version,
          at: e.meta.at,
          due,
          ...(str(data.missedDue) ? { missedDue: str(data.missedDue) } : {}),
          ...(str(data.detectedOn) ? { detectedOn: str(data.detectedOn) } : {}),
          ...(calendar ? { calendar } : {}),
        };
        missed.detail = `v${missed.version} DeadlineMissed (due ${missed.due ?? '?'}${missed.provisional ? ', provisional' : ''}) withdrawn by v${e.version} on ${str(data.detectedOn) ?? '?'}: due ${due}${calendar ? ` — ${calendarNote(calendar)}` : ''}, ${outcome === 'met' ? `met (${str(data.doneOn) ?? 'step on time'})` : 'still open'}`;
        missed.status = outcome;
        missed.due = due;
      }
    } else for (const d of findDeadlines(e.data)) deadlines.push(deadlineView(e, d, false));
  }
  if (oracle && integrity.status !== 'broken') {
    const known = new Set(deadlines.map((d) => d.id));
    deadlines.push(...oracle(events, asOf).filter((d) => !known.has(d.id)));
  }
  const kind = kindOf(streamId);
  const state = integrity.status === 'broken' ? undefined : stateOf(kind, events);
  return { streamId, kind, ...(state ? { state } : {}), integrity, timeline, decisions, deadlines };
}

/** The decisions of a stream that refused: outcome ineligible, or a finding that failed. */
export function refusalsOf(s: StreamReport, organization: string, anchor: string): RefusalView[] {
  return s.decisions
    .filter((d) => d.outcome === 'ineligible' || d.findings.some((f) => f.outcome === 'fail'))
    .map((d) => ({
      streamId: s.streamId,
      organization,
      anchor,
      version: d.version,
      at: d.at,
      eventType: d.eventType,
      outcome: d.outcome ?? 'ineligible',
      findings: d.findings.filter((f) => f.outcome === 'fail'),
    }));
}

export const looksLikeEvent = (v: unknown): v is StoredEvent => {
  const e = obj(v);
  return (
    !!e &&
    typeof e.streamId === 'string' &&
    typeof e.version === 'number' &&
    typeof e.type === 'string' &&
    !!obj(e.meta) &&
    typeof obj(e.meta)!.at === 'string'
  );
};
