import { z } from 'zod';
import { actorSchema } from '../event.js';
import { levelSchema, localDateSchema } from '../rules/profile.js';

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

export const deadlineMissedSchema = z.looseObject({
  deadlineId: text,
  step: z.string(),
  kind: z.enum(['within', 'before', 'min-period']),
  anchor: localDate,
  due: localDate,
  detectedOn: localDate,
  cite: citeSchema,
});

const yearBasisSchema = z.looseObject({ year: z.number().int(), source: z.enum(['built-in', 'host', 'provisional']), cite: z.looseObject({ document: z.string(), date: z.string() }).optional() });

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
