import { ConcurrencyError } from '../errors.js';
import { SYSTEM_ACTOR, type LoadedStream } from './types.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { acceptsEvent } from '../streams/fold.js';
import type { ApplicationContext } from '../streams/application/context.js';
import type { LocalDate } from '../rules/rulePack.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import { toJson, type PackRegistry, type RecordedEvent } from '../streams/defineCommand.js';
import { deadlineMissedData, overdue, streamDeadlines } from './deadlines.js';
import { releasePlaces } from '../streams/quota/places.js';
import { completeCertificates } from '../streams/certificate/issue.js';
import { stateOf } from '../streams/state.js';

export interface TickInput {
  store: EventStore;
  calendar: WorkingDayCalendar | undefined;
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

/** Events that have fallen due on a stream: missed deadlines, then the end of a filing's validity. */
function dueEvents(s: LoadedStream, input: TickInput): RecordedEvent[] {
  const ctx: TickedContext = s.snapshot.context;
  if (!ctx.rulePack || s.snapshot.status === 'done') return [];
  const pack = input.packs.resolve(ctx.rulePack);
  const open = streamDeadlines(pack, s.machine, s, input.calendar);
  const out: RecordedEvent[] = overdue(open, input.today, ctx.missedDeadlines ?? []).map((d) => ({
    type: 'DeadlineMissed',
    data: toJson(deadlineMissedData(d, input.today)),
  }));
  if (s.machine === 'application') {
    const app: ApplicationContext = s.snapshot.context;
    if (stateOf(s).state.startsWith('filed') && app.validUntil && input.today > app.validUntil)
      out.push({ type: 'FilingExpired', data: { validUntil: app.validUntil, expiredOn: input.today } });
  }
  return out.filter((e) => acceptsEvent(s.snapshot, e));
}

/**
 * Appends, per stream, what has fallen due by `now`. Idempotent: the fold
 * remembers missed deadlines and expiry, so a second tick finds nothing to
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
    const meta = { at: input.now.toISOString(), actor: SYSTEM_ACTOR, commandId: input.commandId, correlationId: input.commandId };
    if (s.machine === 'exam' && ref) appended.push(...(await completeCertificates(input.store, s, meta, (id) => existing.has(id))));
    const due = dueEvents(s, input);
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
