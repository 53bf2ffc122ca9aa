import type { z } from 'zod';
import type { ValidationIssue } from '../errors.js';
import type { StoredEvent, StreamKind } from '../event.js';
import { zodIssues } from '../zodIssues.js';
import { personalFieldPaths } from '../personal/fields.js';
import { parsePersonalToken } from '../personal/format2.js';
import { applicationEvents } from './application/events.js';
import { certificateEvents } from './certificate/events.js';
import { examEvents } from './exam/events.js';
import { quotaEvents } from './quota/events.js';

export { applicationEvents, certificateEvents, examEvents, quotaEvents };
import type { ApplicationEventData, ApplicationEventType } from './application/events.js';
import type { CertificateEventData, CertificateEventType } from './certificate/events.js';
import type { ExamEventData, ExamEventType } from './exam/events.js';
import type { QuotaEventData } from './quota/events.js';
export type { ApplicationEventData, ApplicationEventType } from './application/events.js';
export type { CertificateEventData, CertificateEventType } from './certificate/events.js';
export type { ExamEventData, ExamEventType } from './exam/events.js';
export type { QuotaEventData, QuotaEventType } from './quota/events.js';

/** The typed event catalogue: for each stream kind, the zod schema of each event type's `data`. */
export const EVENT_CATALOGUE: Record<StreamKind, Record<string, z.ZodType>> = {
  application: applicationEvents,
  exam: examEvents,
  certificate: certificateEvents,
  quota: quotaEvents,
};

const typesOf = <T extends Record<string, z.ZodType>>(schemas: T) => Object.keys(schemas) as (keyof T & string)[];

/** The events the machines record, by stream kind (the catalogue's types). Deadlines anchor on these names. */
export const EVENTS = {
  application: typesOf(applicationEvents),
  exam: typesOf(examEvents),
  certificate: typesOf(certificateEvents),
} as const;
/** An event type a machine's stream holds. */
export type EventType = ApplicationEventType | ExamEventType | CertificateEventType;

/**
 * Checks an event's `data` against the catalogue: the type must be one its
 * stream kind holds, and the data must be what the engine writes for it.
 * Returns the issues (empty when valid), with paths under `data`.
 */
export function eventDataIssues(kind: StreamKind, type: string, data: unknown, format?: unknown): ValidationIssue[] {
  const schemas = EVENT_CATALOGUE[kind];
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) {
    return [
      {
        path: ['type'],
        code: 'unknown_event_type',
        message: `expected an event type a ${kind} stream holds (${Object.keys(schemas).join(', ')}), received ${JSON.stringify(type)}`,
        expected: Object.keys(schemas).join(' | '),
        received: JSON.stringify(type),
      },
    ];
  }
  const r = schema.safeParse(data);
  if (r.success) return [];
  const issues = zodIssues(r.error, ['data']);
  if (format !== 2) return issues;
  // Format 2: a personal field holds a token (subject and commitment), not the value its schema describes.
  return issues.filter(
    (i) =>
      !(
        i.path.length > 1 &&
        parsePersonalToken(valueAt(data, i.path.slice(1))) !== undefined &&
        isPersonalPath(schema, i.path.slice(1))
      ),
  );
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function isPersonalPath(schema: z.ZodType, path: readonly (string | number)[]): boolean {
  return personalFieldPaths(schema).some(
    (f) =>
      f.path.length === path.length &&
      f.path.every((k, n) => (k === '*' ? typeof path[n] === 'number' : k === path[n])),
  );
}

/** A stored event of one stream kind, one member per type, its `data` typed by the catalogue. */
export type StoredEventOf<Data> = { [K in keyof Data & string]: StoredEvent & { type: K; data: Data[K] } }[keyof Data &
  string];

/** Stored events by stream kind, typed by the catalogue. */
export interface CataloguedEvents {
  application: StoredEventOf<ApplicationEventData>;
  exam: StoredEventOf<ExamEventData>;
  certificate: StoredEventOf<CertificateEventData>;
  quota: StoredEventOf<QuotaEventData>;
}
/** Any stored event the catalogue knows, typed by it: read models switch on its `type`. */
export type CataloguedEvent = CataloguedEvents[StreamKind];

const KIND_OF_ID = /^(application|exam|certificate|quota)-/;

/**
 * Whether a stored event is one its stream kind's catalogue holds, narrowing
 * it to the catalogue's type so a read model's `switch (e.type)` sees typed
 * data. The type is checked, the data trusted as the engine wrote it (appends
 * are I-JSON checked; `eventDataIssues`, `verifyLog` and `certflow replay`
 * check data against the schemas). Pass `kind` to accept one stream kind only.
 */
export function isCatalogued<K extends StreamKind = StreamKind>(e: StoredEvent, kind?: K): e is CataloguedEvents[K] {
  const found = KIND_OF_ID.exec(e.streamId)?.[1] as StreamKind | undefined;
  if (!found || (kind !== undefined && found !== kind)) return false;
  return Object.hasOwn(EVENT_CATALOGUE[found], e.type);
}
