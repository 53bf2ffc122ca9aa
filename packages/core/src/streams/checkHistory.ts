import type { AnyMachineSnapshot } from 'xstate';
import { STREAM_ID_PATTERN, type StoredEvent, type StreamKind } from '../event.js';
import { foldEventsStrict, machines, stateLabel } from './fold.js';
import { eventDataIssues } from './catalogue.js';
import type { ValidationIssue } from '../errors.js';

/** The rules `checkHistory` holds a log to; each violation names one. */
export type HistoryRule =
  | 'event-type' // a type its stream kind does not hold
  | 'event-data' // data that is not what the engine writes for its type
  | 'machine-accepts' // the machine does not accept the event in the state it was appended in
  | 'certificate-number' // a certificate stream's id is not `certificate-<its number>`
  | 'certificate-listed' // the exam it names does not list this certificate for this holder
  | 'certificate-passed' // its holder is not a candidate who passed that exam
  | 'certificate-after-results' // issued before the exam's results were confirmed and certificates listed
  | 'exam-filing-active' // an exam planned, or its certificates issued, while the filing was not active
  | 'quota-place-held' // a filing (or scope change) names a quota place it did not hold at the time
  | 'quota-max'; // a quota stream gave more places than its maximum at once

export interface HistoryViolation {
  streamId: string;
  version: number;
  position: number;
  type: string;
  rule: HistoryRule;
  detail: string;
}

export interface HistoryResult {
  ok: boolean;
  violations: HistoryViolation[];
}

interface Stream {
  kind: StreamKind;
  events: StoredEvent[];
}

const kindOf = (streamId: string): StreamKind | undefined =>
  STREAM_ID_PATTERN.exec(streamId)?.[1] as StreamKind | undefined;
const data = (e: StoredEvent | undefined) => (e?.data ?? {}) as Record<string, unknown>;

/** The state of a stream just before a global position (its events below it, folded). */
function stateBefore(stream: Stream | undefined, position: number): string | undefined {
  if (!stream || stream.kind === 'quota') return undefined;
  const before = stream.events.filter((e) => e.position < position);
  if (before.length === 0) return 'draft';
  return stateLabel(foldEventsStrict(machines[stream.kind], before).snapshot.value);
}

/** A stream as the checks read it: its events that name it, with a type and a version, in version order (undefined: none, or not a stream id). */
function asStream(streamId: string, events: Iterable<StoredEvent>): Stream | undefined {
  const kind = kindOf(streamId);
  if (!kind) return undefined;
  const list: StoredEvent[] = [];
  for (const e of events)
    if (e?.streamId === streamId && typeof e.type === 'string' && typeof e.version === 'number') list.push(e);
  if (list.length === 0) return undefined;
  list.sort((a, b) => a.version - b.version);
  return { kind, events: list };
}

/**
 * The other streams whose events `checkStreamHistory` reads to check this
 * stream's: the filing an exam was planned under, the exam a certificate
 * names, the quota streams a filing (or scope change) names.
 */
export function historyReferences(streamId: string, events: Iterable<StoredEvent>): string[] {
  const s = asStream(streamId, events);
  const out = new Set<string>();
  if (!s) return [];
  for (const e of s.events) {
    const d = data(e);
    if (s.kind === 'exam' && e.type === 'ExamPlanned') out.add(String(d.filingStreamId ?? ''));
    if (s.kind === 'certificate' && e.type === 'CertificateIssued') out.add(String(d.examStreamId ?? ''));
    if (
      s.kind === 'application' &&
      (e.type === 'FilingCompleted' || e.type === 'ScopeAmended') &&
      Array.isArray(d.quotaPlaces)
    ) {
      for (const place of d.quotaPlaces as unknown[]) out.add(String(place));
    }
  }
  out.delete(streamId);
  out.delete('');
  return [...out];
}

/**
 * `checkHistory` for one stream: its events (any order; those of other
 * streams are ignored) and a lookup for the events of the streams it refers
 * to (`historyReferences`; undefined for a stream not in the log). The same
 * rules as `checkHistory`, which runs this over every stream of a log, so a
 * log read stream by stream from a store is checked in memory bounded by a
 * stream and the streams it names. Violations in the stream's version order.
 */
export function checkStreamHistory(
  streamId: string,
  events: Iterable<StoredEvent>,
  lookup: (streamId: string) => Iterable<StoredEvent> | undefined,
  options: {
    /**
     * The catalogue's issues with an event's data (`eventDataIssues` of its
     * stream kind, type, data and format), when already found elsewhere (a
     * worker thread); undefined: found here.
     */
    dataIssues?: (event: StoredEvent) => readonly ValidationIssue[] | undefined;
    /**
     * Called with the machine's snapshot after the stream's last event when
     * every event of it has valid data and was accepted by its machine in
     * turn: then it is the snapshot the engine's fold of the same events
     * gives (`engine.load`), and `events` is how many were folded.
     */
    folded?: (snapshot: AnyMachineSnapshot, events: number) => void;
  } = {},
): HistoryViolation[] {
  const s = asStream(streamId, events);
  if (!s) return [];
  const others = new Map<string, Stream | undefined>();
  const streams = {
    get(id: string): Stream | undefined {
      if (id === streamId) return s;
      if (!others.has(id)) {
        const found = lookup(id);
        others.set(id, found ? asStream(id, found) : undefined);
      }
      return others.get(id);
    },
  };
  const violations: HistoryViolation[] = [];
  const report = (e: StoredEvent, rule: HistoryRule, detail: string) =>
    violations.push({ streamId: e.streamId, version: e.version, position: e.position, type: e.type, rule, detail });

  // 1. Each event: its type and data, and its machine's acceptance.
  const valid: StoredEvent[] = [];
  for (const e of s.events) {
    const issues = options.dataIssues?.(e) ?? eventDataIssues(s.kind, e.type, e.data, e.meta?.format);
    if (issues.length > 0) {
      const rule = issues[0]!.code === 'unknown_event_type' ? 'event-type' : 'event-data';
      report(e, rule, issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    } else valid.push(e);
  }
  if (s.kind !== 'quota') {
    const { snapshot, rejected } = foldEventsStrict(machines[s.kind], valid);
    for (const r of rejected) {
      report(valid[r.index]!, 'machine-accepts', `the ${s.kind} machine does not accept ${r.type} in state ${r.state}`);
    }
    if (options.folded && rejected.length === 0 && valid.length === s.events.length)
      options.folded(snapshot, valid.length);
  }

  // 2. Facts that span streams.
  for (const e of s.events) {
    const d = data(e);
    if (s.kind === 'certificate' && e.type === 'CertificateIssued') checkCertificate(streams, streamId, e, d, report);
    if (s.kind === 'exam' && e.type === 'ExamPlanned') {
      const filingId = String(d.filingStreamId ?? '');
      const state = stateBefore(streams.get(filingId), e.position);
      if (state !== 'filed.active')
        report(
          e,
          'exam-filing-active',
          `planned under ${filingId}, which was ${state ?? 'not in the log'} at the time`,
        );
    }
    if (s.kind === 'exam' && e.type === 'CertificatesIssued') {
      const plan = s.events.find((x) => x.type === 'ExamPlanned');
      const filingId = String(data(plan).filingStreamId ?? '');
      const state = stateBefore(streams.get(filingId), e.position);
      if (state !== 'filed.active')
        report(
          e,
          'exam-filing-active',
          `certificates issued under ${filingId}, which was ${state ?? 'not in the log'} at the time`,
        );
    }
    if (
      s.kind === 'application' &&
      (e.type === 'FilingCompleted' || e.type === 'ScopeAmended') &&
      Array.isArray(d.quotaPlaces)
    ) {
      for (const place of d.quotaPlaces as unknown[]) {
        const held = holdsAt(streams.get(String(place)), streamId, e.position);
        if (!held)
          report(
            e,
            'quota-place-held',
            `names quota place ${String(place)}, which ${streamId} did not hold at the time`,
          );
      }
    }
    if (s.kind === 'quota' && e.type === 'QuotaPlaceReserved') {
      const holders = holdersAt(s, e.position);
      const max = Number(d.max);
      if (holders.has(String(d.holder))) report(e, 'quota-max', `${String(d.holder)} already holds a place here`);
      else if (holders.size + 1 > max)
        report(e, 'quota-max', `a place beyond the maximum of ${max}: held by ${[...holders].join(', ')}`);
    }
  }
  return violations;
}

/** Violations in log order (position, then stream id), as `checkHistory` gives them. */
export function sortViolations(violations: HistoryViolation[]): HistoryViolation[] {
  return violations.sort((a, b) => a.position - b.position || (a.streamId < b.streamId ? -1 : 1));
}

/**
 * Checks a log's history, not just its hashes: every event is one its stream
 * kind holds, with data valid for its type (the event catalogue); every event
 * is one its machine accepts in the state it was appended in; and the facts
 * that span streams hold: a certificate stream is named after its number, its
 * exam lists it for its holder, who passed; certificates come after confirmed
 * results, under a filing active at the time; exams are planned under an
 * active filing; quota places a filing names were held at the time and no
 * quota gave more places than its maximum at once.
 *
 * Events are grouped by stream and taken in version order; the envelope and
 * hash chain are verifyLog's job. Each violation names stream, version and rule.
 * For a log too large to hold, check it stream by stream with `checkStreamHistory`.
 */
export function checkHistory(events: Iterable<StoredEvent>): HistoryResult {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const kind = typeof e?.streamId === 'string' ? kindOf(e.streamId) : undefined;
    if (!kind || typeof e.type !== 'string' || typeof e.version !== 'number') continue;
    let list = byStream.get(e.streamId);
    if (!list) {
      list = [];
      byStream.set(e.streamId, list);
    }
    list.push(e);
  }
  const violations: HistoryViolation[] = [];
  for (const [streamId, list] of byStream)
    violations.push(...checkStreamHistory(streamId, list, (id) => byStream.get(id)));
  sortViolations(violations);
  return { ok: violations.length === 0, violations };
}

/** Holders of a quota stream's places just before a position. */
function holdersAt(quota: Stream, position: number): Set<string> {
  const holders = new Set<string>();
  for (const e of quota.events) {
    if (e.position >= position) break;
    const d = data(e);
    if (e.type === 'QuotaPlaceReserved') holders.add(String(d.holder));
    if (e.type === 'QuotaPlaceReleased') holders.delete(String(d.holder));
  }
  return holders;
}

function holdsAt(quota: Stream | undefined, holder: string, position: number): boolean {
  return !!quota && quota.kind === 'quota' && holdersAt(quota, position).has(holder);
}

function checkCertificate(
  streams: { get(streamId: string): Stream | undefined },
  streamId: string,
  e: StoredEvent,
  d: Record<string, unknown>,
  report: (e: StoredEvent, rule: HistoryRule, detail: string) => void,
): void {
  const number = String(d.number ?? '');
  if (streamId !== `certificate-${number}`)
    report(e, 'certificate-number', `the stream holds certificate number ${number}`);
  const examId = String(d.examStreamId ?? '');
  const exam = streams.get(examId);
  const issued = exam?.events.find((x) => x.type === 'CertificatesIssued');
  const listed = (
    data(issued).certificates as { number?: unknown; idNumber?: unknown; name?: unknown }[] | undefined
  )?.find((c) => c?.number === number);
  const holder = (d.holder ?? {}) as { idNumber?: unknown; name?: unknown };
  if (!issued || issued.position > e.position) {
    report(
      e,
      'certificate-after-results',
      `${examId} had not confirmed its results and listed its certificates before this one was issued`,
    );
  } else if (!listed) {
    report(e, 'certificate-listed', `${examId} does not list certificate ${number}`);
  } else if (listed.idNumber !== holder.idNumber || listed.name !== holder.name) {
    report(e, 'certificate-listed', `${examId} lists certificate ${number} for another holder`);
  }
  const results = exam?.events.filter((x) => x.type === 'ResultsRecorded' && x.position < e.position).at(-1);
  const passed = (data(results).results as { idNumber?: unknown; passed?: unknown }[] | undefined)?.some(
    (r) => r?.idNumber === holder.idNumber && r.passed === true,
  );
  if (!passed) report(e, 'certificate-passed', `its holder is not a candidate who passed ${examId}`);
  const plan = exam?.events.find((x) => x.type === 'ExamPlanned');
  const occ = data(plan).occupation as { code?: unknown; level?: unknown } | undefined;
  const mine = d.occupation as { code?: unknown; level?: unknown } | undefined;
  if (occ && (occ.code !== mine?.code || occ.level !== mine?.level)) {
    report(
      e,
      'certificate-listed',
      `its occupation ${String(mine?.code)} level ${String(mine?.level)} is not the exam's (${String(occ.code)} level ${String(occ.level)})`,
    );
  }
}
