import { z } from 'zod';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

export const ROLES = [
  'applicant',
  'city-center',
  'provincial-center',
  'expert',
  'supervisor',
  'auditor',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
}

export interface RulePackRef {
  id: string;
  version: string;
}

export interface EventMeta {
  /** ISO-8601 instant with a zone (e.g. `2020-06-01T09:00:00+08:00` or `...Z`). */
  at: string;
  actor: Actor;
  commandId: string;
  correlationId: string;
  rulePack?: RulePackRef | null;
  /** SHA-256 of the command that appended the event (the engine's `commandFingerprint`); absent on events written otherwise or before it was recorded. */
  commandFingerprint?: string;
  /** `2`: the event's personal fields hold tokens (subject and salted commitment), the values are in the store's vault; absent: format 1, values in clear. */
  format?: 2;
}

/** What a writer hands to `append`: the store assigns version, position and hashes. */
export interface NewEvent<T extends string = string, D extends JsonValue = JsonValue> {
  type: T;
  data: D;
  meta: EventMeta;
}

/** An event as stored: hash-chained within its stream, positioned globally. */
export interface StoredEvent<T extends string = string, D extends JsonValue = JsonValue> extends NewEvent<T, D> {
  streamId: string;
  /** 1..n within the stream, without gaps. */
  version: number;
  /** Global position, strictly increasing in commit order of the store. */
  position: number;
  /** `hash` of the previous event of the stream; `null` for version 1. */
  prevHash: string | null;
  /** SHA-256 (hex) over the RFC 8785 canonical JSON of this event without `hash`. */
  hash: string;
}

export const STREAM_ID_PATTERN = /^(application|exam|certificate|quota)-[A-Za-z0-9._-]+$/;
export type StreamKind = 'application' | 'exam' | 'certificate' | 'quota';

export function streamKind(streamId: string): StreamKind {
  const m = STREAM_ID_PATTERN.exec(streamId);
  if (!m) throw new Error(`not a stream id: ${streamId}`);
  return m[1] as StreamKind;
}

/** An ISO-8601 instant with a zone, as event meta's `at` takes it. */
export const ISO_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const isoInstant = z
  .string()
  .regex(ISO_INSTANT_PATTERN, 'an ISO-8601 instant with a zone, e.g. 2020-06-01T09:00:00+08:00')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'a real instant');

export const actorSchema = z.object({
  id: z.string().min(1),
  role: z.enum(ROLES),
});

export const eventMetaSchema = z.object({
  at: isoInstant,
  actor: actorSchema,
  commandId: z.string().min(1),
  correlationId: z.string().min(1),
  rulePack: z
    .object({ id: z.string().min(1), version: z.string().min(1) })
    .nullable()
    .optional(),
  format: z.literal(2).optional(),
});

export const streamIdSchema = z
  .string()
  .regex(STREAM_ID_PATTERN, 'a stream id like application-<id>, exam-<id>, certificate-<number> or quota-<id>');

/**
 * What a new event's type may be: one or more characters, none a control
 * character (U+0000–U+001F) and no lone surrogate. A lone surrogate has no
 * UTF-8 form, so a store writing the type as text (SQLite, PostgreSQL) would
 * keep U+FFFD instead and the event would no longer match its hash; PostgreSQL
 * text cannot hold U+0000 at all. Surrogate pairs (emoji, rare CJK) are fine.
 * Logs written before this rule are still read and verified as they are.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern excludes control characters on purpose
export const EVENT_TYPE_PATTERN = /^(?:[^\u0000-\u001f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])+$/;

export const newEventSchema = z.object({
  type: z
    .string()
    .min(1, 'a non-empty event type')
    .regex(
      EVENT_TYPE_PATTERN,
      'an event type without control characters or lone surrogates (text every store can keep)',
    ),
  data: z.unknown(),
  meta: eventMetaSchema,
});

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

export const storedEventSchema = z.object({
  streamId: streamIdSchema,
  version: z.number().int().min(1),
  position: z.number().int().min(1),
  type: z.string().min(1),
  data: z.unknown(),
  meta: eventMetaSchema,
  prevHash: hex64.nullable(),
  hash: hex64,
});
