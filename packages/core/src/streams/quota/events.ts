import { z } from 'zod';
import { text } from '../common.js';

/**
 * The `data` of every event a quota stream holds: reservations of places that
 * span organizations (`quota-<pack>-<quota>-<bucket>`), and blocks of
 * certificate serial numbers (`quota-serial-<prefix>`).
 */
export const quotaEvents = {
  QuotaPlaceReserved: z.looseObject({
    holder: z.string().regex(/^application-[A-Za-z0-9._-]+$/),
    quotaId: text,
    bucket: text,
    max: z.number().int().min(1),
  }),
  QuotaPlaceReleased: z.looseObject({ holder: z.string().regex(/^application-[A-Za-z0-9._-]+$/), reason: text }),
  SerialsAllocated: z.looseObject({
    from: z.number().int().min(1),
    count: z.number().int().min(1),
    examStreamId: z.string().regex(/^exam-[A-Za-z0-9._-]+$/),
  }),
  /** A subject's personal data was erased from the vault (`quota-erasure-<subject>`): who, why, and the commitments that no longer open. */
  PersonalDataErased: z.looseObject({
    subject: z.string().regex(/^[0-9a-f]{32}$/),
    reason: text,
    commitments: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  }),
} as const satisfies Record<string, z.ZodType>;

export type QuotaEventType = keyof typeof quotaEvents;
export type QuotaEventData = { [K in QuotaEventType]: z.infer<(typeof quotaEvents)[K]> };
