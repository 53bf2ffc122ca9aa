import {
  chinaLocalDate,
  createLogChecker,
  parsePersonalToken,
  PERSONAL_ERASED_DISPLAY,
  PERSONAL_WITHHELD_DISPLAY,
  positionRanges,
  type LogChecker,
  type LogProblem,
  type StoredEvent,
} from '@certflow/core';
import { headsCollector, packsCollector, type StreamHeadRecord } from '../heads.js';
import { maskEvent } from '../mask.js';
import type { ReportLocale } from './labels.js';
import {
  kindOf,
  looksLikeEvent,
  obj,
  refusalsOf,
  str,
  streamReport,
  type CertificateView,
  type DeadlineOracle,
  type ExamView,
  type FilingView,
  type OrganizationReport,
  type ReportSummary,
  type ReportVersions,
  type FindingWording,
  type StreamKindName,
  type StreamReport,
} from './model.js';

/**
 * Where the report keeps the (masked) events between reading the log and
 * writing the sections: in memory for a small log, on disk for a large one
 * (see `sqliteSpill`). Only one stream's events are asked for at a time.
 */
export interface EventSpill {
  /** An event, and its JSON when the caller has it already (`JSON.stringify(e)`). */
  add(e: StoredEvent, json?: string): void;
  /** One stream's events, in version order. */
  events(streamId: string): StoredEvent[];
  close(): void;
}

/** Keeps every event in memory, grouped by stream. */
export function memorySpill(): EventSpill {
  const byStream = new Map<string, StoredEvent[]>();
  return {
    add(e) {
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
    },
    events: (id) => [...(byStream.get(id) ?? [])].sort((a, b) => a.version - b.version),
    close: () => byStream.clear(),
  };
}

/** What the first pass remembers of each stream: a few fields, never its events. */
interface StreamIndex {
  kind: StreamKindName;
  org: string;
  parent?: string;
  pack?: { id: string; version: string };
  events: number;
  /** The stream's head: its highest version read (of two with one version, the later read) and that event's hash. */
  version: number;
  hash: string;
}

/** What the report needs to know of a rule pack: the region it is written for. */
export type RegionOf = (pack: { id: string; version: string }) => string | undefined;

export interface ReportOptions {
  /** The source's label, printed in the header. */
  source: string;
  locale?: ReportLocale;
  /** The events come from a masked export: hashes cannot be recomputed, so integrity is not checked. */
  masked?: boolean;
  title?: string;
  deadlines?: DeadlineOracle;
  /** The China date deadlines are judged at; default: the China date of the last event. */
  asOf?: string;
  region?: RegionOf;
  versions?: ReportVersions;
  /** Only this stream (and nothing else) goes into the report. */
  stream?: string;
  /** Words findings' messages in the report's language (the CLI passes its pack texts); default: as recorded. */
  wordFinding?: FindingWording;
  /**
   * The masked display forms of the tokens of format-2 events (from the
   * store's vault or the export's certflowPersonal lines). A token it does not
   * know is an erased subject's: shown as 「已删除」. Without it, tokens show `***`.
   */
  display?: ReadonlyMap<string, string>;
}

/** A copy of a format-2 event with each token replaced by its display form. */
function showTokens<T>(value: T, display: ReadonlyMap<string, string> | undefined): T {
  if (typeof value === 'string')
    return (
      parsePersonalToken(value)
        ? display
          ? (display.get(value) ?? PERSONAL_ERASED_DISPLAY)
          : PERSONAL_WITHHELD_DISPLAY
        : value
    ) as T;
  if (Array.isArray(value)) return value.map((v) => showTokens(v, display)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = showTokens(v, display);
    return out as T;
  }
  return value;
}

/** The first pass over a log: integrity, heads, packs, and one small index entry per stream. */
export interface ReportCollector {
  add(raw: unknown): void;
  finish(): ReportPlan;
}

/** What the second pass needs: the index, the spill, and what the first pass counted. */
export interface ReportPlan {
  options: ReportOptions;
  asOf: string;
  events: number;
  index: Map<string, StreamIndex>;
  orgNames: Map<string, string>;
  /** Organizations in report order: by region, then name, then id. */
  organizations: { id: string; name?: string; region: string; anchor: string }[];
  /**
   * The first problem of each broken stream, undefined for a masked export
   * (not checked). The checker itself (every stream's verified head) is not
   * kept past the first pass.
   */
  problems: ReadonlyMap<string, LogProblem> | undefined;
  spill: EventSpill;
  /** Each stream's last version and hash, sorted by stream id (made one at a time as they are read). */
  heads: () => Iterable<StreamHeadRecord>;
  packs: ReturnType<ReturnType<typeof packsCollector>['result']>;
}

/** The organization a stream's first events name, and the stream it belongs to. */
function link(e: StoredEvent): { org?: string; name?: string; parent?: string } {
  const d = obj(e.data) ?? {};
  const filing = obj(d.filing);
  const profile = obj(d.profile);
  const organization = obj(d.organization) ?? obj(profile?.organization);
  // The applicant acting on its own stream is the organization, where the data names none.
  const actor = e.meta.actor?.role === 'applicant' ? e.meta.actor.id : undefined;
  const org = str(d.applicantId) ?? str(filing?.applicantId) ?? str(d.issuedBy) ?? actor;
  const name =
    str(filing?.organizationName) ?? str(d.organizationName) ?? str(profile?.name) ?? str(organization?.name);
  const parent = str(filing?.streamId) ?? str(d.filingStreamId) ?? str(d.examStreamId);
  return { ...(org ? { org } : {}), ...(name ? { name } : {}), ...(parent ? { parent } : {}) };
}

const anchorOf = (i: number) => `org-${i + 1}`;

/** Each broken stream's first problem, as the checker found them. */
function firstProblems(checker: LogChecker): Map<string, LogProblem> {
  const out = new Map<string, LogProblem>();
  if (checker.broken.size === 0) return out;
  for (const p of checker.result().problems)
    if (checker.broken.has(p.streamId) && !out.has(p.streamId)) out.set(p.streamId, p);
  return out;
}

/** 18 characters a 身份证号 could be: what `maskEvent` looks for, and more. */
const MAYBE_ID_NUMBER = /\d{17}[\dXx]/;

/** The heads of the indexed streams and of the other events, by stream id. */
function* headsOf(
  index: ReadonlyMap<string, StreamIndex>,
  others: ReadonlyMap<string, { version: number; hash: string }>,
): Generator<StreamHeadRecord> {
  // Only the ids are sorted; each head is made as it is written.
  const ids: string[] = [];
  for (const [streamId, entry] of index)
    if (entry.version !== Number.NEGATIVE_INFINITY || others.has(streamId)) ids.push(streamId);
  for (const streamId of others.keys()) if (!index.has(streamId)) ids.push(streamId);
  ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const streamId of ids) {
    const entry = index.get(streamId);
    const other = others.get(streamId);
    if (other && (!entry || other.version > entry.version)) yield { streamId, ...other };
    else if (entry) yield { streamId, version: entry.version, hash: entry.hash };
  }
}

/** Starts a report: feed it every raw event of the log, in the order read. */
export function reportCollector(options: ReportOptions, spill: EventSpill = memorySpill()): ReportCollector {
  const checker = options.masked ? undefined : createLogChecker({ positions: positionRanges() });
  // The heads of events the index does not take (no type or meta.at, but a stream, version and hash).
  const others = headsCollector();
  const packs = packsCollector();
  const index = new Map<string, StreamIndex>();
  const orgNames = new Map<string, string>();
  // One copy of each organization id, parent stream id and pack reference however many streams name them.
  const strings = new Map<string, string>();
  const intern = (v: string) => {
    const hit = strings.get(v);
    if (hit !== undefined) return hit;
    strings.set(v, v);
    return v;
  };
  const packRefs = new Map<string, { id: string; version: string }>();
  let events = 0;
  let lastAt = '';
  return {
    add(raw) {
      if (options.stream !== undefined && (raw as { streamId?: unknown })?.streamId !== options.stream) return;
      checker?.check(raw);
      packs.add(raw);
      if (!looksLikeEvent(raw)) {
        others.add(raw);
        return;
      }
      // An event whose JSON has no run of 18 ID-number characters has nothing to mask: it is kept as read,
      // and its JSON is what the spill writes. Only the others are walked by maskEvent.
      const text = JSON.stringify(raw);
      const masked = MAYBE_ID_NUMBER.test(text) ? maskEvent(raw) : raw;
      const e = masked.meta?.format === 2 ? { ...masked, data: showTokens(masked.data, options.display) } : masked;
      events++;
      if (e.meta.at > lastAt) lastAt = e.meta.at;
      let entry = index.get(e.streamId);
      if (!entry) {
        entry = { kind: kindOf(e.streamId), org: '', events: 0, version: Number.NEGATIVE_INFINITY, hash: '' };
        index.set(e.streamId, entry);
      }
      entry.events++;
      const hash = (raw as { hash?: unknown }).hash;
      if (typeof hash === 'string' && raw.version >= entry.version) {
        entry.version = raw.version;
        entry.hash = hash;
      }
      const ref = e.meta.rulePack;
      if (!entry.pack && ref?.id) {
        const key = `${ref.id}@${ref.version}`;
        let pack = packRefs.get(key);
        if (!pack) {
          pack = { id: ref.id, version: ref.version };
          packRefs.set(key, pack);
        }
        entry.pack = pack;
      }
      if (!entry.org || !entry.parent) {
        const l = link(e);
        if (!entry.org && l.org) entry.org = intern(l.org);
        if (!entry.parent && l.parent) entry.parent = intern(l.parent);
        if (l.org && l.name && !orgNames.has(l.org)) orgNames.set(l.org, l.name);
      }
      spill.add(e, e === raw ? text : undefined);
    },
    finish() {
      strings.clear();
      const asOf = options.asOf ?? (lastAt ? chinaLocalDate(lastAt) : '');
      // A certificate names its issuer; one that names only its exam belongs to the exam's organization.
      for (const entry of index.values()) {
        if (!entry.org && entry.parent) entry.org = index.get(entry.parent)?.org ?? '';
      }
      const orgs = new Map<string, { region: string }>();
      for (const entry of index.values()) {
        if (entry.kind === 'quota' || orgs.has(entry.org)) continue;
        const region = (entry.pack && (options.region?.(entry.pack) ?? entry.pack.id)) ?? '';
        orgs.set(entry.org, { region });
      }
      const sorted = [...orgs]
        .map(([id, o]) => ({ id, region: o.region, name: orgNames.get(id) }))
        .sort(
          (a, b) =>
            (a.id === '' ? 1 : b.id === '' ? -1 : 0) ||
            a.region.localeCompare(b.region, 'zh-CN') ||
            (a.name ?? a.id).localeCompare(b.name ?? b.id, 'zh-CN') ||
            (a.id < b.id ? -1 : 1),
        );
      return {
        options,
        asOf,
        events,
        index,
        orgNames,
        organizations: sorted.map((o, i) => ({
          id: o.id,
          region: o.region,
          ...(o.name ? { name: o.name } : {}),
          anchor: anchorOf(i),
        })),
        problems: checker ? firstProblems(checker) : undefined,
        spill,
        heads: () => headsOf(index, others.heads),
        packs: packs.result(),
      };
    },
  };
}

/** Counts the report's summary as organizations are built. */
export function summaryCounter(plan: ReportPlan): {
  addOrganization(o: OrganizationReport): void;
  addBookkeeping(s: StreamReport): void;
  result(): ReportSummary;
} {
  const regions = new Map<string, { organizations: number; filings: number; exams: number; certificates: number }>();
  const filingsByState: Record<string, number> = {};
  const s: ReportSummary = {
    streams: plan.index.size,
    events: plan.events,
    decisions: 0,
    organizations: 0,
    regions: [],
    filingsByState,
    exams: 0,
    certificates: 0,
    refusals: [],
    deadlinesMet: 0,
    deadlinesMissed: 0,
    deadlinesOpen: 0,
    brokenStreams: 0,
    broken: [],
    bookkeepingStreams: 0,
  };
  const addStream = (st: StreamReport, org: string, anchor: string) => {
    s.decisions += st.decisions.length;
    for (const d of st.deadlines) {
      if (d.status === 'met') s.deadlinesMet++;
      else if (d.status === 'missed') s.deadlinesMissed++;
      else s.deadlinesOpen++;
    }
    if (st.integrity.status === 'broken') {
      s.brokenStreams++;
      s.broken.push({
        streamId: st.streamId,
        version: st.integrity.problem.version,
        kind: st.integrity.problem.kind,
        anchor,
      });
    }
    s.refusals.push(...refusalsOf(st, org, anchor));
  };
  return {
    addOrganization(o) {
      if (o.id) s.organizations++;
      const r = regions.get(o.region) ?? { organizations: 0, filings: 0, exams: 0, certificates: 0 };
      regions.set(o.region, r);
      if (o.id) r.organizations++;
      const exams = [...o.filings.flatMap((f) => f.exams), ...o.exams];
      const certificates = [...exams.flatMap((x) => x.certificates), ...o.certificates];
      r.filings += o.filings.length;
      r.exams += exams.length;
      r.certificates += certificates.length;
      s.exams += exams.length;
      s.certificates += certificates.length;
      for (const f of o.filings) {
        const state = f.stream.state ?? 'unknown';
        filingsByState[state] = (filingsByState[state] ?? 0) + 1;
        addStream(f.stream, o.id, o.anchor);
      }
      for (const x of exams) addStream(x.stream, o.id, o.anchor);
      for (const c of certificates) addStream(c.stream, o.id, o.anchor);
      for (const st of o.other) addStream(st, o.id, o.anchor);
    },
    addBookkeeping(st) {
      s.bookkeepingStreams++;
      addStream(st, '', 'appendix-bookkeeping');
    },
    result: () => ({ ...s, regions: [...regions].map(([name, r]) => ({ name, ...r })) }),
  };
}

function integrityOf(plan: ReportPlan, streamId: string): StreamReport['integrity'] {
  if (!plan.problems) return { status: 'not-checked', reason: 'masked export: hashes cannot be recomputed' };
  const problem = plan.problems.get(streamId);
  return problem ? { status: 'broken', problem } : { status: 'verified' };
}

function build(plan: ReportPlan, streamId: string): StreamReport {
  return streamReport(
    streamId,
    plan.spill.events(streamId),
    integrityOf(plan, streamId),
    plan.asOf,
    plan.options.deadlines,
    plan.options.wordFinding,
  );
}

function certificate(stream: StreamReport): CertificateView {
  const get = (k: string) => stream.timeline[0]?.fields.find((f) => f.key === k)?.value ?? '';
  return {
    streamId: stream.streamId,
    number: get('number'),
    holder: get('holder.name'),
    idNumber: get('holder.idNumber'),
    occupation: [get('occupation.code'), get('occupation.level')].filter(Boolean).join(' / '),
    issuedOn: get('issuedOn'),
    state: stream.state ?? '',
    integrity: stream.integrity.status,
    stream,
  };
}

const field = (s: StreamReport, type: string, key: string) =>
  s.timeline
    .filter((t) => t.type === type)
    .at(-1)
    ?.fields.find((f) => f.key === key)?.value;

/**
 * The organizations of a log in report order, each built from its streams'
 * events only when it is its turn: one organization's events in memory at a time.
 */
export function* organizations(plan: ReportPlan): Generator<OrganizationReport> {
  const members = new Map<string, string[]>();
  for (const [id, entry] of plan.index) {
    if (entry.kind === 'quota') continue;
    const list = members.get(entry.org);
    if (list) list.push(id);
    else members.set(entry.org, [id]);
  }
  for (const o of plan.organizations) {
    const ids = (members.get(o.id) ?? []).sort();
    const byKind = (k: StreamKindName) => ids.filter((id) => plan.index.get(id)!.kind === k);
    const certs = byKind('certificate').map((id) => certificate(build(plan, id)));
    const exams: ExamView[] = byKind('exam').map((id) => {
      const stream = build(plan, id);
      const examDate = field(stream, 'ExamPlanned', 'examDate');
      return {
        stream,
        ...(examDate ? { examDate } : {}),
        certificates: certs.filter((c) => plan.index.get(c.streamId)!.parent === id),
      };
    });
    const filings: FilingView[] = byKind('application').map((id) => {
      const stream = build(plan, id);
      const filingNumber = field(stream, 'FilingCompleted', 'filingNumber');
      const validFrom = field(stream, 'FilingCompleted', 'validFrom');
      const validUntil = field(stream, 'FilingCompleted', 'validUntil');
      return {
        stream,
        ...(filingNumber ? { filingNumber } : {}),
        ...(validFrom ? { validFrom } : {}),
        ...(validUntil ? { validUntil: validUntil === '—' ? null : validUntil } : {}),
        exams: exams.filter((x) => plan.index.get(x.stream.streamId)!.parent === id),
      };
    });
    const nested = new Set(filings.flatMap((f) => f.exams.map((x) => x.stream.streamId)));
    const underExam = new Set(exams.flatMap((x) => x.certificates.map((c) => c.streamId)));
    yield {
      id: o.id,
      ...(o.name ? { name: o.name } : {}),
      region: o.region,
      anchor: o.anchor,
      filings,
      exams: exams.filter((x) => !nested.has(x.stream.streamId)),
      certificates: certs.filter((c) => !underExam.has(c.streamId)),
      other: byKind('other').map((id) => build(plan, id)),
    };
  }
}

/** The bookkeeping streams (quota places, serial numbers), one at a time. */
export function* bookkeeping(plan: ReportPlan): Generator<StreamReport> {
  const ids: string[] = [];
  for (const [id, e] of plan.index) if (e.kind === 'quota') ids.push(id);
  ids.sort();
  for (const id of ids) yield build(plan, id);
}
