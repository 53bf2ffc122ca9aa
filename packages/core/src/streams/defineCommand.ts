import type { z } from 'zod';
import type { ProvisionalPolicy, WorkingDayCalendar } from '../domain/calendar.js';
import type { CommandType, MachineName } from '../domain/vocabulary.js';
import type { Actor, EventMeta, JsonValue, Role } from '../event.js';
import type { EventStore } from '../eventStore.js';
import type { Decision, Finding, LocalDate, RulePack } from '../rules/rulePack.js';
import type { ApplicationEventType } from './application/events.js';
import type { CertificateEventType } from './certificate/events.js';
import type { ExamEventType } from './exam/events.js';
import type { LoadedStream, StreamContexts } from './state.js';

export interface PackRegistry {
  /** The newest pack with this id. */
  byId(id: string): RulePack | undefined;
  /** Exactly the recorded version. */
  resolve(ref: { id: string; version: string }): RulePack;
  ids(): string[];
}

/** What a command runs with: the store, the calendar, the packs, the instant and the meta its events carry. */
export interface DecideEnv {
  store: EventStore;
  calendar: WorkingDayCalendar | undefined;
  /** The engine's policy for deadlines on provisional calendar days (default `compute`). */
  provisional?: ProvisionalPolicy;
  packs: PackRegistry;
  now: Date;
  today: LocalDate;
  /** Meta every event of this command carries (rulePack added per pack). */
  meta: Omit<EventMeta, 'rulePack'>;
  load(streamId: string): Promise<LoadedStream>;
}

/** The event types each stream kind holds (the keys of its catalogue, ./<kind>/events.ts). */
export interface StreamEventTypes {
  application: ApplicationEventType;
  exam: ExamEventType;
  certificate: CertificateEventType;
}

/** A command as a decider sees it: the envelope `parseCommand` accepted and the payload its schema parsed. */
export interface DecidingCommand<P> {
  type: CommandType;
  streamId: string;
  commandId: string;
  correlationId?: string;
  actor: Actor;
  payload: P;
}

/** What a decider is given: the command, the stream as loaded (with its typed context), the pack and the environment. */
export interface DecideInput<P = unknown, C = unknown> {
  command: DecidingCommand<P>;
  stream: LoadedStream;
  /** The stream's machine context before the command (`stream.snapshot.context`), typed for its stream kind. */
  context: C;
  pack: RulePack;
  env: DecideEnv;
}

/** An event a decider records on the command's own stream. */
export interface RecordedEvent<T extends string = string> {
  type: T;
  data: JsonValue;
}

/** What a decider returns. */
export interface Decided<T extends string = string> {
  /** Events for the command's own stream, appended atomically. */
  events: RecordedEvent<T>[];
  decision: Decision | null;
  /** Compensates work done before the append (quota places) if the command fails after all. */
  undo?: () => Promise<void>;
  /** Work on other streams once the command's own events are committed (certificates, released places). */
  after?: () => Promise<void>;
}

/** What a command's `pack` hook is given to find the pack it runs under. */
export interface PackInput<P> {
  command: DecidingCommand<P>;
  stream: LoadedStream;
  /** The stream's state label before the command (e.g. `draft`). */
  state: string;
  env: DecideEnv;
}

/**
 * Everything about one command, in one place: the stream kind it acts on, the
 * event it records, who may issue it by default, whether it opens a stream,
 * the name of its typed helper, its payload schema and its decider. The
 * engine's tables (`COMMANDS`'s streams, `DEFAULT_ROLES`, `COMMAND_EVENT`,
 * payload schemas, `engine.<stream>s.<helper>`) are derived from these.
 */
export interface CommandDefinition<
  S extends MachineName = MachineName,
  P extends z.ZodType = z.ZodType,
  H extends string = string,
  R extends StreamEventTypes[S] = StreamEventTypes[S],
> {
  /** The stream kind it acts on: `application-…`, `exam-…` or `certificate-…`. */
  stream: S;
  /** The event it records on its own stream; the machine must take it in the stream's state, else InvalidTransitionError. */
  records: R;
  /** Other events it may record instead (AmendScope from an applicant records a proposal). */
  alsoRecords?: readonly StreamEventTypes[S][];
  /** The roles that may issue it unless a pack narrows them (never `auditor`). */
  roles: readonly Role[];
  /** True when it may act on a stream without events (it opens the stream). */
  creates?: boolean;
  /** Its typed helper: `engine.applications.<helper>`, `engine.exams.<helper>`, `engine.certificates.<helper>`. */
  helper: H;
  /** Its payload, validated once the stream is loaded (ValidationError with every field path). */
  payload: P;
  /** False when the actor is not compared with the stream's owner (a command acting for another stream's owner). Default true. */
  checksOwner?: boolean;
  /** The pack it runs under when not the one the stream recorded (the first command of a stream). */
  pack?(input: PackInput<z.output<P>>): RulePack | Promise<RulePack>;
  /** Decides: the events to record, or an error (nothing is appended on any error). */
  decide(
    input: DecideInput<z.output<P>, StreamContexts[S]>,
  ): Decided<StreamEventTypes[S]> | Promise<Decided<StreamEventTypes[S]>>;
  /** Finishes, for a repeated command, work its first run left undone after its own append (a crash before `after`). */
  complete?(stream: LoadedStream, env: DecideEnv): Promise<unknown>;
}

/**
 * Defines a command: the one place its stream, event, roles, payload and
 * decider are written. Put it in its stream's `commands.ts`; a new command
 * also needs its event taken by the stream's `machine.ts`.
 */
export function defineCommand<
  const S extends MachineName,
  P extends z.ZodType,
  const H extends string,
  const R extends StreamEventTypes[S],
>(definition: CommandDefinition<S, P, H, R>): CommandDefinition<S, P, H, R> {
  return definition;
}

export const failing = (d: Decision): Finding[] => d.findings.filter((f) => f.outcome === 'fail');

/** Strips `undefined` and anything JSON cannot hold, so event data can be stored and hashed. */
export const toJson = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value));
