import {
  chinaLocalDate,
  createLogChecker,
  parsePersonalToken,
  PERSONAL_ERASED_DISPLAY,
  PERSONAL_WITHHELD_DISPLAY,
  positionRanges,
  type EventVerdict,
  type LogChecker,
  type LogProblem,
  type StoredEvent,
} from '@certflow/core';
import { headsCollector, packsCollector, type PackUsed, type StreamHeadRecord } from '../heads.js';
import { maskEvent, mayHoldIdNumber } from '../mask.js';
import { StreamIndexTable, type StreamIndex } from './streamIndex.js';
import type { ReportLocale } from './labels.js';
import {
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
  /**
   * Where the events are, when they are in a file other threads can read
   * (after every event was added): the file, and each stream's last record
   * (see `readSpilledStream`). Undefined while they are held in memory.
   */
  onDisk?(): SpillFile | undefined;
  close(): void;
}

/** A spill's file, written: other threads read a stream's events from it by its last record. */
export interface SpillFile {
  file: string;
  /** The byte offset and length of the stream's last record, undefined for a stream it does not hold. */
  locate(streamId: string): [offset: number, length: number] | undefined;
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
  index: StreamIndexTable;
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

/**
 * An event as the report shows it: every 身份证号 masked, and a format-2
 * event's tokens as their display forms (「已删除」 for an erased subject's,
 * *** without `display`).
 */
export function reportView(raw: StoredEvent, display: ReadonlyMap<string, string> | undefined): { e: StoredEvent } {
  // An event whose data and meta hold no run of 18 ID-number characters has nothing to mask: it is kept
  // as read. Only the others are copied by maskEvent.
  const masked = mayHoldIdNumber(raw.data) || mayHoldIdNumber(raw.meta) ? maskEvent(raw) : raw;
  return { e: masked.meta?.format === 2 ? { ...masked, data: showTokens(masked.data, display) } : masked };
}

/**
 * Counts an event into its stream's entry: one more event, the head (the
 * highest version read with a hash; of two alike, the later read), and the
 * first rule pack named (`pack` interns the reference).
 */
function countEvent(
  entry: { events: number; version: number; hash: string; pack?: { id: string; version: string } },
  raw: StoredEvent,
  pack: (ref: { id: string; version: string }) => { id: string; version: string },
): void {
  entry.events++;
  const hash = (raw as { hash?: unknown }).hash;
  if (typeof hash === 'string' && raw.version >= entry.version) {
    entry.version = raw.version;
    entry.hash = hash;
  }
  const ref = raw.meta.rulePack;
  if (!entry.pack && ref?.id) entry.pack = pack(ref);
}

/** What a stream's event says of its organization, as `link` reads it. */
export type StreamLink = ReturnType<typeof link>;

/** A stream of an index part: its counts in the part, and the links read while it named no organization or parent. */
export interface IndexPartStream {
  /** The stream's id; or, from a worker, `at`: the index of its first event's verdict in the range (its id is there). */
  id?: string;
  at?: number;
  events: number;
  version: number;
  hash: string;
  pack?: { id: string; version: string };
  links: StreamLink[];
}

/**
 * What a part of the log (a range of positions, read by a worker) adds to
 * the report's index: its streams in the order first read, its events, the
 * last meta.at, and the heads of the records that are no events.
 */
export interface IndexPart {
  streams: IndexPartStream[];
  events: number;
  lastAt: string;
  others: { streamId: unknown; version: unknown; hash: unknown }[];
}

/** A value the report's view of an event may show otherwise: one with a run of ID-number characters (masked), or a token. */
const shownOtherwise = (v: string | undefined) =>
  v !== undefined && (mayHoldIdNumber(v) || parsePersonalToken(v) !== undefined);

/**
 * `link` of the event as the report shows it (`reportView`), without making
 * that view when nothing it links is shown otherwise: masking and tokens
 * change only such values, so the event as read links alike.
 */
function linkAsShown(raw: StoredEvent, display: ReadonlyMap<string, string> | undefined): StreamLink {
  const l = link(raw);
  return shownOtherwise(l.org) || shownOtherwise(l.name) || shownOtherwise(l.parent)
    ? link(reportView(raw, display).e)
    : l;
}

/** Indexes a part of the log on its own (a worker's range): `reportCollector().addPart` adds it, in log order. */
export function indexPart(display: ReadonlyMap<string, string> | undefined): {
  /** An event, and the index of its verdict in the range (the stream's id is taken from there, one copy for both). */
  add(raw: unknown, verdict?: number): void;
  /** `byVerdict(at)`: whether the verdict at that index carries the stream's id (else the part names it). */
  result(byVerdict?: (at: number) => boolean): IndexPart;
} {
  const byId = new Map<string, IndexPartStream & { org?: string; parent?: string }>();
  let events = 0;
  let lastAt = '';
  const others: IndexPart['others'] = [];
  const same = (ref: { id: string; version: string }) => ({ id: ref.id, version: ref.version });
  return {
    add(raw, verdict) {
      if (!looksLikeEvent(raw)) {
        const r = raw as { streamId?: unknown; version?: unknown; hash?: unknown } | null;
        others.push({ streamId: r?.streamId, version: r?.version, hash: r?.hash });
        return;
      }
      events++;
      if (raw.meta.at > lastAt) lastAt = raw.meta.at;
      let entry = byId.get(raw.streamId);
      if (!entry) {
        entry = {
          id: raw.streamId,
          ...(verdict === undefined ? {} : { at: verdict }),
          events: 0,
          version: Number.NEGATIVE_INFINITY,
          hash: '',
          links: [],
        };
        byId.set(raw.streamId, entry);
      }
      countEvent(entry, raw, same);
      // The whole log's entry needs no more once it names both; the part keeps what it read until then.
      if (!entry.org || !entry.parent) {
        const l = linkAsShown(raw, display);
        entry.links.push(l);
        if (!entry.org && l.org) entry.org = l.org;
        if (!entry.parent && l.parent) entry.parent = l.parent;
      }
    },
    result: (byVerdict) => ({
      // A stream whose first event's verdict carries its id is named by that verdict's index: one copy of the id.
      streams: [...byId.values()].map(({ org: _org, parent: _parent, id, at, ...s }) =>
        at !== undefined && byVerdict?.(at) ? { at, ...s } : { id, ...s },
      ),
      events,
      lastAt,
      others,
    }),
  };
}

/** Starts a report: feed it every raw event of the log, in the order read (or the parts workers indexed, in order). */
export function reportCollector(
  options: ReportOptions,
  spill: EventSpill = memorySpill(),
): ReportCollector & {
  /**
   * A part of the log indexed by a worker (`indexPart`), with its events'
   * integrity verdicts, their stream ids by verdict (what a part's `at`
   * points into) and the packs they name.
   */
  addPart(
    part: IndexPart,
    verdicts: Iterable<EventVerdict>,
    streamIds: readonly (string | null)[],
    packsUsed: readonly PackUsed[],
  ): void;
} {
  const checker = options.masked ? undefined : createLogChecker({ positions: positionRanges() });
  // The heads of events the index does not take (no type or meta.at, but a stream, version and hash).
  const others = headsCollector();
  const packs = packsCollector();
  const index = new StreamIndexTable();
  const orgNames = new Map<string, string>();
  /** What an event says of its stream's organization, taken as one thread takes it: only what is not known yet. */
  const applyLink = (at: number, l: StreamLink) => {
    if (!index.orgAt(at) && l.org) index.setOrg(at, l.org);
    if (index.parentAt(at) === undefined && l.parent) index.setParent(at, l.parent);
    if (l.org && l.name && !orgNames.has(l.org)) orgNames.set(l.org, l.name);
  };
  /** Still linked from its events: it names no organization or no parent yet. */
  const linking = (at: number) => !index.orgAt(at) || index.parentAt(at) === undefined;
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
      const { e } = reportView(raw, options.display);
      events++;
      if (raw.meta.at > lastAt) lastAt = raw.meta.at;
      const at = index.slot(raw.streamId);
      index.count(at, 1);
      const hash = (raw as { hash?: unknown }).hash;
      if (typeof hash === 'string' && raw.version >= index.versionAt(at)) index.setHead(at, raw.version, hash);
      const ref = raw.meta.rulePack;
      if (!index.hasPack(at) && ref?.id) index.setPack(at, ref);
      if (linking(at)) applyLink(at, link(e));
      spill.add(e);
    },
    addPart(part, verdicts, streamIds, packsUsed) {
      if (checker) for (const v of verdicts) checker.apply(v);
      packs.merge(packsUsed);
      for (const o of part.others) others.add(o);
      events += part.events;
      if (part.lastAt > lastAt) lastAt = part.lastAt;
      for (const p of part.streams) {
        const at = index.slot(p.id ?? streamIds[p.at!]!);
        index.count(at, p.events);
        if (p.version >= index.versionAt(at)) index.setHead(at, p.version, p.hash);
        if (!index.hasPack(at) && p.pack) index.setPack(at, p.pack);
        // As one thread links: only while the stream names no organization or no parent.
        for (const l of p.links) if (linking(at)) applyLink(at, l);
      }
    },
    finish() {
      const asOf = options.asOf ?? (lastAt ? chinaLocalDate(lastAt) : '');
      // A certificate names its issuer; one that names only its exam belongs to the exam's organization.
      for (const [, at] of index.slots()) {
        const parent = index.parentAt(at);
        if (index.orgAt(at) || parent === undefined) continue;
        const of = index.find(parent);
        index.setOrg(at, of === undefined ? '' : index.orgAt(of));
      }
      index.sealStrings();
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

/** Counts the report's summary as organizations are built (or adds up the counts of parts of it, in report order). */
export function summaryCounter(totals: { streams: number; events: number }): {
  addOrganization(o: OrganizationReport): void;
  addBookkeeping(s: StreamReport): void;
  /** Adds the counts of a part of the report (organizations or bookkeeping streams counted apart), after those before it. */
  merge(part: ReportSummary): void;
  result(): ReportSummary;
} {
  const regions = new Map<string, { organizations: number; filings: number; exams: number; certificates: number }>();
  const filingsByState: Record<string, number> = {};
  const s: ReportSummary = {
    streams: totals.streams,
    events: totals.events,
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
  const regionOf = (name: string) => {
    let r = regions.get(name);
    if (!r) {
      r = { organizations: 0, filings: 0, exams: 0, certificates: 0 };
      regions.set(name, r);
    }
    return r;
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
      const r = regionOf(o.region);
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
    merge(p) {
      for (const pr of p.regions) {
        const r = regionOf(pr.name);
        r.organizations += pr.organizations;
        r.filings += pr.filings;
        r.exams += pr.exams;
        r.certificates += pr.certificates;
      }
      for (const [state, n] of Object.entries(p.filingsByState))
        filingsByState[state] = (filingsByState[state] ?? 0) + n;
      s.decisions += p.decisions;
      s.organizations += p.organizations;
      s.exams += p.exams;
      s.certificates += p.certificates;
      s.deadlinesMet += p.deadlinesMet;
      s.deadlinesMissed += p.deadlinesMissed;
      s.deadlinesOpen += p.deadlinesOpen;
      s.brokenStreams += p.brokenStreams;
      s.bookkeepingStreams += p.bookkeepingStreams;
      for (const r of p.refusals) s.refusals.push(r);
      for (const b of p.broken) s.broken.push(b);
    },
    result: () => ({ ...s, regions: [...regions].map(([name, r]) => ({ name, ...r })) }),
  };
}

/** What a stream's section is built with besides its events: the date deadlines are judged at, and the packs' words. */
export interface StreamContext {
  asOf: string;
  deadlines?: DeadlineOracle;
  wordFinding?: FindingWording;
}

/** A stream's section, from its events (in version order) and its integrity. */
export function buildStream(
  streamId: string,
  events: StoredEvent[],
  integrity: StreamReport['integrity'],
  ctx: StreamContext,
): StreamReport {
  return streamReport(streamId, events, integrity, ctx.asOf, ctx.deadlines, ctx.wordFinding);
}

/** A stream's integrity as the report shows it: not checked (a masked export of format 1), its first problem, or verified. */
export function integrityFrom(problem: LogProblem | undefined, checked: boolean): StreamReport['integrity'] {
  if (!checked) return { status: 'not-checked', reason: 'masked export: hashes cannot be recomputed' };
  return problem ? { status: 'broken', problem } : { status: 'verified' };
}

function build(plan: ReportPlan, streamId: string): StreamReport {
  return buildStream(
    streamId,
    plan.spill.events(streamId),
    integrityFrom(plan.problems?.get(streamId), plan.problems !== undefined),
    { asOf: plan.asOf, deadlines: plan.options.deadlines, wordFinding: plan.options.wordFinding },
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

/** An organization in report order, as the plan lists it. */
export type PlannedOrganization = ReportPlan['organizations'][number];

/** What an organization is built from: each of its streams' kind and parent, and each stream's section. */
export interface OrganizationStreams {
  kind(streamId: string): StreamKindName;
  parent(streamId: string): string | undefined;
  build(streamId: string): StreamReport;
}

/**
 * One organization's report from its streams (ids sorted): its filings with
 * their exams and certificates nested, and what belongs to none of them.
 */
export function organizationReport(
  o: PlannedOrganization,
  ids: string[],
  streams: OrganizationStreams,
): OrganizationReport {
  const byKind = (k: StreamKindName) => ids.filter((id) => streams.kind(id) === k);
  const certs = byKind('certificate').map((id) => certificate(streams.build(id)));
  const exams: ExamView[] = byKind('exam').map((id) => {
    const stream = streams.build(id);
    const examDate = field(stream, 'ExamPlanned', 'examDate');
    return {
      stream,
      ...(examDate ? { examDate } : {}),
      certificates: certs.filter((c) => streams.parent(c.streamId) === id),
    };
  });
  const filings: FilingView[] = byKind('application').map((id) => {
    const stream = streams.build(id);
    const filingNumber = field(stream, 'FilingCompleted', 'filingNumber');
    const validFrom = field(stream, 'FilingCompleted', 'validFrom');
    const validUntil = field(stream, 'FilingCompleted', 'validUntil');
    return {
      stream,
      ...(filingNumber ? { filingNumber } : {}),
      ...(validFrom ? { validFrom } : {}),
      ...(validUntil ? { validUntil: validUntil === '—' ? null : validUntil } : {}),
      exams: exams.filter((x) => streams.parent(x.stream.streamId) === id),
    };
  });
  const nested = new Set(filings.flatMap((f) => f.exams.map((x) => x.stream.streamId)));
  const underExam = new Set(exams.flatMap((x) => x.certificates.map((c) => c.streamId)));
  return {
    id: o.id,
    ...(o.name ? { name: o.name } : {}),
    region: o.region,
    anchor: o.anchor,
    filings,
    exams: exams.filter((x) => !nested.has(x.stream.streamId)),
    certificates: certs.filter((c) => !underExam.has(c.streamId)),
    other: byKind('other').map((id) => streams.build(id)),
  };
}

/** Each organization's streams (quota places aside), by organization id, each list sorted. */
export function membersOf(plan: ReportPlan): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const [id, entry] of plan.index) {
    if (entry.kind === 'quota') continue;
    const list = members.get(entry.org);
    if (list) list.push(id);
    else members.set(entry.org, [id]);
  }
  for (const list of members.values()) list.sort();
  return members;
}

/**
 * The organizations of a log in report order, each built from its streams'
 * events only when it is its turn: one organization's events in memory at a time.
 */
export function* organizations(plan: ReportPlan): Generator<OrganizationReport> {
  const members = membersOf(plan);
  const streams: OrganizationStreams = {
    kind: (id) => plan.index.kindOf(id)!,
    parent: (id) => plan.index.parentOf(id),
    build: (id) => build(plan, id),
  };
  for (const o of plan.organizations) yield organizationReport(o, members.get(o.id) ?? [], streams);
}

/** The bookkeeping streams' ids (quota places, serial numbers), sorted. */
export function bookkeepingIds(plan: ReportPlan): string[] {
  const ids: string[] = [];
  for (const [id, e] of plan.index) if (e.kind === 'quota') ids.push(id);
  return ids.sort();
}

/** The bookkeeping streams (quota places, serial numbers), one at a time. */
export function* bookkeeping(plan: ReportPlan): Generator<StreamReport> {
  for (const id of bookkeepingIds(plan)) yield build(plan, id);
}
