import {
  checkStreamHistory,
  createEngine,
  createLogChecker,
  historyReferences,
  positionRanges,
  sortViolations,
  stateLabel,
  type EventStore,
  type HistoryViolation,
  type LogProblem,
  type StoredEvent,
  type ValidationIssue,
} from '@certflow/core';
import type { Progress } from '../progress.js';
import { WorkersFailed } from '../parallelVerify.js';
import { examinedRanges, type Examined } from './parallel.js';
import { logStore } from './logStore.js';
import type { PackSet } from './packs.js';
import { DECISION_RECIPES, reevaluate, recordedDecision, type DecisionComparison } from './recheck.js';

export interface ReplayResult {
  ok: boolean;
  source: string;
  events: number;
  /** Integrity problems (verifyLog): a replay of a broken log is not evidence. */
  integrity: LogProblem[];
  /**
   * The history checked, not just the hashes (checkHistory): events their
   * machine does not accept in their state, data not valid for its type, and
   * facts across streams that do not hold. Each names stream, version and rule.
   */
  history: HistoryViolation[];
  /** Each rebuilt stream's version and state (empty when the replay was asked for counts only: `listStreams: false`). */
  streams: { streamId: string; version: number; state: string }[];
  /** How many streams were rebuilt, by state. */
  states: Record<string, number>;
  /** The same counts by stream kind (application, exam, certificate), then state: a state's name is its machine's. */
  statesByKind: Record<string, Record<string, number>>;
  /** How many streams were rebuilt. */
  rebuilt: number;
  /** Streams the machines could not fold. */
  failed: { streamId: string; error: string }[];
  decisions: {
    rechecked: number;
    /** Decisions whose re-evaluation under their own recorded pack version differs: a problem. */
    mismatched: DecisionComparison[];
    /**
     * Recorded with a hash no known build of that version produced (same id
     * and version, other content). Not an integrity problem of the log: the
     * log is intact, the pack that wrote it is not the one available.
     */
    packChanged: {
      streamId: string;
      version: number;
      pack: string;
      recordedHash: string;
      availableHash: string;
      knownHashes: string[];
    }[];
    /** Decisions recorded by an earlier known build of the version (e.g. 1.0.0 before packs carried a source digest): information. */
    knownBuild: number;
    /** Recorded under a pack version that is not available to this replay. */
    unavailable: { streamId: string; version: number; pack: string }[];
    /** Decisions recorded by an event type replay has no recipe for. */
    unsupported: { streamId: string; version: number; eventType: string }[];
    /** Decisions whose facts could not be rebuilt (e.g. the filing an exam plan names is missing). */
    errors: { streamId: string; version: number; error: string }[];
  };
  /** With `--under`: what every decision of that pack's id would be under the other version. */
  under?: { pack: string; compared: number; changed: DecisionComparison[] };
}

/**
 * A log to replay: its events in log order, read once, and a read-only store
 * over the same events that the engine and the history checks read streams
 * from (the source store itself, or a spilled copy of a JSONL export).
 */
export interface ReplayInput {
  events: AsyncIterable<unknown> | Iterable<unknown>;
  store: EventStore;
  /** How many events, when known (progress). */
  total?: number;
  /**
   * The store holds at most one event per stream and version, and `events`
   * is its own log (a certflow store and its readAll, or a spilled export
   * in which no version repeats and its read): a stream's events can
   * then be kept from the log pass until its last version has been read, and
   * its history checked and its state rebuilt from them without reading the
   * stream from the store again.
   */
  oneEventPerVersion?: boolean;
  /**
   * A SQLite file that `store` reads in place and `events` is the readAll
   * of: `threads` worker threads read it again in ranges of positions and
   * examine each event on their own (the integrity verdict and the
   * catalogue's check of its data), while this thread checks histories,
   * folds streams and re-evaluates decisions. The same findings as one
   * thread; throws WorkersFailed when the workers cannot do it.
   */
  parallel?: { file: string; threads: number };
}

/** Events of open streams kept from the log pass, at most (past it, the longest-open streams are read from the store again). */
const KEPT_EVENTS = 10_000;

/** Streams of other streams' history checks kept read, most recently used last. */
const REFERENCED_CACHE = 256;

/** Events of the log pass taken at a time: the last versions of the streams they open are asked at once (`streamVersions`), when the store can answer many. */
const LOOK_AHEAD = 200;

/**
 * Rebuilds every stream through its machine and re-evaluates every recorded
 * decision under the pack version it names; with `under`, also under another
 * version of the same pack, to show what would change.
 *
 * The log is read once, in log order, and each event is dropped once checked:
 * integrity as `verifyLogStream` checks it (one head per stream), and on the
 * first event of each stream its history (`checkStreamHistory`, the stream
 * and the streams it names read from the store, the last ${REFERENCED_CACHE} of those
 * kept) and its rebuilt state (the engine loads it from the store). Memory is
 * bounded by the streams (a head, the stream id, the rebuilt state's summary
 * in the result) and by what is found, not by the events. An array of events
 * is replayed from memory.
 */
export async function replayLog(
  input: StoredEvent[] | ReplayInput,
  options: {
    source: string;
    packs: PackSet;
    under?: { id: string; version: string };
    progress?: Progress;
    /** false: count the rebuilt streams by state without listing each (a list as long as the streams). Default true. */
    listStreams?: boolean;
    /** With `oneEventPerVersion`: how many events of open streams to keep at most. Default ${KEPT_EVENTS}. */
    keptEvents?: number;
    /**
     * false: rebuild each stream's state with the engine's own load, never
     * from the history check's fold of the same events (which is the
     * engine's when every event of the stream is valid and accepted). Default
     * true; the results are the same (held to each other by the tests).
     */
    foldOnce?: boolean;
  },
): Promise<ReplayResult> {
  const log: ReplayInput = Array.isArray(input)
    ? { events: input, store: logStore(input), total: input.length }
    : input;
  const checker = createLogChecker({ positions: positionRanges() });
  const history: HistoryViolation[] = [];
  const result: ReplayResult = {
    ok: true,
    source: options.source,
    events: 0,
    integrity: [],
    history,
    streams: [],
    states: {},
    statesByKind: {},
    rebuilt: 0,
    failed: [],
    decisions: {
      rechecked: 0,
      mismatched: [],
      packChanged: [],
      knownBuild: 0,
      unavailable: [],
      unsupported: [],
      errors: [],
    },
  };
  const target = options.under ? options.packs.find(options.under.id, options.under.version) : undefined;
  if (target) result.under = { pack: `${target.id}@${target.version}`, compared: 0, changed: [] };

  // The streams read last (a stream's own events are read for its history check, then again
  // by the engine's load; an exam is named by each of its certificates): kept, most recent last.
  const recent = new Map<string, StoredEvent[]>();
  const readStream = async (streamId: string): Promise<StoredEvent[]> => {
    const hit = recent.get(streamId);
    if (hit) {
      recent.delete(streamId);
      recent.set(streamId, hit);
      return hit;
    }
    const events = await log.store.readStream(streamId);
    recent.set(streamId, events);
    if (recent.size > REFERENCED_CACHE) recent.delete(recent.keys().next().value!);
    return events;
  };
  const source = log.store;
  const store: EventStore = {
    append: (...a) => source.append(...a),
    importEvents: (...a) => source.importEvents(...a),
    subscribe: (...a) => source.subscribe(...a),
    readAll: (...a) => source.readAll(...a),
    streamVersion: (...a) => source.streamVersion(...a),
    ...(source.streamVersions ? { streamVersions: (ids: readonly string[]) => source.streamVersions!(ids) } : {}),
    close: () => source.close(),
    async readStream(streamId, range = {}) {
      const from = range.fromVersion ?? 1;
      const to = range.toVersion ?? Number.POSITIVE_INFINITY;
      return (await readStream(streamId)).filter((e) => e.version >= from && e.version <= to);
    },
  };
  const engine = createEngine({ store, rulePacks: options.packs.all() });
  const readReferenced = async (streamId: string) => {
    const events = await readStream(streamId);
    return events.length > 0 ? events : undefined;
  };

  const seen = new Set<string>();
  // The ordinal of the first stream (in first-event order) that counted each state, so the counts
  // list the states in that order however late a stream was rebuilt.
  const stateFirstAt = new Map<string, number>();
  const firstAt = (key: string, at: number) => {
    const was = stateFirstAt.get(key);
    if (was === undefined || at < was) stateFirstAt.set(key, at);
  };
  const firstOfStream = async (
    streamId: string,
    kept?: StoredEvent[],
    at = 0,
    dataIssues?: (e: StoredEvent) => readonly ValidationIssue[] | undefined,
  ) => {
    if (kept) {
      recent.delete(streamId);
      recent.set(streamId, kept);
      if (recent.size > REFERENCED_CACHE) recent.delete(recent.keys().next().value!);
    }
    const own = await readStream(streamId);
    const others = new Map<string, StoredEvent[] | undefined>();
    for (const id of historyReferences(streamId, own)) others.set(id, await readReferenced(id));
    // The history check's fold of the stream, when it is the engine's (every event valid and accepted).
    let folded: { version: number; state: string } | undefined;
    history.push(
      ...checkStreamHistory(streamId, own, (id) => others.get(id), {
        ...(dataIssues && own === kept ? { dataIssues } : {}),
        folded: (snapshot, n) => {
          if (n === own.length && options.foldOnce !== false)
            folded = { version: n, state: stateLabel(snapshot.value) };
        },
      }),
    );
    if (streamId.startsWith('quota-')) return;
    try {
      const s = folded ?? (await engine.load(streamId));
      if (options.listStreams !== false) result.streams.push({ streamId, version: s.version, state: s.state });
      result.states[s.state] = (result.states[s.state] ?? 0) + 1;
      const kind = streamId.slice(0, streamId.indexOf('-'));
      const byKind = result.statesByKind[kind] ?? {};
      result.statesByKind[kind] = byKind;
      byKind[s.state] = (byKind[s.state] ?? 0) + 1;
      firstAt(s.state, at);
      firstAt(`${kind}\0${s.state}`, at);
      firstAt(`\0kind\0${kind}`, at);
      result.rebuilt++;
    } catch (e) {
      result.failed.push({ streamId, error: (e as Error)?.message ?? String(e) });
    }
  };

  // With one event per version: each stream is checked and rebuilt once its last version has
  // been read in the log pass (its events kept until then, KEPT_EVENTS at most in all), and
  // what it found is listed in the order of the streams' first events as before.
  interface OpenStream {
    ordinal: number;
    last: number;
    read: number;
    events: StoredEvent[] | undefined;
    /** With workers: the catalogue's issues with each kept event's data, as a worker found them (undefined: not examined there). */
    issues: (readonly ValidationIssue[] | undefined)[];
  }
  const open = log.oneEventPerVersion ? new Map<string, OpenStream>() : undefined;
  // The open streams whose events are kept, longest open first.
  const keeping = new Map<string, OpenStream>();
  const keepAtMost = options.keptEvents ?? KEPT_EVENTS;
  let kept = 0;
  let ordinal = 0;
  const order = new Map<string, number>();
  // The last versions of the streams a chunk of the log pass opens, asked before the chunk is
  // taken (in one call when the store can answer many), so each stream closes at its last event.
  const batched = typeof log.store.streamVersions === 'function';
  const lastKnown = new Map<string, number>();
  const lookAhead = async (chunk: readonly unknown[]) => {
    if (!open || !batched) return;
    const ids: string[] = [];
    for (const raw of chunk) {
      const streamId = (raw as { streamId?: unknown } | null)?.streamId;
      if (typeof streamId !== 'string' || seen.has(streamId) || lastKnown.has(streamId)) continue;
      lastKnown.set(streamId, 0);
      ids.push(streamId);
    }
    if (ids.length === 0) return;
    const lasts = await log.store.streamVersions!(ids);
    for (let i = 0; i < ids.length; i++) lastKnown.set(ids[i]!, lasts[i]!);
  };
  const opened = async (streamId: string, n: number) => {
    const known = lastKnown.get(streamId);
    if (known !== undefined) lastKnown.delete(streamId);
    const last = known ?? (await log.store.streamVersion(streamId));
    const s: OpenStream = { ordinal: n, last, read: 0, events: [], issues: [] };
    open!.set(streamId, s);
    keeping.set(streamId, s);
  };
  const close = async (streamId: string, s: OpenStream, events: StoredEvent[] | undefined) => {
    open!.delete(streamId);
    keeping.delete(streamId);
    const before = { streams: result.streams.length, failed: result.failed.length };
    const issues = s.issues;
    const dataIssues = events
      ? (e: StoredEvent) => (events[e.version - 1] === e ? issues[e.version - 1] : undefined)
      : undefined;
    await firstOfStream(streamId, events, s.ordinal, dataIssues);
    if (result.streams.length > before.streams || result.failed.length > before.failed) order.set(streamId, s.ordinal);
  };
  // A stream whose last version has been read: checked and rebuilt from its kept events (or the store's).
  const closeIfRead = async (streamId: string, s: OpenStream): Promise<boolean> => {
    if (s.read < s.last) return false;
    const events = s.events && s.events.length === s.last ? s.events : undefined;
    if (s.events) kept -= s.events.length;
    await close(streamId, s, events);
    return true;
  };
  const keep = async (streamId: string, event: StoredEvent, issues?: readonly ValidationIssue[]) => {
    const s = open!.get(streamId);
    if (!s) return;
    s.read++;
    if (s.events) {
      if (event.version !== s.read) {
        kept -= s.events.length;
        s.events = undefined;
        keeping.delete(streamId);
      } else {
        s.events.push(event);
        s.issues.push(issues);
        kept++;
      }
    }
    if (await closeIfRead(streamId, s)) return;
    for (const [id, other] of keeping) {
      if (kept <= keepAtMost) break;
      keeping.delete(id);
      if (!other.events) continue;
      kept -= other.events.length;
      other.events = undefined;
    }
  };

  const d = result.decisions;
  let count = 0;
  // One event of the log pass: its integrity (examined here, or the verdict a worker found), its
  // stream opened or kept, its recorded decision re-evaluated.
  const onEvent = async (raw: unknown, examined?: Examined) => {
    if (examined) checker.apply(examined.verdict);
    else checker.check(raw);
    count++;
    options.progress?.update(count, log.total);
    const event = raw as StoredEvent;
    const streamId = (raw as { streamId?: unknown } | null)?.streamId;
    if (typeof streamId !== 'string') return;
    if (!seen.has(streamId)) {
      seen.add(streamId);
      if (open) await opened(streamId, ordinal++);
      else await firstOfStream(streamId);
    }
    if (open) await keep(streamId, event, examined?.issues);
    await recheck(event);
  };
  const recheck = async (event: StoredEvent) => {
    const recorded = recordedDecision(event);
    if (!recorded) return;
    const where = { streamId: event.streamId, version: event.version };
    if (!DECISION_RECIPES[event.type]) {
      d.unsupported.push({ ...where, eventType: event.type });
      return;
    }
    const ref = recorded.rulePack;
    const pack = options.packs.find(ref.id, ref.version);
    try {
      if (!pack) d.unavailable.push({ ...where, pack: `${ref.id}@${ref.version}` });
      else {
        const known = pack.knownHashes ?? [pack.hash];
        if (ref.hash && ref.hash !== pack.hash) {
          if (known.includes(ref.hash)) d.knownBuild++;
          else
            d.packChanged.push({
              ...where,
              pack: `${ref.id}@${ref.version}`,
              recordedHash: ref.hash,
              availableHash: pack.hash,
              knownHashes: [...known],
            });
        }
        const c = await reevaluate(event, recorded, pack, engine);
        d.rechecked++;
        if (c.outcomeBefore !== c.outcomeAfter || c.changes.length > 0) d.mismatched.push(c);
      }
      if (target && result.under && ref.id === target.id) {
        const c = await reevaluate(event, recorded, target, engine);
        result.under.compared++;
        if (c.outcomeBefore !== c.outcomeAfter || c.changes.length > 0) result.under.changed.push(c);
      }
    } catch (e) {
      d.errors.push({ ...where, error: (e as Error)?.message ?? String(e) });
    }
  };

  if (log.parallel) {
    // The workers read the same file in position order, as the log pass does: the n-th verdict is
    // the n-th event's (held to it by position and stream; anything else is the workers' failure).
    const events = (log.events as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    let examined: Examined[] = [];
    const take = async () => {
      const chunk: unknown[] = [];
      for (const x of examined) {
        // A stream's first event: its last version, as the worker's store said.
        if (open && x.last !== undefined && x.verdict.streamId !== null && !seen.has(x.verdict.streamId))
          lastKnown.set(x.verdict.streamId, x.last);
        const next = await events.next();
        const raw = next.value as { streamId?: unknown; position?: unknown } | null;
        if (
          next.done ||
          x.verdict.position !== (typeof raw?.position === 'number' ? raw.position : null) ||
          x.verdict.streamId !== (typeof raw?.streamId === 'string' ? raw.streamId : null)
        )
          throw new WorkersFailed('the workers read other events than the log pass');
        chunk.push(raw);
      }
      await lookAhead(chunk);
      for (let i = 0; i < chunk.length; i++) await onEvent(chunk[i], examined[i]);
      examined = [];
    };
    await examinedRanges(log.parallel.file, log.parallel.threads, async (x) => {
      examined.push(x);
      if (examined.length >= LOOK_AHEAD) await take();
    });
    await take();
    if (!(await events.next()).done) throw new WorkersFailed('the workers read fewer events than the log pass');
  } else {
    let chunk: unknown[] = [];
    const take = async () => {
      await lookAhead(chunk);
      for (const raw of chunk) await onEvent(raw);
      chunk = [];
    };
    for await (const raw of log.events) {
      chunk.push(raw);
      if (chunk.length >= LOOK_AHEAD) await take();
    }
    await take();
  }
  if (open) {
    // Streams whose last version the log pass did not bring (a gap, an unreadable event): read from the store.
    for (const [streamId, s] of [...open]) await close(streamId, s, undefined);
    const at = (streamId: string) => order.get(streamId) ?? 0;
    result.streams.sort((a, b) => at(a.streamId) - at(b.streamId));
    result.failed.sort((a, b) => at(a.streamId) - at(b.streamId));
    const inOrder = <T>(counts: Record<string, T>, prefix: string): Record<string, T> => {
      const first = (state: string) => stateFirstAt.get(prefix + state) ?? 0;
      return Object.fromEntries(Object.entries(counts).sort((a, b) => first(a[0]) - first(b[0])));
    };
    result.states = inOrder(result.states, '');
    for (const kind of Object.keys(result.statesByKind))
      result.statesByKind[kind] = inOrder(result.statesByKind[kind]!, `${kind}\0`);
    result.statesByKind = inOrder(result.statesByKind, '\0kind\0');
  }
  options.progress?.done();
  result.events = count;
  result.integrity = checker.result().problems;
  sortViolations(history);
  result.ok =
    result.integrity.length === 0 &&
    history.length === 0 &&
    result.failed.length === 0 &&
    d.mismatched.length === 0 &&
    d.packChanged.length === 0 &&
    d.unavailable.length === 0 &&
    d.errors.length === 0;
  return result;
}
