import type { CalendarYearBasis, WorkingDayCalendar } from '../domain/calendar.js';
import { byDue, deadlineItem, streamDeadlines } from '../engine/deadlines.js';
import { packRegistry } from '../engine/packRegistry.js';
import type { DeadlineItem } from '../engine/types.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { isCatalogued } from '../streams/catalogue.js';
import { foldEvents, machines } from '../streams/fold.js';
import type { LocalDate, RulePack } from '../rules/rulePack.js';
import type { AnyMachineSnapshot } from 'xstate';
import type { MachineName } from '../domain/vocabulary.js';
import {
  appliedBefore,
  markApplied,
  ReadModel,
  setOwn,
  type Projection,
  type ReadModelOptions,
  type StreamVersions,
} from './projection.js';

/** A DeadlineMissed event as recorded (by a late step or by `engine.tick`). */
export interface MissedDeadline {
  streamId: string;
  deadlineId: string;
  step: string;
  kind: string;
  anchor: LocalDate;
  due: LocalDate;
  detectedOn: LocalDate;
  cite: { document: string; clause: string; text: string };
  position: number;
  /** True when the due date was computed on a year whose arrangement was not published (statutory holidays only). */
  provisional?: true;
  /** The host-added and provisional years the due date rested on, with their citations. */
  calendar?: CalendarYearBasis[];
  /**
   * Set when a later DeadlineMissedWithdrawn (written by `engine.tick` once a
   * published year moved the due date later) withdrew this miss: the due date
   * the calendar gives now, whether the step is still `open` in time or was
   * `met`, the day it was withdrawn and the event's position.
   */
  withdrawn?: {
    due: LocalDate;
    outcome: 'open' | 'met';
    detectedOn: LocalDate;
    position: number;
    calendar?: CalendarYearBasis[];
  };
}

interface TrackedStream {
  machine: MachineName;
  rulePack: { id: string; version: string } | null;
  /** The stream's events while it can still have deadlines; emptied once its machine is done. */
  events: StoredEvent[];
  done: boolean;
}

export interface DeadlinesState {
  versions: StreamVersions;
  streams: Record<string, TrackedStream>;
  missed: MissedDeadline[];
}

/**
 * The machine snapshot each tracked stream is folded to, beside the state
 * (it is not plain data): one entry per `TrackedStream` object, so a state
 * copied or read back from JSON (new objects) refolds a stream's kept events
 * once, on its next event, and then advances by one transition per event.
 */
const folded = new WeakMap<TrackedStream, AnyMachineSnapshot>();

/** The tracked stream's machine snapshot after its kept events. */
function machineSnapshot(s: TrackedStream): AnyMachineSnapshot {
  let snapshot = folded.get(s);
  if (!snapshot) {
    snapshot = foldEvents(machines[s.machine], s.events);
    folded.set(s, snapshot);
  }
  return snapshot;
}

/**
 * Keeps, per application and exam stream still in progress, the events the
 * engine's deadline computation needs; due dates are computed at query time
 * with the same code `engine.deadlines()` uses (the pack's deadline specs and
 * the working-day calendar), so the two always agree. DeadlineMissed events
 * are kept as a list of what was recorded late, each marked when a
 * DeadlineMissedWithdrawn later withdrew it. Each event advances the
 * stream's machine by one transition (its snapshot is kept between events),
 * so folding a stream of n events costs n transitions.
 */
export function openDeadlinesProjection(): Projection<DeadlinesState> {
  return {
    name: 'open-deadlines',
    initial: () => ({ versions: {}, streams: {}, missed: [] }),
    apply(state, e: StoredEvent) {
      const machine: MachineName | null = e.streamId.startsWith('application-')
        ? 'application'
        : e.streamId.startsWith('exam-')
          ? 'exam'
          : null;
      if (!machine || appliedBefore(state.versions, e)) return state;
      markApplied(state.versions, e);
      let tracked = state.streams[e.streamId];
      if (!tracked) {
        tracked = { machine, rulePack: null, events: [], done: false };
        setOwn(state.streams, e.streamId, tracked);
      }
      if (!tracked.done) {
        const snapshot = foldEvents(machines[machine], [e], machineSnapshot(tracked));
        const context: { rulePack?: { id: string; version: string } | null } = snapshot.context;
        const ref = context.rulePack ?? null;
        tracked.rulePack = ref ? { id: ref.id, version: ref.version } : null;
        tracked.done = snapshot.status === 'done';
        if (tracked.done) {
          tracked.events = [];
          folded.delete(tracked);
        } else {
          tracked.events.push(e);
          folded.set(tracked, snapshot);
        }
      }
      if (!isCatalogued(e)) return state;
      if (e.type === 'DeadlineMissed') {
        const d = e.data;
        state.missed.push({
          streamId: e.streamId,
          deadlineId: d.deadlineId,
          step: d.step,
          kind: d.kind,
          anchor: d.anchor,
          due: d.due,
          detectedOn: d.detectedOn,
          cite: d.cite,
          position: e.position,
          ...(d.provisional ? { provisional: true as const } : {}),
          ...(d.calendar ? { calendar: d.calendar } : {}),
        });
      } else if (e.type === 'DeadlineMissedWithdrawn') {
        const w = e.data;
        const m = state.missed.findLast(
          (x) => x.streamId === e.streamId && x.deadlineId === w.deadlineId && !x.withdrawn,
        );
        if (m)
          m.withdrawn = {
            due: w.due,
            outcome: w.outcome,
            detectedOn: w.detectedOn,
            position: e.position,
            ...(w.calendar ? { calendar: w.calendar } : {}),
          };
      }
      return state;
    },
  };
}

export interface DeadlineQueryContext {
  rulePacks: RulePack[] | Record<string, RulePack>;
  calendar: WorkingDayCalendar;
}

/**
 * The open deadlines of every stream in progress as of `now` — the same list
 * `engine.deadlines({ now })` computes from the whole log.
 */
export function dueDeadlines(state: DeadlinesState, ctx: DeadlineQueryContext, now: Date = new Date()): DeadlineItem[] {
  const packs = packRegistry(ctx.rulePacks);
  const today = ctx.calendar.toLocalDate(now);
  const out: DeadlineItem[] = [];
  for (const [streamId, s] of Object.entries(state.streams)) {
    if (s.done || !s.rulePack) continue;
    for (const d of streamDeadlines(packs.resolve(s.rulePack), s.machine, s.events, ctx.calendar)) {
      if (!d.done) out.push(deadlineItem(streamId, d, today));
    }
  }
  return out.sort(byDue);
}

/** Open deadlines kept up to date from a store: what is due, due today, overdue or waiting. */
export class OpenDeadlines extends ReadModel<DeadlinesState> {
  private readonly ctx: DeadlineQueryContext;

  constructor(store: EventStore, options: ReadModelOptions<DeadlinesState> & DeadlineQueryContext) {
    super(store, openDeadlinesProjection(), options);
    this.ctx = { rulePacks: options.rulePacks, calendar: options.calendar };
  }

  /** Every open deadline as of `now` (default: the current instant). */
  list(
    options: { now?: Date; status?: DeadlineItem['status'] | DeadlineItem['status'][]; streamId?: string } = {},
  ): DeadlineItem[] {
    const statuses =
      options.status === undefined ? undefined : Array.isArray(options.status) ? options.status : [options.status];
    return dueDeadlines(this.state, this.ctx, options.now)
      .filter((d) => !statuses || statuses.includes(d.status))
      .filter((d) => !options.streamId || d.streamId === options.streamId);
  }

  /** Open deadlines whose last day has passed as of `now`. */
  overdue(now?: Date): DeadlineItem[] {
    return this.list({ now, status: 'overdue' });
  }

  /**
   * Deadlines recorded as missed (DeadlineMissed events), in log order; one
   * a later DeadlineMissedWithdrawn withdrew carries `withdrawn` (pass
   * `{ standing: true }` to leave those out).
   */
  missed(streamId?: string, options: { standing?: boolean } = {}): MissedDeadline[] {
    return this.state.missed.filter(
      (m) => (!streamId || m.streamId === streamId) && (!options.standing || !m.withdrawn),
    );
  }
}

/** Starts the open-deadlines model on the store: caught up with the log when the promise resolves. */
export async function openDeadlines(
  store: EventStore,
  options: ReadModelOptions<DeadlinesState> & DeadlineQueryContext,
): Promise<OpenDeadlines> {
  const d = new OpenDeadlines(store, options);
  await d.waitUntilCaughtUp();
  return d;
}
