import type { FindingCatalogue } from '../findingTexts.js';
import type { Locale } from '../messages.js';
import type { Actor, StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import type { ApplicationContext } from '../streams/application/context.js';
import type { CertificateContext } from '../streams/certificate/context.js';
import type { ExamContext } from '../streams/exam/context.js';
import type { Decision, LocalDate, RulePack } from '../rules/rulePack.js';
import type { CalendarYearBasis, ProvisionalPolicy, WorkingDayCalendar } from '../domain/calendar.js';
import type { StreamContexts, StreamState } from '../streams/state.js';
import type { SnapshotStore } from './snapshots.js';
import type { ReceiptOptions, ResultReceipts } from '../transparency/receipts.js';

/** What `createEngine` takes. */
export interface EngineOptions {
  /** Where events are kept: `memoryStore()`, `sqliteStore(…)` from @certflow/store-sqlite, `postgresStore(…)` from @certflow/store-postgres. */
  store: EventStore;
  /** The packs this engine may use, passed explicitly (never registered by import). */
  rulePacks: RulePack[] | Record<string, RulePack>;
  /** The engine's clock; events carry its instant in `meta.at`. Default: `() => new Date()`. */
  clock?: () => Date;
  /** The working-day calendar deadlines are computed with: pass `createChinaCalendar()` from `@certflow/calendar`. */
  calendar?: WorkingDayCalendar;
  /**
   * What a step check does with a deadline whose due date rests on a year whose arrangement is not
   * published: `compute` (default) decides on the provisional calendar (statutory holidays, weekends)
   * and marks the decision provisional; `refuse` throws ProvisionalCalendarError (code
   * `CALENDAR_PROVISIONAL`) instead, and `tick` records no DeadlineMissed on provisional days.
   * `deadlines()` lists such deadlines as `provisional` either way.
   */
  provisional?: ProvisionalPolicy;
  /** How many times a command is retried after a concurrency conflict before ConcurrencyError surfaces. Default 5. */
  maxRetries?: number;
  /** Where `load`, `execute`, `tick` and `deadlines` keep machine snapshots (keyed by machine version). Default: none. */
  snapshots?: SnapshotStore;
  /** Take a snapshot when at least this many events were folded since the last one. Default 100. */
  snapshotEvery?: number;
  /** Give each `IssueCertificates` result `receipts()`: per certificate, its inclusion proof against the next checkpoint (see {@link ReceiptOptions}). The store must keep a transparency log. */
  receipts?: true | ReceiptOptions;
  /**
   * The locale of the messages of the errors the engine throws (`err.message`,
   * `err.format()`), findings included. Default `en`. Events never depend on it.
   */
  locale?: Locale;
  /** The texts of the packs' findings in every locale (`import { findings } from '@certflow/rulepack-<id>/locales'`). */
  findingTexts?: FindingCatalogue[];
}

/** The context type of each machine's streams. */
export type MachineContexts = StreamContexts;

/** What a command returns: the stream's new state and what the command recorded. */
export interface ExecuteResult<C = ApplicationContext | ExamContext | CertificateContext> {
  streamId: string;
  /** The stream's version after the command (number of events). */
  version: number;
  /** The stream folded after the command. */
  state: StreamState<C>;
  /** The events this command recorded on its stream (for a repeated command: those of the first run). */
  events: StoredEvent[];
  /** The decision the command recorded (screening, plan or scope), else null. */
  decision: Decision | null;
  /** With `createEngine({ receipts })`, on an `IssueCertificates` result: each certificate's receipt (leaf index, proof against the next checkpoint, proof bundle). */
  receipts?: ResultReceipts;
}

/** Options of `engine.load`. */
export interface LoadOptions {
  /** Time travel: fold only the events recorded at or before this instant. */
  at?: Date | string;
}

/** One deadline of `engine.deadlines()`: a pack's deadline on one stream, computed in working days with the engine's calendar. */
export interface DeadlineItem {
  streamId: string;
  /** The pack's deadline id, e.g. `acceptance`. */
  deadlineId: string;
  /** `within`: the step within N working days after the anchor; `before`: at least N working days before it; `min-period`: not before N working days after it. */
  kind: 'within' | 'before' | 'min-period';
  /** The command the deadline is about, e.g. `AcceptApplication`. */
  step: string;
  /** The China date counted from (an event's date, or a field such as `examDate`). */
  anchor: LocalDate;
  /** within/before: the last day the step may happen; min-period: the first day it may. Null when `uncovered`. */
  due: LocalDate | null;
  /**
   * open / due-today / overdue / waiting (min-period); `provisional` when the
   * due date rests on a year whose arrangement is not published (computed from
   * the statutory holidays: `computedStatus` tells where it stands); `uncovered`
   * when the calendar cannot compute it at all (`error` says why).
   */
  status: 'open' | 'due-today' | 'overdue' | 'waiting' | 'provisional' | 'uncovered';
  /** For `provisional`: the status the computed due date gives. */
  computedStatus?: 'open' | 'due-today' | 'overdue' | 'waiting';
  /** The calendar years the due date rests on that are not built-in: host-added (their notice) or provisional (the statutory rule). */
  basis?: CalendarYearBasis[];
  /** For `uncovered`: the calendar's error. */
  error?: { code: string; message: string; year?: number };
  /** The clause the deadline comes from. */
  cite: { document: string; clause: string; text: string };
}

export type { LoadedStream, StreamState } from '../streams/state.js';

export const SYSTEM_ACTOR: Actor = { id: 'certflow-engine', role: 'system' };
