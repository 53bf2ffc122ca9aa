import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { iJsonIssues, MAX_JSON_DEPTH } from '../validateEvents.js';
import { actorSchema, streamIdSchema } from '../event.js';
import { canonicalJson, sha256Hex } from '../hash.js';
import { zodIssues } from '../zodIssues.js';
import type { CommandType } from '../domain/vocabulary.js';
import { commandTypes, type CommandPayloads } from '../streams/commandTable.js';

export { COMMAND_EVENT, payloadSchemas } from '../streams/commandTable.js';
export type { CommandPayloads, ParsedPayloads } from '../streams/commandTable.js';

export const commandSchema = z.object({
  // Every command a stream's commands.ts defines (the table's keys).
  type: z.enum(commandTypes() as [CommandType, ...CommandType[]]),
  streamId: streamIdSchema,
  commandId: z.string().min(1),
  correlationId: z.string().min(1).optional(),
  actor: actorSchema,
  payload: z.unknown().optional(),
});

/** A command as host systems send it. */
export interface Command<T extends CommandType = CommandType> {
  type: T;
  streamId: string;
  /** Unique per intent: a repeated command with the same id returns the first result. */
  commandId: string;
  correlationId?: string;
  actor: { id: string; role: z.infer<typeof actorSchema>['role'] };
  payload?: CommandPayloads[T];
}

/** How deep a command payload may nest (objects and arrays): the limit new events are held to (MAX_JSON_DEPTH). */
export const MAX_PAYLOAD_DEPTH = MAX_JSON_DEPTH;

/**
 * Everything in a command payload that has no exact I-JSON form (RFC 7493),
 * by the same definition new events are held to (`iJsonIssues`): bigint,
 * functions, symbols, NaN/Infinity, Dates and other class instances, cycles,
 * strings or keys with a lone surrogate, integers beyond ±(2^53−1), `__proto__`
 * keys, holes or `undefined` in an array, and nesting deeper than
 * MAX_PAYLOAD_DEPTH. An object property that is `undefined` counts as absent,
 * as in JSON. Checked before anything is appended, quota places included.
 */
export function payloadIssues(value: unknown, root: (string | number)[] = ['payload']): ValidationIssue[] {
  if (value === undefined)
    return [
      {
        path: root,
        code: 'not_json',
        message: 'expected a JSON value, received undefined',
        expected: 'a JSON value',
        received: 'undefined',
      },
    ];
  return iJsonIssues(value, root, { undefinedIsAbsent: true });
}

/**
 * Validates a command as a host sent it, before anything is read or written:
 * its envelope (type, stream, ids, actor) and that its payload is I-JSON.
 * The payload's own schema is checked once the stream is loaded. Throws one
 * ValidationError; returns the command with its actor and payload as plain
 * JSON (`undefined` properties dropped).
 */
export function parseCommand(raw: unknown): Command {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const received = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
    throw new ValidationError(
      [
        {
          path: [],
          code: 'invalid_type',
          message: `expected a command object, received ${received}`,
          expected: 'object',
          received,
        },
      ],
      'command',
    );
  }
  const parsed = commandSchema.safeParse(raw);
  const issues = parsed.success ? [] : zodIssues(parsed.error);
  const payload = (raw as { payload?: unknown }).payload;
  if (payload !== undefined) issues.push(...payloadIssues(payload));
  if (!parsed.success || issues.length > 0)
    throw new ValidationError(issues, parsed.success ? parsed.data.type : 'command');
  const command = parsed.data as Command;
  // Plain JSON from here on (undefined properties dropped): what the fingerprint and the events see.
  return { ...command, payload: payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)) };
}

/**
 * A command's fingerprint: SHA-256 (hex) of the RFC 8785 canonical JSON of
 * `{ type, streamId, actor, payload }` (an absent payload counts as `{}`).
 * The engine records it in `meta.commandFingerprint` of every event the
 * command appends; a commandId seen again with another fingerprint is an
 * IdempotencyConflictError.
 */
export function commandFingerprint(command: Pick<Command, 'type' | 'streamId' | 'actor' | 'payload'>): string {
  return sha256Hex(
    canonicalJson({
      type: command.type,
      streamId: command.streamId,
      actor: { id: command.actor.id, role: command.actor.role },
      payload: command.payload ?? {},
    }),
  );
}
