import { z } from 'zod';
import { actorSchema } from '../event.js';
import { idCardNumberSchema, levelSchema, localDateSchema } from '../domain/profile.js';
import { personal } from '../personal/fields.js';

/**
 * Pieces the event catalogue shares. Each schema describes an event's `data`
 * exactly as the engine writes it; objects are loose (a later engine version
 * may add a field without making older replays fail), but every field the
 * engine writes is required with its type.
 */
export const text = z.string().min(1);
export const localDate = localDateSchema;
export const packRefSchema = z.looseObject({ id: text, version: text, hash: text });
export const citeSchema = z.looseObject({ document: text, clause: z.string(), text: text });

export const findingSchema = z.looseObject({
  ruleId: text,
  outcome: z.enum(['pass', 'fail', 'review', 'not-applicable']),
  message: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  cite: citeSchema,
  description: z.string(),
});

export const decisionSchema = z.looseObject({
  outcome: z.enum(['eligible', 'ineligible', 'needs-review']),
  findings: z.array(findingSchema),
  rulePack: packRefSchema,
  asOf: localDate,
});

const yearBasisSchema = z.looseObject({
  year: z.number().int(),
  source: z.enum(['built-in', 'host', 'provisional']),
  cite: z.looseObject({ document: z.string(), date: z.string() }).optional(),
});

/**
 * A deadline recorded as missed (by a late step or by `engine.tick`); on
 * provisional calendar days it says so (`provisional`, and the years its due
 * date rested on).
 */
export const deadlineMissedSchema = z.looseObject({
  deadlineId: text,
  step: z.string(),
  kind: z.enum(['within', 'before', 'min-period']),
  anchor: localDate,
  due: localDate,
  detectedOn: localDate,
  cite: citeSchema,
  provisional: z.literal(true).optional(),
  calendar: z.array(yearBasisSchema).optional(),
});

/**
 * A DeadlineMissed recorded on provisional calendar days that the calendar as
 * it is now (a published year added) no longer finds missed: the due date
 * moved later and the step is still open in time (`open`) or was done on
 * time (`met`). Written by `engine.tick`; the DeadlineMissed stays in the log.
 */
export const deadlineMissedWithdrawnSchema = z.looseObject({
  deadlineId: text,
  step: z.string(),
  kind: z.enum(['within', 'before', 'min-period']),
  anchor: localDate,
  /** The due date the calendar gives now. */
  due: localDate,
  /** The due date the withdrawn DeadlineMissed recorded, and the day it was detected. */
  missedDue: localDate,
  missedOn: localDate,
  outcome: z.enum(['open', 'met']),
  /** The day the step was done, for `met`. */
  doneOn: localDate.optional(),
  detectedOn: localDate,
  cite: citeSchema,
  provisional: z.literal(true).optional(),
  calendar: z.array(yearBasisSchema).optional(),
});

export const occupationLevelSchema = z.object({ code: text, level: levelSchema });
export const note = z.looseObject({ note: z.string().optional() });
export { actorSchema };

/*
 * Command payloads that an event records as it is (the event's data is the
 * parsed payload), shared by the stream's commands.ts and events.ts.
 */
const payloadText = z.string().trim().min(1);
/** A payload with an optional note and nothing else required. */
export const notePayload = z.looseObject({ note: z.string().optional() });
/** RejectApplication, SuspendFiling, RevokeFiling, RevokeCertificate: a reason is required. */
export const reasonPayload = z.looseObject({ reason: payloadText });
export const supplementRequestPayload = z.looseObject({
  items: z.array(payloadText).min(1, 'at least one item to supplement'),
  note: z.string().optional(),
});
export const objectionPayload = z.looseObject({ objectionId: payloadText, text: payloadText });
export const objectionResolutionPayload = z.looseObject({
  objectionId: payloadText,
  upheld: z.boolean(),
  resolution: payloadText,
});
export const resultsPayload = z.looseObject({
  results: z
    .array(
      z.object({
        idNumber: personal(idCardNumberSchema, 'id-number'),
        passed: z.boolean(),
        score: z.number().min(0).max(100).optional(),
      }),
    )
    .min(1)
    .refine((r) => new Set(r.map((c) => c.idNumber)).size === r.length, 'each candidate once'),
});
