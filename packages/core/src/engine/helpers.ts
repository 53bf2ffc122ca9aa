import { randomUUID } from 'node:crypto';
import type { CommandType, MachineName } from '../domain/vocabulary.js';
import type { Actor } from '../event.js';
import {
  COMMAND_TABLE,
  type CommandPayloads,
  type CommandTable,
  type ContextOf,
  type StreamOf,
} from '../streams/commandTable.js';
import type { Command } from './commandSchemas.js';
import type { ExecuteResult } from './types.js';

/** What a typed helper takes: the stream, who acts, the payload; a commandId is generated when absent. */
export interface CommandArgs<T extends CommandType> {
  /** The stream the command acts on: `application-…`, `exam-…` or `certificate-…` as the command's machine requires. */
  streamId: string;
  /** Who acts: the host's id for the person or organization and its role (checked against the pack's roles per command). */
  actor: Actor;
  /** The command's payload (e.g. the applicant profile and `rulePack` for SubmitApplication); commands without one omit it. */
  payload?: CommandPayloads[T];
  /** Idempotency key: a command sent again with the same id returns its first result and records nothing. Default: a random UUID. */
  commandId?: string;
  /** Ties the recorded events to a wider operation of the host (`meta.correlationId`). */
  correlationId?: string;
}

/** One typed helper: `engine.execute` with the command's type filled in, its result typed for the command's stream. */
export type Helper<T extends CommandType> = (args: CommandArgs<T>) => Promise<ExecuteResult<ContextOf<T>>>;

/** The helper group of each stream kind: `engine.applications`, `engine.exams`, `engine.certificates`. */
const GROUPS = { application: 'applications', exam: 'exams', certificate: 'certificates' } as const satisfies Record<
  MachineName,
  string
>;
type Groups = typeof GROUPS;

/** The helpers of one stream kind, each named by its command's `helper`. */
export type HelpersOf<S extends MachineName> = {
  [K in CommandType as StreamOf<K> extends S ? CommandTable[K]['helper'] : never]: Helper<K>;
};

/**
 * `engine.applications.*`, `engine.exams.*`, `engine.certificates.*`: one typed
 * function per command (named by its definition's `helper` in its stream's
 * commands.ts), each `engine.execute` with the command's type filled in.
 * Roles are the defaults (a pack may narrow them; `auditor` never writes);
 * a command the state does not take is an `InvalidTransitionError`, a role
 * that may not issue it a `ForbiddenError`, and neither records anything.
 * States are those of docs/machines.md.
 */
export type CommandHelpers = { [S in MachineName as Groups[S]]: HelpersOf<S> };

export function commandHelpers(execute: (c: unknown) => Promise<ExecuteResult>): CommandHelpers {
  const helper =
    (type: string) =>
    (a: unknown): Promise<ExecuteResult> => {
      // Anything but an object goes to execute as it is, which refuses it with a ValidationError.
      if (typeof a !== 'object' || a === null) return execute(a);
      const args: Partial<CommandArgs<CommandType>> = a;
      const command = {
        type,
        streamId: args.streamId,
        actor: args.actor,
        commandId: args.commandId ?? randomUUID(),
        ...(args.correlationId ? { correlationId: args.correlationId } : {}),
        payload: args.payload ?? {},
      };
      return execute(command);
    };
  const groups: Record<string, Record<string, ReturnType<typeof helper>>> = {
    applications: {},
    exams: {},
    certificates: {},
  };
  for (const [type, definition] of Object.entries(COMMAND_TABLE))
    groups[GROUPS[definition.stream]]![definition.helper] = helper(type);
  // Each group holds exactly the helpers HelpersOf names: built from the same table.
  return groups as CommandHelpers;
}

export type { Command };
