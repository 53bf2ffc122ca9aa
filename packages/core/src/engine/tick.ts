import { ConcurrencyError } from '../errors.js';
import { SYSTEM_ACTOR, type LoadedStream } from './types.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { acceptsEvent } from '../streams/fold.js';
import type { ApplicationContext } from '../streams/application/context.js';
import type { LocalDate } from '../rules/rulePack.js';
import type { ProvisionalPolicy, WorkingDayCalendar } from '../domain/calendar.js';
import { toJson, type PackRegistry, type RecordedEvent } from '../streams/defineCommand.js';
import { isCatalogued } from '../streams/catalogue.js';
import { deadlineMissedData, overdue, streamDeadlines, withdrawnMisses, type RecordedMiss } from './deadlines.js';
import { releasePlaces } from '../streams/quota/places.js';
import { completeCertificates } from '../streams/certificate/issue.js';
import { stateOf } from '../streams/state.js';

export interface TickInput {
  store: EventStore;
  calendar: WorkingDayCalendar | undefined;
  /** `refuse`: no DeadlineMissed is recorded on provisional days. Default `compute`. */
  provisional?: ProvisionalPolicy;
  packs: PackRegistry;
  now: Date;
  today: LocalDate;
  commandId: string;
  /** Folds a stream's events, from its snapshot when there is one. */
  fold(streamId: string, events: StoredEvent[]): Promise<LoadedStream>;
}

/** What a tick reads of any machine's context. */
interface TickedContext {
  rulePack?: { id: string; version: string } | null;
  missedDeadlines?: string[];
}

/** The latest DeadlineMissed recorded for each deadline of a stream. */
function recordedMisses(events: StoredEvent[]): RecordedMiss[] {
  const byId = new Map<string, RecordedMiss>();
  for (const e of events) {
    if (!isCatalogued(e) || e.type !== 'DeadlineMissed') continue;
    const { deadlineId, anchor, due, detectedOn, provisional } = e.data;
    byId.set(deadlineId, {
      deadlineId,
      anchor,
      due,
      detectedOn,
      ...(provisional === true ? { provisional: true } : {}),
    });
  }
  return [...byId.values()];
}

/**
 * Events that have fallen due on a stream: missed deadlines recorded on
 * provisional days that the calendar as it is now withdraws, missed deadlines,
 * then the end of a filing's validity.
 */
function dueEvents(s: LoadedStream, events: StoredEvent[], input: TickInput): RecordedEvent[] {
  const ctx: TickedContext = s.snapshot.context;
  if (!ctx.rulePack || s.snapshot.status === 'done') return [];
  const pack = input.packs.resolve(ctx.rulePack);
  const open = streamDeadlines(pack, s.machine, s, input.calendar);
  const missed = ctx.missedDeadlines ?? [];
  const withdrawn = withdrawnMisses(open, recordedMisses(events), input.today, missed);
  const out: RecordedEvent[] = [
    ...withdrawn.map((data) => ({ type: 'DeadlineMissedWithdrawn', data: toJson(data) })),
    ...overdue(open, input.today, missed, input.provisional).map((d) => ({
      type: 'DeadlineMissed',
      data: toJson(deadlineMissedData(d, input.today)),
    })),
  ];
  if (s.machine === 'application') {
    const app: ApplicationContext = s.snapshot.context;
    if (stateOf(s).state.startsWith('filed') && app.validUntil && input.today > app.validUntil)
      out.push({ type: 'FilingExpired', data: { validUntil: app.validUntil, expiredOn: input.today } });
  }
  return out.filter((e) => acceptsEvent(s.snapshot, e));
}

/**
 * Appends, per stream, what has fallen due by `now`, on the calendar as it
 * is now: a DeadlineMissedWithdrawn for each DeadlineMissed recorded on
 * provisional days that a published year no longer finds missed, a
 * DeadlineMissed for each deadline now past, a FilingExpired. Idempotent: the
 * fold remembers missed (and withdrawn) deadlines and expiry, so a second tick finds nothing to
 * add. A stream that moved under the tick is left for the next one. It also
 * opens certificate streams an exam lists but that are missing (a crash
 * between IssueCertificates' two appends).
 */
export async function runTick(input: TickInput): Promise<StoredEvent[]> {
  const byStream = new Map<string, StoredEvent[]>();
  const existing = new Set<string>();
  for await (const e of input.store.readAll()) {
    if (e.streamId.startsWith('application-') || e.streamId.startsWith('exam-')) {
      (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
    } else if (e.version === 1 && e.streamId.startsWith('certificate-')) existing.add(e.streamId);
  }
  const appended: StoredEvent[] = [];
  for (const [streamId, events] of byStream) {
    const s = await input.fold(streamId, events);
    const { rulePack: ref }: TickedContext = s.snapshot.context;
    const meta = {
      at: input.now.toISOString(),
      actor: SYSTEM_ACTOR,
      commandId: input.commandId,
      correlationId: input.commandId,
    };
    if (s.machine === 'exam' && ref)
      appended.push(...(await completeCertificates(input.store, s, meta, (id) => existing.has(id))));
    const due = dueEvents(s, events, input);
    if (due.length === 0) continue;
    const withPack = { ...meta, rulePack: { id: ref!.id, version: ref!.version } };
    try {
      const r = await input.store.append(
        streamId,
        due.map((e) => ({ ...e, meta: withPack })),
        { expectedVersion: s.version },
      );
      appended.push(...r.events);
      if (due.some((e) => e.type === 'FilingExpired')) {
        const app: ApplicationContext = s.snapshot.context;
        await releasePlaces(input.store, app.quotaPlaces, streamId, withPack, 'filing expired');
      }
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
  return appended;
}
