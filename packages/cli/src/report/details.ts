import type { Labels } from './labels.js';

/** One labelled field of an event's data, as the report shows it. */
export interface DetailField {
  /** The field's path in the event data, e.g. `profile.capacity.experts`. */
  key: string;
  value: string;
}

const MAX_VALUE = 200;
const MAX_FIELDS = 24;

function scalar(v: unknown): string | undefined {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A list of records as one line: `name (number); …`, a flat record as `k: v, …`. */
function inline(v: unknown): string {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map(inline).join('; ');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${inline(x)}`)
    .join(', ');
}

/**
 * An event's data as labelled fields, not JSON: nested records become paths
 * (`profile.capacity.experts`), lists of records one line each field. Decisions
 * have their own section and are left out; long values are cut with "…".
 */
export function detailFields(data: unknown): DetailField[] {
  const out: DetailField[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'decision' || k === 'decisions') continue;
        walk(x, path ? `${path}.${k}` : k);
      }
      return;
    }
    if (!path) return;
    let value = inline(v);
    if (value.length > MAX_VALUE) value = `${value.slice(0, MAX_VALUE - 1)}…`;
    out.push({ key: path, value });
  };
  walk(data, '');
  return out;
}

/** A field path in words: each part labelled (`申报情况 › capacity › experts`). */
export function fieldLabel(key: string, l: Labels): string {
  return key
    .split('.')
    .map((k) => l.field(k))
    .join(' › ');
}

/** The fields to show, and how many more there are. */
export function shownFields(fields: DetailField[]): { shown: DetailField[]; more: number } {
  return { shown: fields.slice(0, MAX_FIELDS), more: Math.max(0, fields.length - MAX_FIELDS) };
}

/** A boolean value in the report's language; other values as recorded. */
export function fieldValue(value: string, l: Labels): string {
  return value === 'true' ? l.bool(true) : value === 'false' ? l.bool(false) : value;
}
