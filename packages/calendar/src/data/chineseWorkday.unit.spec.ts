import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cw from 'chinese-workday';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '../index.js';
import { CHINESE_WORKDAY_CORRECTIONS } from './corrections.js';
import {
  CHINESE_WORKDAY_HOLIDAYS,
  CHINESE_WORKDAY_MAKEUP_WORKDAYS,
  CHINESE_WORKDAY_VERSION,
} from './chineseWorkday.js';

const cal = createChinaCalendar();
const everyDay = (first: number, last: number): string[] => {
  const out: string[] = [];
  for (let ms = Date.UTC(first, 0, 1); ms <= Date.UTC(last, 11, 31); ms += 86_400_000)
    out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
};

describe('the chinese-workday snapshot', () => {
  it('matches the installed chinese-workday day by day over 2011–2026 (regenerate with scripts/snapshot-chinese-workday.mjs)', () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../node_modules/chinese-workday/package.json'), 'utf8'),
    ) as { version: string };
    expect(CHINESE_WORKDAY_VERSION).toBe(pkg.version);
    const holidays = new Map(CHINESE_WORKDAY_HOLIDAYS);
    const makeups = new Map(CHINESE_WORKDAY_MAKEUP_WORKDAYS);
    for (const d of everyDay(2011, 2026)) {
      const festival = cw.getFestival(d);
      if (makeups.has(d)) expect([d, cw.isWorkday(d), festival]).toEqual([d, true, makeups.get(d)]);
      else if (holidays.has(d)) expect([d, cw.isWorkday(d), festival]).toEqual([d, false, holidays.get(d)]);
      else expect([d, festival]).toEqual([d, cw.isWorkday(d) ? '工作日' : '周末']);
    }
  });

  it('differs from chinese-workday on exactly the cited corrections and amendments', () => {
    const changed = new Set([...CHINESE_WORKDAY_CORRECTIONS.entries.map((e) => e.date), '2020-01-31', '2020-02-01']);
    const differing = everyDay(2011, 2026).filter((d) => cw.isWorkday(d) !== cal.isWorkday(d));
    expect(differing.every((d) => changed.has(d))).toBe(true);
    // Corrections that only rename a weekend day (e.g. 2014-05-31 端午节) do not change the answer.
    expect(differing).toEqual(
      expect.arrayContaining([
        '2011-02-12',
        '2012-09-30',
        '2012-10-08',
        '2015-09-03',
        '2018-01-01',
        '2020-01-31',
        '2020-02-01',
        '2023-01-03',
      ]),
    );
  });

  it('chinese-workday shows the traps this package exists for (host-independent ones)', () => {
    expect(cw.isWorkday('2020-01-31')).toBe(true); // the 2020 extension is missing
    expect(cw.isWorkday('2020-02-01')).toBe(true);
    // Gives up after 7 days (null) — or, west of UTC, reads the string as the day
    // before and answers '2020-09-30' itself. Never the right '2020-10-09'.
    expect(cw.nextWorkday('2020-09-30')).not.toBe('2020-10-09');
    expect(cw.isWorkday('2020-13-45')).toBe(true); // an impossible date is a workday
    expect(cw.isWorkday('2027-03-01')).toBe(true); // an unpublished year is Monday–Friday
    expect(cal.isWorkday('2020-01-31')).toBe(false);
    expect(cal.nextWorkday('2020-09-30')).toBe('2020-10-09');
  });

  it('the published calendar code never imports chinese-workday at run time (its CommonJS entry fails on Node 20)', () => {
    const dir = join(import.meta.dirname, '..');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const f of files)
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(
        /from ['"]chinese-workday['"]|require\(['"]chinese-workday['"]\)/,
      );
  });
});

describe('the corrections', () => {
  it('each cites a State Council notice and changes what chinese-workday says', () => {
    for (const e of CHINESE_WORKDAY_CORRECTIONS.entries) {
      expect(e.cite?.document, e.date).toMatch(/^国务院(办公厅)?关于.+的通知（国(办)?发明电〔\d{4}〕\d+号）$/);
      const before = cw.getFestival(e.date);
      const after = cal.dayKind(e.date);
      const same =
        after.isWorkday === cw.isWorkday(e.date) && (after.name ?? (after.isWorkday ? '工作日' : '周末')) === before;
      expect(same, `${e.date} is unchanged by its correction`).toBe(false);
    }
  });

  it('2012: Mid-Autumn and National Day 09-30..10-07, 09-29 a make-up workday, 10-08 an ordinary Monday', () => {
    expect(cal.dayKind('2012-09-29').kind).toBe('makeup-workday');
    for (const d of ['2012-09-30', '2012-10-01', '2012-10-07']) expect(cal.dayKind(d).kind).toBe('holiday');
    expect(cal.dayKind('2012-10-08')).toMatchObject({ kind: 'workday', source: { layer: 'corrections' } });
  });

  it('2015-09-03..05 Victory Day holidays, 09-06 a make-up workday', () => {
    expect(cal.isWorkday('2015-09-03')).toBe(false);
    expect(cal.isWorkday('2015-09-04')).toBe(false);
    expect(cal.dayKind('2015-09-06').kind).toBe('makeup-workday');
  });
});
