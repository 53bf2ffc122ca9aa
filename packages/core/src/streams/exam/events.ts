import { z } from 'zod';
import { personal } from '../../personal/fields.js';
import { examPlanSchema, levelSchema } from '../../domain/profile.js';
import {
  deadlineMissedSchema,
  deadlineMissedWithdrawnSchema,
  decisionSchema,
  localDate,
  note,
  packRefSchema,
  resultsPayload,
  text,
} from '../common.js';

const filingSummarySchema = z.looseObject({
  streamId: text,
  applicantId: text,
  organizationName: text,
  organizationKind: text,
  organizationCode: text,
  registeredIn: text,
  scope: z.array(z.looseObject({ code: text, levels: z.array(levelSchema) })),
  validUntil: localDate.nullable(),
});

/** The `data` of every event an exam stream holds, by type, as the deciders write it. */
export const examEvents = {
  ExamPlanned: examPlanSchema.extend({
    organizerId: text,
    rulePack: packRefSchema,
    filing: filingSummarySchema,
    decision: decisionSchema,
  }),
  ExamPlanFiled: z.looseObject({ note: z.string().optional(), filedOn: localDate }),
  ResultsRecorded: resultsPayload,
  ResultsPublicityStarted: z.looseObject({ note: z.string().optional(), startsOn: localDate }),
  ResultsConfirmed: note,
  CertificatesIssued: z.looseObject({
    certificates: z
      .array(
        z.looseObject({
          number: z.string().length(22),
          idNumber: personal(text, 'id-number'),
          name: personal(text, 'name'),
        }),
      )
      .min(1),
    issuedOn: localDate,
  }),
  DeadlineMissed: deadlineMissedSchema,
  DeadlineMissedWithdrawn: deadlineMissedWithdrawnSchema,
} as const satisfies Record<string, z.ZodType>;

export type ExamEventType = keyof typeof examEvents;
export type ExamEventData = { [K in ExamEventType]: z.infer<(typeof examEvents)[K]> };
