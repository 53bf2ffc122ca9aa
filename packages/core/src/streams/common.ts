import { z } from 'zod';
import { actorSchema } from '../event.js';
import { levelSchema, localDateSchema } from '../domain/profile.js';

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

export const occupationLevelSchema = z.object({ code: text, level: levelSchema });
export const note = z.looseObject({ note: z.string().optional() });
export { actorSchema };
