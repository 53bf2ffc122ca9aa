import {
  COMMAND_EVENT,
  chinaLocalDate,
  isCalendarCoverageError,
  streamKind,
  type RulePack,
  type StoredEvent,
  type WorkingDayCalendar,
} from '@certflow/core';
import { createChinaCalendar } from '@certflow/calendar';
import { packSet } from '../replay/packs.js';
import type { RegionOf } from './collect.js';
import type { DeadlineOracle, DeadlineView } from './model.js';

function fieldOf(data: unknown, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

/**
 * The pack's deadlines for a stream, worked out from its events the way the
 * engine does (latest anchor, due = addWorkdays(anchor, ±N)), with what
 * happened: the step on time (met), late (missed), or not yet (open). Deadlines
 * the log already records as DeadlineMissed are left to that event. A due date
 * resting on a year whose arrangement is not published says so (provisional,
 * with the statutory rule); one the calendar cannot compute is listed open
 * with the reason, never left out.
 *
 * As of a China date (`asOf`, default: no limit): a step recorded after it is
 * not counted, and a deadline to act by a due date before it whose step is
 * not recorded is missed, not open. A minimum period (not before a date) with
 * no step stays open: waiting is what it asks.
 */
export function computeDeadlines(
  events: StoredEvent[],
  pack: RulePack,
  calendar: WorkingDayCalendar,
  asOf?: string,
): DeadlineView[] {
  const first = events[0];
  if (!first) return [];
  const kind = streamKind(first.streamId);
  const recordedMissed = new Set(
    events
      .filter((e) => e.type === 'DeadlineMissed')
      .map((e) => (e.data as { deadlineId?: unknown } | null)?.deadlineId),
  );
  const out: DeadlineView[] = [];
  for (const spec of pack.deadlines) {
    if (spec.machine !== kind || recordedMissed.has(spec.id)) continue;
    let at = -1;
    for (let i = events.length - 1; i >= 0; i--)
      if (events[i]!.type === spec.from.event) {
        at = i;
        break;
      }
    if (at === -1) continue;
    const anchorEvent = events[at]!;
    const anchor = spec.from.field ? fieldOf(anchorEvent.data, spec.from.field) : chinaLocalDate(anchorEvent.meta.at);
    if (typeof anchor !== 'string') continue;
    const found = events.slice(at + 1).find((e) => e.type === COMMAND_EVENT[spec.step]);
    const step = found && (asOf === undefined || chinaLocalDate(found.meta.at) <= asOf) ? found : undefined;
    const stepDay = step ? chinaLocalDate(step.meta.at) : undefined;
    let due: string;
    try {
      due = calendar.addWorkdays(anchor, spec.kind === 'before' ? -spec.workingDays : spec.workingDays);
    } catch (err) {
      if (!isCalendarCoverageError(err)) throw err;
      // A year the calendar does not cover: no claim either way, but the deadline is listed with the reason.
      out.push({
        id: spec.id,
        status: 'open',
        version: (step ?? anchorEvent).version,
        at: (step ?? anchorEvent).meta.at,
        eventType: step ? step.type : anchorEvent.type,
        description: spec.description,
        cite: spec.cite,
        detail: `due date not computed: ${err.message}`,
      });
      continue;
    }
    const basis = calendar.basis?.(anchor, due);
    const provisional = basis?.provisional
      ? `; provisional: ${basis.years
          .filter((y) => y.source === 'provisional')
          .map((y) => y.year)
          .join(
            ', ',
          )} not published, computed from ${basis.years.find((y) => y.source === 'provisional')?.cite?.document ?? 'the statutory holidays'}`
      : '';
    const hostYears = (basis?.years ?? []).filter((y) => y.source === 'host');
    const published =
      hostYears.length > 0
        ? `; ${hostYears.map((y) => `${y.year} per ${y.cite?.document ?? 'the host calendar'}`).join(', ')}`
        : '';
    const lapsed = !stepDay && spec.kind !== 'min-period' && asOf !== undefined && asOf > due;
    const status: DeadlineView['status'] = !stepDay
      ? lapsed
        ? 'missed'
        : 'open'
      : (spec.kind === 'min-period' ? stepDay >= due : stepDay <= due)
        ? 'met'
        : 'missed';
    const rule = spec.kind === 'min-period' ? `not before ${due}` : `by ${due}`;
    const provisionalYears = (basis?.years ?? []).filter((y) => y.source === 'provisional').map((y) => y.year);
    out.push({
      id: spec.id,
      status,
      version: (step ?? anchorEvent).version,
      at: (step ?? anchorEvent).meta.at,
      eventType: step ? step.type : anchorEvent.type,
      due,
      description: spec.description,
      cite: spec.cite,
      detail:
        (step
          ? `${spec.step} on ${stepDay} (${rule})`
          : lapsed
            ? `${spec.step} not recorded as of ${asOf} (${rule})`
            : `${spec.step} not yet recorded (${rule})`) +
        provisional +
        published,
      ...(basis?.provisional
        ? {
            provisional: {
              years: provisionalYears,
              basis: basis.years.find((y) => y.source === 'provisional')?.cite?.document ?? 'the statutory holidays',
            },
          }
        : {}),
    });
  }
  return out;
}

/** Works out each stream's deadlines under the pack version its events name, with China's working-day calendar. */
export function deadlineOracle(packs: RulePack[]): { oracle: DeadlineOracle; region: RegionOf } {
  const set = packSet(packs);
  const calendar = createChinaCalendar();
  return {
    oracle: (events: StoredEvent[], asOf: string) => {
      const ref = events.find((e) => e.meta.rulePack?.id)?.meta.rulePack;
      const pack = ref ? set.find(ref.id, ref.version) : undefined;
      return pack ? computeDeadlines(events, pack, calendar, asOf) : [];
    },
    region: (ref) => set.find(ref.id, ref.version)?.jurisdiction?.name,
  };
}
