import { describe, expect, it } from 'vitest';
import { CALENDAR_ISSUE_CODES, CalendarValidationError } from '../errors.js';
import { checkOptions } from '../options.js';
import { calendarLocales } from './index.js';

// The calendar does not depend on core, so its parity check is its own (the same as core's catalogueProblems).
const keys = (o: object) => Object.keys(o).sort();
const reads = (fn: (p: never) => string) => {
  const read = new Set<string>();
  const sample = Object.assign(['x'], { toString: () => 'x' });
  const proxy = new Proxy(
    {},
    {
      get: (_t, k) => {
        if (typeof k !== 'string') return undefined;
        read.add(k);
        return sample;
      },
    },
  );
  try {
    (fn as (p: unknown) => string)(proxy);
  } catch {
    // what was read before the throw still counts
  }
  return [...read].sort();
};

describe("the calendar's messages in every locale", () => {
  it('every error code and every issue code has a message in en and zh-CN', () => {
    expect(keys(calendarLocales['zh-CN'].errors)).toEqual(keys(calendarLocales.en.errors));
    expect(keys(calendarLocales.en.issues)).toEqual([...CALENDAR_ISSUE_CODES].sort());
    expect(keys(calendarLocales['zh-CN'].issues)).toEqual([...CALENDAR_ISSUE_CODES].sort());
  });

  it('each message reads the same params in both locales', () => {
    for (const section of ['errors', 'issues'] as const) {
      const en = calendarLocales.en[section] as Record<string, (p: never) => string>;
      const zh = calendarLocales['zh-CN'][section] as Record<string, (p: never) => string>;
      for (const code of Object.keys(en)) expect(reads(zh[code]!), `${section}.${code}`).toEqual(reads(en[code]!));
    }
  });

  it('a CalendarValidationError reads in Chinese from its issues, not their English text', () => {
    let err: unknown;
    try {
      checkOptions(
        { years: { 2020: { cite: { document: 'x', date: '2019-11-21' }, days: [] } } },
        { first: 2011, last: 2026 },
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarValidationError);
    const zh = (err as CalendarValidationError).format('zh-CN');
    expect(zh).toMatch(/^输入无效：数值过小/);
    expect(zh).not.toMatch(/expected|received|already|covered|→ at/);
    expect((err as CalendarValidationError).format('en')).toMatch(/^invalid input: /);
    const own = calendarLocales['zh-CN'].issues.already_covered({
      path: ['years', '2020'],
      code: 'already_covered',
      message: 'x',
      params: { year: 2020, first: 2011, last: 2026 },
    });
    expect(own).toBe('2020 年已在覆盖范围内（2011–2026 年）；调整个别日期请用 overrides');
  });
});
