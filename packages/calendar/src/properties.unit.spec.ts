import { UTCDate } from '@date-fns/utc';
import { addDays, format } from 'date-fns';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createChinaCalendar } from './index.js';

const cal = createChinaCalendar();
// Dates from 2012 to 2025 and steps under a year stay inside the covered 2011–2026.
const date = fc
  .integer({ min: Date.UTC(2012, 0, 1) / 86_400_000, max: Date.UTC(2025, 11, 31) / 86_400_000 })
  .map((day) => format(new UTCDate(day * 86_400_000), 'yyyy-MM-dd'));
const steps = fc.integer({ min: -240, max: 240 });
const workday = date.filter((d) => cal.isWorkday(d));

describe('working-day arithmetic (properties)', () => {
  it('addWorkdays(addWorkdays(d, n), -n) === d on working days', () => {
    fc.assert(fc.property(workday, steps, (d, n) => cal.addWorkdays(cal.addWorkdays(d, n), -n) === d));
  });

  it('workdaysBetween(a, addWorkdays(a, n)) === n for n ≥ 0, and for n < 0 from a working day', () => {
    fc.assert(fc.property(date, fc.nat({ max: 240 }), (a, n) => cal.workdaysBetween(a, cal.addWorkdays(a, n)) === n));
    fc.assert(
      fc.property(
        workday,
        fc.integer({ min: -240, max: -1 }),
        (a, n) => cal.workdaysBetween(a, cal.addWorkdays(a, n)) === n,
      ),
    );
  });

  it('addWorkdays is strictly increasing in n and non-decreasing in d, and lands on working days', () => {
    fc.assert(
      fc.property(date, steps, steps, (d, n1, n2) => {
        fc.pre(n1 !== n2);
        const [lo, hi] = n1 < n2 ? [n1, n2] : [n2, n1];
        return cal.addWorkdays(d, lo) < cal.addWorkdays(d, hi);
      }),
    );
    fc.assert(
      fc.property(date, date, steps, (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return cal.addWorkdays(lo, n) <= cal.addWorkdays(hi, n);
      }),
    );
    fc.assert(fc.property(date, steps, (d, n) => n === 0 || cal.isWorkday(cal.addWorkdays(d, n))));
  });

  it('workdaysBetween is antisymmetric, additive, and equals a day-by-day count', () => {
    fc.assert(fc.property(date, date, (a, b) => cal.workdaysBetween(a, b) === -cal.workdaysBetween(b, a)));
    fc.assert(
      fc.property(
        date,
        date,
        date,
        (a, b, c) => cal.workdaysBetween(a, b) + cal.workdaysBetween(b, c) === cal.workdaysBetween(a, c),
      ),
    );
    fc.assert(
      fc.property(date, fc.nat({ max: 365 }), (a, span) => {
        let expected = 0;
        let d = new UTCDate(`${a}T00:00:00Z`);
        for (let i = 0; i < span; i++) {
          d = addDays(d, 1);
          if (cal.isWorkday(format(d, 'yyyy-MM-dd'))) expected++;
        }
        return cal.workdaysBetween(a, format(d, 'yyyy-MM-dd')) === expected;
      }),
      { numRuns: 200 },
    );
  });

  it('a Date and its China date give the same answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2012, 0, 1), max: Date.UTC(2025, 11, 31) }), steps, (ms, n) => {
        const instant = new Date(ms);
        const local = cal.toLocalDate(instant);
        return (
          cal.isWorkday(instant) === cal.isWorkday(local) && cal.addWorkdays(instant, n) === cal.addWorkdays(local, n)
        );
      }),
    );
  });
});
