import { ValidationError, type ExpectedVersion, type ValidationIssue } from './errors.js';
import { checkAppendOptions } from './eventStore.js';
import type { IssueCode } from './issueCodes.js';
import {
  EVENT_TYPE_PATTERN,
  ISO_INSTANT_PATTERN,
  ROLES,
  STREAM_ID_PATTERN,
  newEventSchema,
  type NewEvent,
  type StoredEvent,
} from './event.js';
import { canonicalJson, sha256Hex } from './hash.js';
import { zodIssues } from './zodIssues.js';

/**
 * How deep a new event's `data` or `meta` may nest (an array or object inside
 * another counts one level; the value itself is level 0). RFC 7493 lets a
 * receiver set such a limit; certflow's own events nest fewer than 10 levels,
 * and every RFC 8785 implementation we know of recurses, so a log deeper than
 * this could not be checked by all of them.
 */
export const MAX_JSON_DEPTH = 64;

type Str = string & { isWellFormed(): boolean };
/**
 * An integer RFC 8785 writes as plain digits (below 1e21) that is beyond
 * ±(2^53−1): readers that parse digits as integers (Python's) refuse it or
 * keep a different number (RFC 7493 §2.2). 1e21 and above are written with an
 * exponent, which every reader takes as the same double.
 */
const unsafeInteger = (n: number): boolean => Number.isInteger(n) && !Number.isSafeInteger(n) && Math.abs(n) < 1e21;
/** No lone surrogate (a string with no UTF-8 form; RFC 7493 §2.1). */
const wellFormed = (s: string): boolean => (s as Str).isWellFormed();

/**
 * True when `value` is plain I-JSON (the common case), checked without
 * allocating paths: strings and keys without lone surrogates, safe integers,
 * arrays without holes, plain objects without a `__proto__` key, at most
 * MAX_JSON_DEPTH levels. Anything else (or a cycle) answers false and takes
 * the slow path, which names the problem.
 */
function isPlainIJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return wellFormed(value);
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !unsafeInteger(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value) || !isPlainIJson(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in value) {
        if (k === '__proto__' || !wellFormed(k) || !isPlainIJson((value as Record<string, unknown>)[k], depth + 1))
          return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Plain JSON as `verifyLog` reads an existing log: no I-JSON limits (logs are verified as they were written). */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      // Iterative, so no depth can overflow the stack.
      // A cycle never ends the walk: past a bound, the slow path decides.
      const stack: unknown[] = [value];
      let budget = 4_000_000;
      while (stack.length > 0) {
        if (--budget < 0) return false;
        const v = stack.pop();
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) return false;
        } else if (typeof v === 'object' && v !== null) {
          if (Array.isArray(v)) {
            for (let i = 0; i < v.length; i++) {
              if (!(i in v)) return false;
              stack.push(v[i]);
            }
          } else {
            const proto = Object.getPrototypeOf(v);
            if (proto !== Object.prototype && proto !== null) return false;
            for (const k in v) stack.push((v as Record<string, unknown>)[k]);
          }
        } else if (typeof v !== 'string' && typeof v !== 'boolean') return false;
      }
      return true;
    }
    default:
      return false;
  }
}

interface Walk {
  /** I-JSON (RFC 7493) limits for new events: surrogates, safe integers, depth, `__proto__`. */
  iJson: boolean;
  /** An object property that is `undefined` counts as absent, as JSON.stringify drops it (commands from hosts). */
  undefinedIsAbsent?: boolean;
  seen: Set<object>;
  issues: ValidationIssue[];
}

function kindOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null)
    return `an instance of ${(value as object).constructor?.name ?? 'a class'}`;
  return typeof value;
}

function walk(value: unknown, path: (string | number)[], depth: number, w: Walk): void {
  const bad = (
    code: IssueCode,
    expected: string,
    received: string,
    message = `expected ${expected}, received ${received}`,
  ) => {
    w.issues.push({ path, code, message, expected, received });
  };
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (w.iJson && !wellFormed(value))
        bad('not_i_json', 'a string without lone surrogates (RFC 7493)', JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) bad('not_json', 'a JSON value', String(value));
      else if (w.iJson && unsafeInteger(value)) {
        bad(
          'not_i_json',
          `an integer within ±${Number.MAX_SAFE_INTEGER} (RFC 7493; write larger numbers as strings)`,
          String(value),
        );
      }
      return;
    case 'object': {
      if (value === null) return;
      if (w.iJson && depth >= MAX_JSON_DEPTH) {
        bad('not_i_json', `at most ${MAX_JSON_DEPTH} levels of nesting`, `a value nested ${depth + 1} levels deep`);
        return;
      }
      if (w.seen.has(value)) {
        bad('not_json', 'a JSON value', 'a circular reference');
        return;
      }
      if (Array.isArray(value)) {
        w.seen.add(value);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) bad('not_json', 'a JSON value', 'a hole in a sparse array');
          else walk(value[i], [...path, i], depth + 1, w);
        }
        w.seen.delete(value);
        return;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        bad('not_json', 'a JSON value', kindOf(value));
        return;
      }
      w.seen.add(value);
      for (const k of Object.keys(value)) {
        const at = [...path, k];
        if (w.iJson && k === '__proto__') {
          w.issues.push({
            path: at,
            code: 'not_i_json',
            message:
              'expected a key other than __proto__ (JavaScript readers may turn it into a prototype and drop it)',
            expected: 'a key other than __proto__',
            received: '__proto__',
          });
          continue;
        }
        if (w.iJson && !wellFormed(k)) {
          w.issues.push({
            path: at,
            code: 'not_i_json',
            message: `expected a key without lone surrogates (RFC 7493), received ${JSON.stringify(k)}`,
            expected: 'a key without lone surrogates (RFC 7493)',
            received: JSON.stringify(k),
          });
        }
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined && w.undefinedIsAbsent) continue;
        walk(v, at, depth + 1, w);
      }
      w.seen.delete(value);
      return;
    }
    default:
      bad('not_json', 'a JSON value', kindOf(value));
  }
}

/**
 * Finds everything in `value` that has no exact JSON form (undefined, functions,
 * symbols, bigint, NaN/Infinity, Dates and other class instances, sparse-array
 * holes, cycles). Such values would be silently changed by JSON.stringify and
 * break the hash. This is how `verifyLog` reads existing logs; new events are
 * held to `iJsonIssues`.
 */
export function jsonIssues(value: unknown, path: (string | number)[] = []): ValidationIssue[] {
  if (isPlainJson(value)) return [];
  const w: Walk = { iJson: false, seen: new Set(), issues: [] };
  walk(value, path, 0, w);
  return w.issues;
}

/**
 * `jsonIssues` plus the limits of I-JSON (RFC 7493), which RFC 8785 assumes,
 * so that every JCS implementation computes the same hash: no lone surrogate
 * in any string or key, no integer beyond ±(2^53−1) written as plain digits
 * (below 1e21; larger numbers are written with an exponent), at most MAX_JSON_DEPTH
 * levels of nesting, and no `__proto__` key. Every new event's `data` and
 * `meta` are held to it.
 */
export function iJsonIssues(
  value: unknown,
  path: (string | number)[] = [],
  options: { undefinedIsAbsent?: boolean } = {},
): ValidationIssue[] {
  if (isPlainIJson(value, 0)) return [];
  const w: Walk = { iJson: true, undefinedIsAbsent: options.undefinedIsAbsent === true, seen: new Set(), issues: [] };
  walk(value, path, 0, w);
  return w.issues;
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
    issues.push({
      path: ['events'],
      code: 'empty_batch',
      message: 'expected at least one event',
      expected: 'non-empty array',
    });
  } else {
    events.forEach((e, i) => {
      if (!isCertainlyNewEvent(e)) {
        const parsed = newEventSchema.safeParse(e);
        if (!parsed.success) issues.push(...zodIssues(parsed.error, ['events', i]));
      }
      if (e && typeof e === 'object') {
        issues.push(...iJsonIssues((e as NewEvent).data, ['events', i, 'data']));
        issues.push(...iJsonIssues((e as NewEvent).meta, ['events', i, 'meta']));
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

/**
 * Everything a store checks before it touches its storage, in the order every
 * store uses: the stream id and the events (`validateAppend`), then the
 * options (`checkAppendOptions`). Throws one ValidationError; returns what to
 * append. The store then checks the expected version against its head
 * (`checkExpectedVersion`) and seals (`sealEvents`) inside its transaction.
 */
export function prepareAppend(
  streamId: unknown,
  events: unknown,
  options: unknown,
  maxVersion?: number,
): { streamId: string; events: NewEvent[]; expectedVersion: ExpectedVersion } {
  validateAppend(streamId, events);
  const expectedVersion = checkAppendOptions(options, maxVersion);
  return { streamId: streamId as string, events, expectedVersion };
}
