import { z } from 'zod';
import { personal } from '../../personal/fields.js';
import { localDate, occupationLevelSchema, packRefSchema, reasonPayload, text } from '../common.js';

/** The `data` of every event a certificate stream holds, by type, as the engine writes it. */
export const certificateEvents = {
  CertificateIssued: z.looseObject({
    number: z.string().length(22),
    holder: z.looseObject({ name: personal(text, 'name'), idNumber: personal(text, 'id-number') }),
    occupation: occupationLevelSchema,
    examStreamId: z.string().regex(/^exam-[A-Za-z0-9._-]+$/),
    issuedBy: text,
    rulePack: packRefSchema,
    issuedOn: localDate,
  }),
  CertificateRevoked: reasonPayload,
} as const satisfies Record<string, z.ZodType>;

export type CertificateEventType = keyof typeof certificateEvents;
export type CertificateEventData = { [K in CertificateEventType]: z.infer<(typeof certificateEvents)[K]> };
