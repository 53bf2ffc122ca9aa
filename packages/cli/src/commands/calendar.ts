import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkYearFile,
  createChinaCalendar,
  formatCalendarIssue,
  parseYearFile,
  type CalendarIssue,
  type ChinaCalendar,
  type DayInfo,
  type PublishedYear,
} from '@certflow/calendar';
import type { Locale } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { SourceNotFoundError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { t } from '../locales/index.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pathOf = (p: readonly (string | number)[]) =>
  p.length === 0 ? '(root)' : p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** Reads a JSON file for `calendar`; a missing file is a usage error, bad JSON one problem. */
function readJson(
  file: string,
  io: CliIo,
): { json?: unknown; problem?: Pick<CalendarIssue, 'path' | 'message'> & { code: 'invalid_json' } } {
  const path = resolve(io.cwd ?? process.cwd(), file);
  if (!existsSync(path)) throw new SourceNotFoundError(file);
  try {
    return { json: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (e) {
    return { problem: { path: [], code: 'invalid_json', message: `not JSON: ${(e as Error).message}` } };
  }
}

/** The calendar `show` answers from: the built-in data, plus the year files given (checked). */
function calendarWith(files: string[], io: CliIo): { calendar: ChinaCalendar; fixtures: Set<number> } {
  const years: Record<string, PublishedYear> = {};
  const fixtures = new Set<number>();
  for (const file of files) {
    const { json, problem } = readJson(file, io);
    if (problem) throw new UsageError({ key: 'usage.notJson', values: { file, detail: problem.message } }, 'calendar');
    const parsed = parseYearFile(json); // throws the year file's problems (exit 1)
    years[String(parsed.year)] = parsed.published;
    if (parsed.fixture) fixtures.add(parsed.year);
  }
  return { calendar: createChinaCalendar({ years }), fixtures };
}

function check(file: string, io: CliIo, json: boolean, locale: Locale = 'en'): number {
  const { json: input, problem } = readJson(file, io);
  const issues = problem ? [problem] : checkYearFile(input);
  const fixture = !problem && issues.length === 0 && (input as { fixture?: unknown }).fixture === true;
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ ok: issues.length === 0, file, ...(fixture ? { fixture: true } : {}), issues }, null, 2)}\n`,
    );
  } else if (issues.length === 0) {
    const f = input as {
      year: number;
      notice: { title: string; number: string; date: string };
      holidays: unknown[];
      workdays: unknown[];
    };
    io.stdout.write(
      `✔ ${file}: ${f.year}, ${f.holidays.length} holidays, ${f.workdays.length} make-up workdays, ${f.notice.title}（${f.notice.number}）of ${f.notice.date}` +
        `${fixture ? ' — marked as a test fixture, not a real arrangement' : ''}\n`,
    );
  } else {
    io.stdout.write(`${t(locale, 'calendar.problems', { file, count: issues.length })}\n`);
    // A year file's issues are worded from their code and data in zh-CN (the calendar's locales).
    const words = (i: (typeof issues)[number]) =>
      locale === 'en' || (!('params' in i) && i.code === 'invalid_json')
        ? i.message
        : formatCalendarIssue(i as CalendarIssue, locale);
    for (const i of issues) io.stdout.write(`  ✖ ${words(i)}\n    ${t(locale, 'path.at')} ${pathOf(i.path)}\n`);
  }
  return issues.length === 0 ? EXIT.ok : EXIT.problems;
}

function show(yearText: string, files: string[], io: CliIo, json: boolean): number {
  if (!/^\d{4}$/.test(yearText))
    throw new UsageError({ key: 'usage.badYear', values: { year: JSON.stringify(yearText) } }, 'calendar');
  const year = Number(yearText);
  const { calendar, fixtures } = calendarWith(files, io);
  const basis = calendar.yearBasis(year); // throws CalendarCoverageError beyond the covered years
  const days: DayInfo[] = [];
  let workdays = 0;
  for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += 86_400_000) {
    const d = calendar.dayKind(new Date(t).toISOString().slice(0, 10));
    if (d.isWorkday) workdays++;
    if (d.kind === 'holiday' || d.kind === 'makeup-workday') days.push(d);
  }
  const fixture = fixtures.has(year);
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ year, basis, ...(fixture ? { fixture: true } : {}), workdays, days }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const cite = basis.cite as { document?: string; date?: string; clause?: string } | undefined;
  const head =
    basis.source === 'provisional'
      ? `${year}: provisional — the arrangement is not published; statutory holidays of ${cite?.document} ${cite?.clause ?? ''} and weekends.\n` +
        `Make-up workdays (调休), bridges and days given back for a holiday on a weekend (补假) are unknown until the notice is added\n` +
        `(certflow calendar show ${year} --year <file>; createChinaCalendar({ years })).\n`
      : basis.source === 'host'
        ? `${year}: published — ${cite?.document} (${cite?.date})${fixture ? ' — TEST FIXTURE, not a real arrangement' : ''}\n`
        : `${year}: published — built-in data (chinese-workday tables with cited corrections)\n`;
  const rows = days.map((d) => {
    const c = d.source.cite as { text?: string } | undefined;
    const why = basis.source === 'provisional' && c?.text ? `「${c.text}」` : d.source.layer;
    return `${d.date}  ${WEEKDAYS[new Date(`${d.date}T00:00:00Z`).getUTCDay()]}  ${d.kind.padEnd(14)}  ${(d.name ?? '').padEnd(6, '　')}  ${why}`;
  });
  io.stdout.write(
    `${head}\n${rows.join('\n')}\n\n${workdays} working days in ${year}${basis.source === 'provisional' ? ' (provisional)' : ''}.\n`,
  );
  return EXIT.ok;
}

export const calendarCommand: Command = {
  name: 'calendar',
  summary: 'check a year file (放假安排 as JSON), show a year of the working-day calendar',
  usage: 'calendar check <file> | calendar show <year> [--year <file>]... [--json]',
  description: `
check <file>: validates a year file, one year's arrangement (放假安排) as JSON
(format certflow-calendar-year/1, docs/calendar.md): every holiday and make-up
workday on a real date of that year, make-up workdays on a Saturday or Sunday,
no day listed twice, the notice cited by title, number and date, and every
statutory holiday of 《全国年节及纪念日放假办法》 listed.

show <year>: the holidays and make-up workdays of a year and where they come
from: the built-in data, a year file given with --year, or, for a year whose
arrangement is not published, the statutory holidays alone (provisional).

Exit codes: 0 fine, 1 the year file has problems, 2 usage error (no such
file, not a year, or a year beyond the calendar's coverage).`,
  descriptionZh: `
check <文件>：校验一个年度文件，即一年的放假安排（JSON 格式
certflow-calendar-year/1，见 docs/calendar.md）：每个节假日和调休上班日都是
该年的真实日期，调休上班日在星期六或星期日，没有重复列出的日期，按标题、文号
和日期引用通知，并列出《全国年节及纪念日放假办法》规定的每个法定节假日。

show <年份>：显示某年的节假日和调休上班日及其来源：内置数据、用 --year 给出的
年度文件，或对放假安排尚未公布的年份，仅列法定节假日（暂定）。

退出码：0 无问题，1 年度文件有问题，2 用法错误（文件不存在、不是年份，或年份
超出日历的覆盖范围）。`,
  options: {
    year: {
      type: 'string',
      multiple: true,
      description: 'a year file to add before showing (repeatable)',
      descriptionZh: '显示前先加入的年度文件（可重复）',
      value: 'file',
    },
    json: { type: 'boolean', description: 'machine-readable output', descriptionZh: '机器可读的输出' },
  },
  positionals: { names: ['action', 'argument'], min: 2 },
  async run({ values, positionals, io, locale = 'en' }) {
    const [action, arg] = positionals as [string, string];
    const json = values.json === true;
    const files = (Array.isArray(values.year) ? values.year : []) as string[];
    if (action === 'check') return check(arg, io, json, locale);
    if (action === 'show') return show(arg, files, io, json);
    throw new UsageError({ key: 'usage.calendarAction', values: { action: JSON.stringify(action) } }, 'calendar');
  },
};
