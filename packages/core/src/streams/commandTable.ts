import type { z } from 'zod';
import type { CommandType, MachineName } from '../domain/vocabulary.js';
import type { Role } from '../event.js';
import { applicationCommands } from './application/commands.js';
import { certificateCommands } from './certificate/commands.js';
import type { CommandDefinition } from './defineCommand.js';
import { examCommands } from './exam/commands.js';
import type { StreamContexts } from './state.js';

/**
 * Every command by name, from each stream's commands.ts: the one table the
 * engine reads. `DEFAULT_ROLES`, `COMMAND_EVENT`, the payload schemas, the
 * typed helpers and their result types are derived from it.
 */
export const COMMAND_TABLE = { ...applicationCommands, ...examCommands, ...certificateCommands };
export type CommandTable = typeof COMMAND_TABLE;

// The table defines exactly the commands of the vocabulary (the names packs may refer to), no more, no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const tableMatchesVocabulary: Same<keyof CommandTable, CommandType> = true;
void tableMatchesVocabulary;

/** A command's definition, as the engine uses it whatever its payload. */
export type AnyCommandDefinition = CommandDefinition<MachineName, z.ZodType, string>;

/** The definition of a command by name, or undefined for a name no stream defines. */
export function commandDefinition(type: string): AnyCommandDefinition | undefined {
  const table: Record<string, AnyCommandDefinition> = COMMAND_TABLE;
  return Object.hasOwn(table, type) ? table[type] : undefined;
}

/** Every command name the table defines, in stream order (application, exam, certificate). */
export const commandTypes = (): string[] => Object.keys(COMMAND_TABLE);

/** One column of the table, by command name. */
const derive = <M>(pick: (d: AnyCommandDefinition) => unknown): M =>
  Object.fromEntries(Object.entries<AnyCommandDefinition>(COMMAND_TABLE).map(([type, d]) => [type, pick(d)])) as M;

/** Default roles per command; a pack may narrow them (never widen to `auditor`). */
export const DEFAULT_ROLES = derive<Record<CommandType, readonly Role[]>>((d) => d.roles);

/** The event each command records on its own stream. */
export const COMMAND_EVENT = derive<{ [K in CommandType]: CommandTable[K]['records'] }>((d) => d.records);

/** The payload schema of each command, validated before anything is read or written. */
export const payloadSchemas = derive<{ [K in CommandType]: CommandTable[K]['payload'] }>((d) => d.payload);

/** The payload each command takes, as a host passes it. */
export type CommandPayloads = { [K in CommandType]: z.input<CommandTable[K]['payload']> };
/** The payload each command's decider sees, once parsed (defaults filled in). */
export type ParsedPayloads = { [K in CommandType]: z.output<CommandTable[K]['payload']> };

/** The stream kind a command acts on. */
export type StreamOf<T extends CommandType> = CommandTable[T]['stream'];
/** The context of the machine a command belongs to, so a helper's result is typed for its stream. */
export type ContextOf<T extends CommandType> = StreamContexts[StreamOf<T>];
/** The commands of one stream kind. */
export type CommandsOf<S extends MachineName> = { [K in CommandType]: StreamOf<K> extends S ? K : never }[CommandType];
