import { z } from 'zod';
import { actorSchema, streamIdSchema } from '../event.js';
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
      .array(z.object({ idNumber: idCardNumberSchema, passed: z.boolean(), score: z.number().min(0).max(100).optional() }))
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
