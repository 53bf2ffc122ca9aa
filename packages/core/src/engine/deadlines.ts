import type { StoredEvent } from '../event.js';
import type { DeadlineSpec, Finding, LocalDate, RulePack } from '../rules/rulePack.js';
import type { CommandType, MachineName } from '../rules/vocabulary.js';
import { CalendarRequiredError, chinaLocalDate, type WorkingDayCalendar } from './calendar.js';
import { COMMAND_EVENT } from './commandSchemas.js';
import { fromEvents, latestOf, type History } from './history.js';
import type { DeadlineItem } from './types.js';

/** A deadline of a stream whose anchor event happened: when it falls due, and whether its step is done. */
export interface OpenDeadline {
  spec: DeadlineSpec;
  anchor: LocalDate;
  /** within/before: last day allowed; min-period: first day allowed. */
  due: LocalDate;
  done: boolean;
}

const enforcementOf = (d: DeadlineSpec) => d.enforcement ?? (d.kind === 'within' ? 'flag' : 'refuse');

function fieldOf(data: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

/**
 * The deadlines of the pack for this machine, computed over the stream's
 * history (its events, or a snapshot's index plus the events after it): the
 * latest anchor event wins, and the step is done if its event came after it.
 */
export function streamDeadlines(pack: RulePack, machine: MachineName, history: StoredEvent[] | History, calendar: WorkingDayCalendar | undefined): OpenDeadline[] {
  const h = Array.isArray(history) ? fromEvents(history) : history;
  const out: OpenDeadline[] = [];
  for (const spec of pack.deadlines) {
    if (spec.machine !== machine) continue;
    const anchorEvent = latestOf(h, spec.from.event);
    if (!anchorEvent) continue;
    const raw = spec.from.field ? (fieldOf(anchorEvent.data, spec.from.field) ?? (spec.from.orField ? fieldOf(anchorEvent.data, spec.from.orField) : undefined)) : (calendar?.toLocalDate(anchorEvent.at) ?? chinaLocalDate(anchorEvent.at));
    if (typeof raw !== 'string') continue; // the anchor field is absent: the deadline does not apply
    if (!calendar) throw new CalendarRequiredError(spec.id);
    const n = spec.kind === 'before' ? -spec.workingDays : spec.workingDays;
    const due = calendar.addWorkdays(raw, n);
    const done = (latestOf(h, COMMAND_EVENT[spec.step])?.version ?? 0) > anchorEvent.version;
    out.push({ spec, anchor: raw, due, done });
  }
  return out;
}

export interface StepCheck {
  /** Deadlines the step would break and the pack refuses. */
  refused: Finding[];
  /** Deadlines the step is late for and the pack only flags: the engine records DeadlineMissed. */
  flagged: OpenDeadline[];
}

/** Checks a step against the deadlines constraining it, on the China local date `today`. */
export function checkStep(open: OpenDeadline[], step: CommandType, today: LocalDate, alreadyMissed: string[]): StepCheck {
  const refused: Finding[] = [];
  const flagged: OpenDeadline[] = [];
  for (const d of open) {
    if (d.spec.step !== step || d.done) continue;
    const broken = d.spec.kind === 'min-period' ? today < d.due : today > d.due;
    if (!broken) continue;
    if (enforcementOf(d.spec) === 'refuse' || d.spec.kind === 'min-period') {
      const message =
        d.spec.kind === 'min-period'
          ? `${step} may happen on or after ${d.due} (${d.spec.workingDays} working days from ${d.anchor}); today is ${today}`
          : `${step} was due on or before ${d.due} (${d.spec.kind} ${d.spec.workingDays} working days, anchor ${d.anchor}); today is ${today}`;
      refused.push({ ruleId: d.spec.id, outcome: 'fail', message, cite: d.spec.cite, description: d.spec.description, params: { due: d.due, anchor: d.anchor, today } });
    } else if (!alreadyMissed.includes(d.spec.id)) flagged.push(d);
  }
  return { refused, flagged };
}

export function deadlineMissedData(d: OpenDeadline, today: LocalDate) {
  return { deadlineId: d.spec.id, step: d.spec.step, kind: d.spec.kind, anchor: d.anchor, due: d.due, detectedOn: today, cite: { ...d.spec.cite } };
}

/** What `tick` should record: open within/before deadlines whose last day has passed. */
export function overdue(open: OpenDeadline[], today: LocalDate, alreadyMissed: string[]): OpenDeadline[] {
  return open.filter((d) => d.spec.kind !== 'min-period' && !d.done && today > d.due && !alreadyMissed.includes(d.spec.id));
}

export function deadlineItem(streamId: string, d: OpenDeadline, today: LocalDate): DeadlineItem {
  const status: DeadlineItem['status'] =
    d.spec.kind === 'min-period' ? (today < d.due ? 'waiting' : 'open') : today > d.due ? 'overdue' : today === d.due ? 'due-today' : 'open';
  return { streamId, deadlineId: d.spec.id, kind: d.spec.kind, step: d.spec.step, anchor: d.anchor, due: d.due, status, cite: d.spec.cite };
}
