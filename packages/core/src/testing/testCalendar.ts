import type { WorkingDayCalendar } from '@certflow/core';
import { chinaLocalDate } from '@certflow/core';

/**
 * A small working-day calendar for tests: weekends off, the given holidays
 * off, the given make-up days on. Hosts use `createChinaCalendar()` from
 * `@certflow/calendar`; this one keeps core's tests independent of it.
 */
export function testCalendar(options: { holidays?: string[]; workdays?: string[] } = {}): WorkingDayCalendar {
  const holidays = new Set(
    options.holidays ?? ['2020-10-01', '2020-10-02', '2020-10-05', '2020-10-06', '2020-10-07', '2020-10-08'],
  );
  const workdays = new Set(options.workdays ?? ['2020-09-27', '2020-10-10']);
  const shift = (d: string, days: number) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + days);
    return t.toISOString().slice(0, 10);
  };
  const isWorkday = (d: string) => {
    if (workdays.has(d)) return true;
    if (holidays.has(d)) return false;
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  };
  return {
    isWorkday,
    addWorkdays(d, n) {
      let left = Math.abs(n);
      let cur = d;
      while (left > 0) {
        cur = shift(cur, Math.sign(n));
        if (isWorkday(cur)) left--;
      }
      return cur;
    },
    toLocalDate: chinaLocalDate,
  };
}
