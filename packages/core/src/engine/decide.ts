import type { EventMeta } from '../event.js';
import type { EventStore } from '../eventStore.js';
import type { Decision, Finding, LocalDate, RulePack } from '../rules/rulePack.js';
import type { CommandType } from '../rules/vocabulary.js';
import type { ProvisionalPolicy, WorkingDayCalendar } from './calendar.js';
import type { Command, ParsedPayloads } from './commandSchemas.js';
import type { LoadedStream } from './types.js';

export interface PackRegistry {
  /** The newest pack with this id. */
  byId(id: string): RulePack | undefined;
  /** Exactly the recorded version. */
  resolve(ref: { id: string; version: string }): RulePack;
  ids(): string[];
}

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

export interface DecideInput<T extends CommandType = CommandType> {
  command: Command<T> & { payload: ParsedPayloads[T] };
  stream: LoadedStream;
  pack: RulePack;
  env: DecideEnv;
}

export interface Decided {
  /** Events for the command's own stream, appended atomically. */
  events: { type: string; data: any }[];
  decision: Decision | null;
  /** Compensates work done before the append (quota places) if the command fails after all. */
  undo?: () => Promise<void>;
  /** Work on other streams once the command's own events are committed (certificates, released places). */
  after?: () => Promise<void>;
}

export type Decider = (input: DecideInput<any>) => Promise<Decided> | Decided;

export const failing = (d: Decision): Finding[] => d.findings.filter((f) => f.outcome === 'fail');
