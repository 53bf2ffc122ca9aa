import type { StoredEvent } from '../event.js';
import type { DeadlineSpec, Finding, LocalDate, RulePack } from '../rules/rulePack.js';
import type { CommandType, MachineName } from '../domain/vocabulary.js';
import {
  CalendarRequiredError,
  ProvisionalCalendarError,
  chinaLocalDate,
  isCalendarCoverageError,
  type CalendarYearBasis,
  type ProvisionalPolicy,
  type WorkingDayCalendar,
} from '../domain/calendar.js';
import { COMMAND_EVENT } from './commandSchemas.js';
import { fromEvents, latestOf, type History } from '../streams/history.js';
import type { DeadlineItem } from './types.js';

/** A deadline of a stream whose anchor event happened: when it falls due, and whether its step is done. */
export interface OpenDeadline {
  spec: DeadlineSpec;
  anchor: LocalDate;
  /** within/before: last day allowed; min-period: first day allowed. Null when the calendar does not cover it (`uncovered`). */
  due: LocalDate | null;
  done: boolean;
  /** The China date of the earliest step event after the anchor that the history still shows (the latest of each step type), when done. */
  doneOn?: LocalDate;
  /** True when a day from the anchor to the due date is in a year whose arrangement is not published. */
  provisional: boolean;
  /** The calendar years the due date rests on that are not built-in data (host-added or provisional), with their citations. */
  basis: CalendarYearBasis[];
  /** Set when the due date falls outside the calendar's coverage: the calendar's error, for this deadline alone. */
  uncovered?: Error & { code: string; year?: number };
}

const enforcementOf = (d: DeadlineSpec) => d.enforcement ?? (d.kind === 'within' ? 'flag' : 'refuse');
/** The commands that answer a deadline: its step and any `closedBy`. */
const stepsOf = (d: DeadlineSpec): CommandType[] => [d.step, ...(d.closedBy ?? [])];

function fieldOf(data: unknown, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

/**
 * The deadlines of the pack for this machine, computed over the stream's
 * history (its events, or a snapshot's index plus the events after it): the
 * latest anchor event wins, and the step is done if its event came after it.
 */
export function streamDeadlines(
  pack: RulePack,
  machine: MachineName,
  history: StoredEvent[] | History,
  calendar: WorkingDayCalendar | undefined,
): OpenDeadline[] {
  const h = Array.isArray(history) ? fromEvents(history) : history;
  const out: OpenDeadline[] = [];
  for (const spec of pack.deadlines) {
    if (spec.machine !== machine) continue;
    const anchorEvent = latestOf(h, spec.from.event);
    if (!anchorEvent) continue;
    const raw = spec.from.field
      ? (fieldOf(anchorEvent.data, spec.from.field) ??
        (spec.from.orField ? fieldOf(anchorEvent.data, spec.from.orField) : undefined))
      : (calendar?.toLocalDate(anchorEvent.at) ?? chinaLocalDate(anchorEvent.at));
    if (typeof raw !== 'string') continue; // the anchor field is absent: the deadline does not apply
    if (!calendar) throw new CalendarRequiredError(spec.id);
    const n = spec.kind === 'before' ? -spec.workingDays : spec.workingDays;
    const stepEvents = stepsOf(spec)
      .map((s) => latestOf(h, COMMAND_EVENT[s]))
      .filter((e) => e !== undefined && e.version > anchorEvent.version);
    const done = stepEvents.length > 0;
    const doneOn = done ? stepEvents.map((e) => calendar.toLocalDate(e!.at)).sort()[0] : undefined;
    try {
      const due = calendar.addWorkdays(raw, n);
      const basis = calendar.basis?.(raw, due) ?? { provisional: false, years: [] };
      out.push({
        spec,
        anchor: raw,
        due,
        done,
        ...(doneOn ? { doneOn } : {}),
        provisional: basis.provisional,
        basis: basis.years,
      });
    } catch (err) {
      // One date outside the calendar's years spoils this deadline, not the stream or the log.
      if (!isCalendarCoverageError(err)) throw err;
      out.push({
        spec,
        anchor: raw,
        due: null,
        done,
        ...(doneOn ? { doneOn } : {}),
        provisional: false,
        basis: [],
        uncovered: err,
      });
    }
  }
  return out;
}

export interface StepCheck {
  /** Deadlines the step would break and the pack refuses. */
  refused: Finding[];
  /** Deadlines the step is late for and the pack only flags: the engine records DeadlineMissed. */
  flagged: OpenDeadline[];
}

/**
 * Checks a step against the deadlines constraining it, on the China local
 * date `today`. Policy for a year whose arrangement is not published: the
 * deadline is computed on the provisional calendar (statutory holidays,
 * weekends) and applied as any other, never refused for being provisional; a
 * refusal or a DeadlineMissed it causes says `provisional: true` and cites
 * the statutory rule. With `policy: 'refuse'` a provisional deadline the step
 * is held to throws ProvisionalCalendarError instead. A deadline the calendar
 * cannot compute at all (beyond the provisional years) throws its
 * CalendarCoverageError for the step it constrains only.
 */
export function checkStep(
  open: OpenDeadline[],
  step: CommandType,
  today: LocalDate,
  alreadyMissed: string[],
  policy: ProvisionalPolicy = 'compute',
): StepCheck {
  const refused: Finding[] = [];
  const flagged: OpenDeadline[] = [];
  for (const d of open) {
    if (!stepsOf(d.spec).includes(step) || d.done) continue;
    if (d.uncovered || d.due === null) throw d.uncovered;
    if (d.provisional && policy === 'refuse') {
      throw new ProvisionalCalendarError(
        d.spec.id,
        step,
        d.due,
        d.basis.filter((y) => y.source === 'provisional').map((y) => y.year),
      );
    }
    const broken = d.spec.kind === 'min-period' ? today < d.due : today > d.due;
    if (!broken) continue;
    if (enforcementOf(d.spec) === 'refuse' || d.spec.kind === 'min-period') {
      const message =
        d.spec.kind === 'min-period'
          ? `${step} may happen on or after ${d.due} (${d.spec.workingDays} working days from ${d.anchor}); today is ${today}`
          : `${step} was due on or before ${d.due} (${d.spec.kind} ${d.spec.workingDays} working days, anchor ${d.anchor}); today is ${today}`;
      refused.push({
        ruleId: d.spec.id,
        outcome: 'fail',
        message,
        cite: d.spec.cite,
        description: d.spec.description,
        params: { due: d.due, anchor: d.anchor, today, ...calendarBasis(d) },
      });
    } else if (!alreadyMissed.includes(d.spec.id)) flagged.push(d);
  }
  return { refused, flagged };
}

/** What a recorded decision says of the calendar it was computed on: only when a year is provisional or host-added. */
function calendarBasis(d: OpenDeadline): { provisional?: true; calendar?: CalendarYearBasis[] } {
  // A plain-JSON copy (no undefined members from a host's citation), as event data must be.
  const calendar = d.basis.length > 0 ? (JSON.parse(JSON.stringify(d.basis)) as CalendarYearBasis[]) : undefined;
  return { ...(d.provisional ? { provisional: true as const } : {}), ...(calendar ? { calendar } : {}) };
}

/**
 * The data of a `DeadlineMissed`. `step` is the step taken late when a command
 * records it (a rejection answering an acceptance deadline that `closedBy`
 * lets it close names `RejectApplication`), and the deadline's own step when
 * `tick` records a deadline nobody answered.
 */
export function deadlineMissedData(d: OpenDeadline, today: LocalDate, taken?: CommandType) {
  return {
    deadlineId: d.spec.id,
    step: taken ?? d.spec.step,
    kind: d.spec.kind,
    anchor: d.anchor,
    due: d.due,
    detectedOn: today,
    cite: { ...d.spec.cite },
    ...calendarBasis(d),
  };
}

/**
 * What `tick` should record: open within/before deadlines whose last day has
 * passed, computed on the calendar as it is now — so when a published year
 * replaces a provisional one and moves a due date into the past, the next
 * tick records it. Deadlines the calendar cannot compute are left out, and
 * provisional ones under `policy: 'refuse'`.
 */
export function overdue(
  open: OpenDeadline[],
  today: LocalDate,
  alreadyMissed: string[],
  policy: ProvisionalPolicy = 'compute',
): OpenDeadline[] {
  return open.filter(
    (d) =>
      d.spec.kind !== 'min-period' &&
      !d.done &&
      d.due !== null &&
      today > d.due &&
      !alreadyMissed.includes(d.spec.id) &&
      !(policy === 'refuse' && d.provisional),
  );
}

/** What a recorded DeadlineMissed said: enough to tell whether the calendar as it is now still finds it missed. */
export interface RecordedMiss {
  deadlineId: string;
  anchor: LocalDate;
  due: LocalDate;
  detectedOn: LocalDate;
  provisional?: boolean;
}

/**
 * What `tick` should withdraw: each DeadlineMissed recorded on provisional
 * days (`provisional: true`) whose deadline, computed on the calendar as it is
 * now for the same anchor, has a different due date by which the step is
 * not late — still open on `today` (outcome `open`), or done on or before
 * the new due date (outcome `met`). A miss recorded on published days, one
 * whose anchor has changed since, or one the calendar cannot compute now,
 * stands.
 */
export function withdrawnMisses(open: OpenDeadline[], recorded: RecordedMiss[], today: LocalDate, missed: string[]) {
  const out: Record<string, unknown>[] = [];
  for (const r of recorded) {
    if (r.provisional !== true || !missed.includes(r.deadlineId)) continue;
    const d = open.find((o) => o.spec.id === r.deadlineId);
    if (!d || d.due === null || d.spec.kind === 'min-period' || d.anchor !== r.anchor || d.due === r.due) continue;
    const outcome = d.done
      ? d.doneOn !== undefined && d.doneOn <= d.due
        ? 'met'
        : null
      : today <= d.due
        ? 'open'
        : null;
    if (!outcome) continue;
    out.push({
      deadlineId: d.spec.id,
      step: d.spec.step,
      kind: d.spec.kind,
      anchor: d.anchor,
      due: d.due,
      missedDue: r.due,
      missedOn: r.detectedOn,
      outcome,
      ...(outcome === 'met' ? { doneOn: d.doneOn } : {}),
      detectedOn: today,
      cite: { ...d.spec.cite },
      ...calendarBasis(d),
    });
  }
  return out;
}

type TimeStatus = 'open' | 'due-today' | 'overdue' | 'waiting';

export function deadlineItem(streamId: string, d: OpenDeadline, today: LocalDate): DeadlineItem {
  const base = {
    streamId,
    deadlineId: d.spec.id,
    kind: d.spec.kind,
    step: d.spec.step,
    anchor: d.anchor,
    due: d.due,
    cite: d.spec.cite,
  };
  if (d.uncovered || d.due === null) {
    const e = d.uncovered as (Error & { code: string; year?: number; format?(locale?: string): string }) | undefined;
    return {
      ...base,
      status: 'uncovered',
      error: {
        code: e?.code ?? 'CALENDAR_COVERAGE',
        message: e?.message ?? 'outside the calendar',
        ...(typeof e?.year === 'number' ? { year: e.year } : {}),
      },
    };
  }
  const timeStatus: TimeStatus =
    d.spec.kind === 'min-period'
      ? today < d.due
        ? 'waiting'
        : 'open'
      : today > d.due
        ? 'overdue'
        : today === d.due
          ? 'due-today'
          : 'open';
  const basis = d.basis.length > 0 ? { basis: d.basis } : {};
  if (d.provisional) return { ...base, status: 'provisional', computedStatus: timeStatus, ...basis };
  return { ...base, status: timeStatus, ...basis };
}

/** Deadlines by due date (uncovered ones last), then stream. */
export function byDue(a: DeadlineItem, b: DeadlineItem): number {
  if (a.due === null || b.due === null)
    return (a.due === null ? 1 : 0) - (b.due === null ? 1 : 0) || a.streamId.localeCompare(b.streamId);
  return a.due.localeCompare(b.due) || a.streamId.localeCompare(b.streamId);
}
