import { z } from 'zod';
import { personal } from '../personal/fields.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { iJsonIssues, MAX_JSON_DEPTH } from '../validateEvents.js';
import { actorSchema, streamIdSchema } from '../event.js';
import { canonicalJson, sha256Hex } from '../hash.js';
import { zodIssues } from '../zodIssues.js';
import { applicantProfileSchema, examPlanSchema, localDateSchema, idCardNumberSchema, levelSchema, occupationSchema } from '../rules/profile.js';
import { ALL_COMMANDS, type CommandType } from '../rules/vocabulary.js';

const text = z.string().trim().min(1);
const none = z.looseObject({ note: z.string().optional() });

/** The payload of each command, validated before anything is read or written. */
export const payloadSchemas = {
  SubmitApplication: applicantProfileSchema.extend({ rulePack: z.string().min(1, 'the id of a rule pack passed to createEngine') }),
  RequestSupplement: z.looseObject({ items: z.array(text).min(1, 'at least one item to supplement'), note: z.string().optional() }),
  SupplementApplication: applicantProfileSchema,
  AcceptApplication: none,
  RejectApplication: z.looseObject({ reason: text }),
  RecordEvaluation: z.looseObject({
    findings: z
      .record(z.string().min(1), z.object({ outcome: z.enum(['pass', 'fail']), note: text }))
      .refine((r) => Object.keys(r).length > 0, 'at least one finding'),
  }),
  StartPublicity: none,
  RecordObjection: z.looseObject({ objectionId: text, text }),
  ResolveObjection: z.looseObject({ objectionId: text, upheld: z.boolean(), resolution: text }),
  CompleteFiling: z.looseObject({
    organizationCode: z.string().regex(/^\d{4}$/, 'a 4-digit organization code').optional(),
    filingNumber: text.optional(),
    /** The receipt's 备案有效期, where the pack's notice fixes no validity length (`filingValidity` without `years`). */
    validUntil: localDateSchema.optional(),
  }),
  AmendScope: z.looseObject({
    add: z.array(occupationSchema).default([]),
    drop: z.array(z.object({ code: occupationSchema.shape.code, levels: z.array(levelSchema).min(1).optional() })).default([]),
  }),
  SuspendFiling: z.looseObject({ reason: text }),
  ReinstateFiling: none,
  RevokeFiling: z.looseObject({ reason: text }),
  PlanExam: examPlanSchema,
  FileExamPlan: none,
  RecordResults: z.looseObject({
    results: z
      .array(z.object({ idNumber: personal(idCardNumberSchema, 'id-number'), passed: z.boolean(), score: z.number().min(0).max(100).optional() }))
      .min(1)
      .refine((r) => new Set(r.map((c) => c.idNumber)).size === r.length, 'each candidate once'),
  }),
  StartResultsPublicity: none,
  ConfirmResults: none,
  IssueCertificates: none,
  RevokeCertificate: z.looseObject({ reason: text }),
} satisfies Record<CommandType, z.ZodType>;

export type CommandPayloads = { [K in CommandType]: z.input<(typeof payloadSchemas)[K]> };
export type ParsedPayloads = { [K in CommandType]: z.output<(typeof payloadSchemas)[K]> };

export const commandSchema = z.object({
  type: z.enum(ALL_COMMANDS as [CommandType, ...CommandType[]]),
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

/** The event each command records on its own stream. */
export const COMMAND_EVENT: Record<CommandType, string> = {
  SubmitApplication: 'ApplicationSubmitted',
  RequestSupplement: 'SupplementRequested',
  SupplementApplication: 'ApplicationSupplemented',
  AcceptApplication: 'ApplicationAccepted',
  RejectApplication: 'ApplicationRejected',
  RecordEvaluation: 'EvaluationRecorded',
  StartPublicity: 'PublicityStarted',
  RecordObjection: 'ObjectionRecorded',
  ResolveObjection: 'ObjectionResolved',
  CompleteFiling: 'FilingCompleted',
  AmendScope: 'ScopeAmended',
  SuspendFiling: 'FilingSuspended',
  ReinstateFiling: 'FilingReinstated',
  RevokeFiling: 'FilingRevoked',
  PlanExam: 'ExamPlanned',
  FileExamPlan: 'ExamPlanFiled',
  RecordResults: 'ResultsRecorded',
  StartResultsPublicity: 'ResultsPublicityStarted',
  ConfirmResults: 'ResultsConfirmed',
  IssueCertificates: 'CertificatesIssued',
  RevokeCertificate: 'CertificateRevoked',
};

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
  if (value === undefined) return [{ path: root, code: 'not_json', message: 'expected a JSON value, received undefined', expected: 'a JSON value', received: 'undefined' }];
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
    throw new ValidationError([{ path: [], code: 'invalid_type', message: `expected a command object, received ${received}`, expected: 'object', received }], 'command');
  }
  const parsed = commandSchema.safeParse(raw);
  const issues = parsed.success ? [] : zodIssues(parsed.error);
  const payload = (raw as { payload?: unknown }).payload;
  if (payload !== undefined) issues.push(...payloadIssues(payload));
  if (!parsed.success || issues.length > 0) throw new ValidationError(issues, parsed.success ? parsed.data.type : 'command');
  const command = parsed.data as Command;
  return { ...command, payload: payload === undefined ? undefined : (JSON.parse(JSON.stringify(payload)) as never) };
}

/**
 * A command's fingerprint: SHA-256 (hex) of the RFC 8785 canonical JSON of
 * `{ type, streamId, actor, payload }` (an absent payload counts as `{}`).
 * The engine records it in `meta.commandFingerprint` of every event the
 * command appends; a commandId seen again with another fingerprint is an
 * IdempotencyConflictError.
 */
export function commandFingerprint(command: Pick<Command, 'type' | 'streamId' | 'actor' | 'payload'>): string {
  return sha256Hex(canonicalJson({ type: command.type, streamId: command.streamId, actor: { id: command.actor.id, role: command.actor.role }, payload: command.payload ?? {} }));
}
