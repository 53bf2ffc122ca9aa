import { z } from 'zod';
import { applicantProfileSchema, levelSchema, occupationSchema } from '../../domain/profile.js';
import {
  actorSchema,
  deadlineMissedSchema,
  deadlineMissedWithdrawnSchema,
  decisionSchema,
  localDate,
  note,
  objectionResolutionPayload,
  packRefSchema,
  reasonPayload,
  supplementRequestPayload,
  text,
} from '../common.js';

const scopeChangeSchema = z.looseObject({
  add: z.array(occupationSchema),
  drop: z.array(z.looseObject({ code: text, levels: z.array(levelSchema).min(1).optional() })),
});

/** The `data` of every event an application (filing) stream holds, by type, as the deciders write it. */
export const applicationEvents = {
  ApplicationSubmitted: z.looseObject({
    applicantId: text,
    rulePack: packRefSchema,
    profile: applicantProfileSchema,
    decision: decisionSchema,
  }),
  SupplementRequested: supplementRequestPayload,
  ApplicationSupplemented: z.looseObject({ profile: applicantProfileSchema, decision: decisionSchema }),
  ApplicationAccepted: note,
  ApplicationRejected: reasonPayload,
  EvaluationRecorded: z.looseObject({
    findings: z.record(text, z.looseObject({ outcome: z.enum(['pass', 'fail']), note: text, expertId: text })),
  }),
  PublicityStarted: z.looseObject({ note: z.string().optional(), startsOn: localDate }),
  ObjectionRecorded: z.looseObject({ objectionId: text, text: text, by: actorSchema }),
  ObjectionResolved: objectionResolutionPayload,
  FilingCompleted: z.looseObject({
    organizationCode: z.string().regex(/^\d{4}$/),
    filingNumber: text,
    validFrom: localDate,
    validUntil: localDate.nullable(),
    scope: z.array(z.looseObject({ code: text, levels: z.array(levelSchema) })),
    quotaPlaces: z.array(text),
  }),
  ScopeAmendmentProposed: z.looseObject({ change: scopeChangeSchema, decision: decisionSchema }),
  ScopeAmended: z.looseObject({
    change: scopeChangeSchema,
    profile: applicantProfileSchema,
    decision: decisionSchema,
    quotaPlaces: z.array(text),
  }),
  FilingSuspended: reasonPayload,
  FilingReinstated: note,
  FilingRevoked: reasonPayload,
  FilingExpired: z.looseObject({ validUntil: localDate, expiredOn: localDate }),
  DeadlineMissed: deadlineMissedSchema,
  DeadlineMissedWithdrawn: deadlineMissedWithdrawnSchema,
} as const satisfies Record<string, z.ZodType>;

export type ApplicationEventType = keyof typeof applicationEvents;
export type ApplicationEventData = { [K in ApplicationEventType]: z.infer<(typeof applicationEvents)[K]> };
