import { memorySpill, reportCollector, type EventSpill, type ReportOptions } from './collect.js';
import type { Report } from './model.js';
import { reportOf, writeReport, type ReportFormat } from './render.js';

export type { ReportOptions, EventSpill } from './collect.js';
export type { ReportFormat } from './render.js';

function collect(rawEvents: Iterable<unknown>, options: ReportOptions, spill: EventSpill = memorySpill()) {
  const c = reportCollector(options, spill);
  for (const e of rawEvents) c.add(e);
  return c.finish();
}

/**
 * Builds the report of a log: a summary, then per organization its filings with
 * their exams and certificates nested, each stream's timeline (labelled
 * fields), decisions with their citations, deadlines as of a date, and
 * integrity; bookkeeping streams apart. Every 身份证号 is masked before
 * anything is read from an event. Deterministic: the same log gives the same report.
 */
export function buildReport(rawEvents: Iterable<unknown>, options: ReportOptions): Report {
  return reportOf(collect(rawEvents, options));
}

/**
 * The report of a log as text (md, html or json), its footer carrying the
 * versions used and the SHA-256 of the bytes before the footer.
 */
export function renderReport(rawEvents: Iterable<unknown>, format: ReportFormat, options: ReportOptions): string {
  const plan = collect(rawEvents, options);
  const parts: string[] = [];
  writeReport(plan, format, (s) => parts.push(s));
  plan.spill.close();
  return parts.join('');
}
