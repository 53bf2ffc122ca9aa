import { ValidationError, type ValidationIssue } from './errors.js';
import { EVENT_TYPE_PATTERN, ISO_INSTANT_PATTERN, ROLES, STREAM_ID_PATTERN, newEventSchema, type NewEvent, type StoredEvent } from './event.js';
import { canonicalJson, sha256Hex } from './hash.js';
import { zodIssues } from './zodIssues.js';

/**
 * True when `value` is plain JSON (the common case), checked without
 * allocating paths. Deep or cyclic values answer false and take the slow path.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > 64) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in value) {
        if (!isPlainJson((value as Record<string, unknown>)[k], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Finds everything in `value` that has no exact JSON form (undefined, functions,
 * symbols, bigint, NaN/Infinity, Dates and other class instances, cycles).
 * Such values would be silently changed by JSON.stringify and break the hash.
 */
export function jsonIssues(value: unknown, path: (string | number)[] = [], seen?: Set<object>): ValidationIssue[] {
  if (seen === undefined) {
    if (isPlainJson(value, 0)) return [];
    seen = new Set<object>();
  }
  const bad = (received: string): ValidationIssue[] => [
    { path, code: 'not_json', message: `expected a JSON value, received ${received}`, expected: 'JSON value', received },
  ];
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return [];
    case 'number':
      return Number.isFinite(value) ? [] : bad(String(value));
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      return bad(typeof value);
    case 'object': {
      if (value === null) return [];
      if (seen.has(value)) return bad('a circular reference');
      seen.add(value);
      const issues: ValidationIssue[] = [];
      if (Array.isArray(value)) {
        value.forEach((v, i) => issues.push(...jsonIssues(v, [...path, i], seen)));
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          seen.delete(value);
          return bad(`an instance of ${(value as object).constructor?.name ?? 'a class'}`);
        }
        for (const [k, v] of Object.entries(value)) issues.push(...jsonIssues(v, [...path, k], seen));
      }
      seen.delete(value);
      return issues;
    }
    default:
      return bad(typeof value);
  }
}

const ROLE_SET: ReadonlySet<unknown> = new Set(ROLES);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFilled = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

/**
 * True only for events newEventSchema certainly accepts, checked without
 * building zod's parsed copy: the common case of an append. Anything it
 * answers false for goes through the schema, which decides and words the
 * issues. (A test holds the two together on generated and mutated events.)
 */
export function isCertainlyNewEvent(e: unknown): boolean {
  if (!isRecord(e) || typeof e.type !== 'string' || !EVENT_TYPE_PATTERN.test(e.type)) return false;
  const meta = e.meta;
  if (!isRecord(meta)) return false;
  const at = meta.at;
  if (typeof at !== 'string' || !ISO_INSTANT_PATTERN.test(at) || Number.isNaN(Date.parse(at))) return false;
  const actor = meta.actor;
  if (!isRecord(actor) || !isFilled(actor.id) || !ROLE_SET.has(actor.role)) return false;
  if (!isFilled(meta.commandId) || !isFilled(meta.correlationId)) return false;
  const pack = meta.rulePack;
  return pack === undefined || pack === null || (isRecord(pack) && isFilled(pack.id) && isFilled(pack.version));
}

/** Validates an append request; throws one ValidationError listing every issue. */
export function validateAppend(streamId: unknown, events: unknown): asserts events is NewEvent[] {
  const issues: ValidationIssue[] = [];
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) {
    issues.push({
      path: ['streamId'],
      code: 'invalid_stream_id',
      message: `expected a stream id matching ${STREAM_ID_PATTERN.source}, received ${JSON.stringify(streamId)}`,
      expected: STREAM_ID_PATTERN.source,
      received: JSON.stringify(streamId) ?? String(streamId),
    });
  }
  if (!Array.isArray(events)) {
    issues.push({ path: ['events'], code: 'invalid_type', message: 'expected an array of events', expected: 'array' });
  } else if (events.length === 0) {
    issues.push({ path: ['events'], code: 'empty_batch', message: 'expected at least one event', expected: 'non-empty array' });
  } else {
    events.forEach((e, i) => {
      if (!isCertainlyNewEvent(e)) {
        const parsed = newEventSchema.safeParse(e);
        if (!parsed.success) issues.push(...zodIssues(parsed.error, ['events', i]));
      }
      if (e && typeof e === 'object') {
        issues.push(...jsonIssues((e as NewEvent).data, ['events', i, 'data']));
        issues.push(...jsonIssues((e as NewEvent).meta, ['events', i, 'meta']));
      }
    });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'append');
}

/**
 * The RFC 8785 (canonical) JSON texts an event's hash is composed from: its
 * type's, its data's and its meta's. Events of one batch usually share one
 * meta object, which is serialised once. sealEvents composes the envelope from
 * these; a store that hashes elsewhere (PostgreSQL hashes in the database)
 * sends exactly these texts.
 */
export interface CanonicalForms {
  type: string;
  data: string;
  meta: string;
}

export function canonicalForms(events: readonly NewEvent[]): CanonicalForms[] {
  const metaForms = new Map<object, string>();
  return events.map((e) => {
    let meta = metaForms.get(e.meta);
    if (meta === undefined) {
      meta = canonicalJson(e.meta);
      metaForms.set(e.meta, meta);
    }
    return { type: canonicalJson(e.type), data: canonicalJson(e.data), meta };
  });
}

/**
 * Turns validated new events into stored events: versions continue from the
 * stream head, positions are the ones the store assigned, each hash chains to
 * the previous one. Every store calls this so hashing is the same everywhere.
 *
 * The canonical form of the envelope is composed from the RFC 8785 forms of
 * `data` and `meta` (`canonicalForms`; the envelope's own keys are fixed and
 * written in JCS order), and the stored copies are parsed back from those
 * forms, so each event is serialised once. `computeEventHash` (a plain JCS of
 * the whole event) gives the same hash; verifyLog checks exactly that.
 */
export function sealEvents(
  streamId: string,
  head: { version: number; hash: string | null },
  positions: readonly number[],
  events: readonly NewEvent[],
): StoredEvent[] {
  let prevHash = head.hash;
  const streamJson = JSON.stringify(streamId);
  const forms = canonicalForms(events);
  return events.map((e, i) => {
    const { type: typeJson, data: dataJson, meta: metaJson } = forms[i]!;
    const version = head.version + i + 1;
    const position = positions[i] as number;
    const canonical =
      `{"data":${dataJson},"meta":${metaJson},"position":${position},"prevHash":${prevHash === null ? 'null' : JSON.stringify(prevHash)}` +
      `,"streamId":${streamJson},"type":${typeJson},"version":${version}}`;
    const hash = sha256Hex(canonical);
    const sealed: StoredEvent = {
      streamId,
      version,
      position,
      type: e.type,
      data: JSON.parse(dataJson),
      meta: JSON.parse(metaJson),
      prevHash,
      hash,
    };
    prevHash = hash;
    return sealed;
  });
}
