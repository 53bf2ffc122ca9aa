import { UTCDate } from '@date-fns/utc';
import { eachDayOfInterval } from 'date-fns/eachDayOfInterval';
import { isWeekend } from 'date-fns/isWeekend';
import { formatLocalDate } from './localDate.js';
import type { CalendarCitation, CalendarLayer, DayKind } from './types.js';

export const Kind = { Workday: 0, Weekend: 1, Holiday: 2, Makeup: 3 } as const;
export const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup-workday'];

export interface DaySource {
  layer: string;
  cite?: CalendarCitation;
}

/**
 * Every day of the covered years, by index from 1 January of the first year,
 * with the prefix counts that make working-day arithmetic O(1):
 * `workdaysBefore[i]` is the number of working days with index < i, and
 * `workdayIndex[k]` is the index of the k-th working day (0-based).
 */
export interface DayTable {
  first: number;
  last: number;
  /** Days since 1970-01-01 of index 0. */
  epochDay0: number;
  dates: readonly string[];
  indexByDate: ReadonlyMap<string, number>;
  kind: Uint8Array;
  name: (string | undefined)[];
  source: (DaySource | undefined)[];
  workdaysBefore: Int32Array;
  workdayIndex: Int32Array;
}

const DAY_MS = 86_400_000;

interface Skeleton {
  dates: string[];
  weekend: Uint8Array;
  indexByDate: Map<string, number>;
}
const skeletons = new Map<string, Skeleton>();

// The list of dates and the weekend flags depend only on the year range, so
// calendars over the same years share them.
function skeleton(first: number, last: number): Skeleton {
  const key = `${first}-${last}`;
  let s = skeletons.get(key);
  if (!s) {
    const days = eachDayOfInterval({ start: new UTCDate(first, 0, 1), end: new UTCDate(last, 11, 31) });
    const dates = days.map(formatLocalDate);
    const weekend = Uint8Array.from(days, (d) => (isWeekend(d) ? 1 : 0));
    s = { dates, weekend, indexByDate: new Map(dates.map((d, i) => [d, i])) };
    skeletons.set(key, s);
  }
  return s;
}

export function buildDayTable(first: number, last: number, layers: readonly CalendarLayer[]): DayTable {
  const { dates, weekend, indexByDate } = skeleton(first, last);
  const n = dates.length;
  const kind = Uint8Array.from(weekend, (w) => (w ? Kind.Weekend : Kind.Workday));
  const name: (string | undefined)[] = new Array(n).fill(undefined);
  const source: (DaySource | undefined)[] = new Array(n).fill(undefined);

  for (const layer of layers) {
    for (const e of layer.entries) {
      const i = indexByDate.get(e.date);
      if (i === undefined) continue; // the base data may list days beyond the covered years
      const w = weekend[i] === 1;
      kind[i] =
        e.kind === 'holiday'
          ? Kind.Holiday
          : e.kind === 'workday'
            ? w
              ? Kind.Makeup
              : Kind.Workday
            : w
              ? Kind.Weekend
              : Kind.Workday;
      name[i] = e.kind === 'ordinary' ? undefined : e.name;
      source[i] = e.cite ? { layer: layer.id, cite: e.cite } : { layer: layer.id };
    }
  }

  const workdaysBefore = new Int32Array(n + 1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    workdaysBefore[i] = count;
    if (kind[i] === Kind.Workday || kind[i] === Kind.Makeup) count++;
  }
  workdaysBefore[n] = count;
  const workdayIndex = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (kind[i] === Kind.Workday || kind[i] === Kind.Makeup) workdayIndex[k++] = i;

  return {
    first,
    last,
    epochDay0: Date.UTC(first, 0, 1) / DAY_MS,
    dates,
    indexByDate,
    kind,
    name,
    source,
    workdaysBefore,
    workdayIndex,
  };
}
