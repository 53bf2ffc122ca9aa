import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { progress } from '../progress.js';
import { createChinaCalendar } from '@certflow/calendar';
import type { RulePack, StoredEvent } from '@certflow/core';
import { loadKnownPacks, loadPackModule, packSet } from '../replay/packs.js';
import { computeDeadlines } from '../report/deadlines.js';
import { buildReport, type DeadlineOracle } from '../report/model.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { openSource, readAllRecords } from '../sources.js';

const FORMATS = ['md', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Works out each stream's deadlines under the pack version its events name, with China's working-day calendar. */
function deadlineOracle(packs: RulePack[]): DeadlineOracle {
  const set = packSet(packs);
  const calendar = createChinaCalendar();
  return (events: StoredEvent[]) => {
    const ref = events.find((e) => e.meta.rulePack?.id)?.meta.rulePack;
    const pack = ref ? set.find(ref.id, ref.version) : undefined;
    return pack ? computeDeadlines(events, pack, calendar) : [];
  };
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'per-stream timeline, decisions with citations, deadlines (md, html or json)',
  usage: 'report <source> [--format md|html|json] [--out <file>]',
  description: `
Writes an audit report of <source>: for every stream its integrity (hash chain
verified or the first broken event), its timeline with actors and rule pack
versions, every recorded decision with each finding's rule, outcome, document,
clause and quoted original text, and its deadlines: missed as recorded
(DeadlineMissed), and every deadline of the stream's pack version worked out
with China's working-day calendar as met, missed or open. Packs: every rule
pack package found beside the CLI, in the folder it runs in, or in a certflow
checkout's rulepacks/ (as for replay), plus any --packs <module> exports.

Every 身份证号 is masked (3701**********1231). The HTML report is one
self-contained file: inline CSS, no scripts, no external assets. The same log
always gives the same report, byte for byte.

Exit codes: 0 written, 1 written but some stream is broken or a line is not
JSON, 2 usage error, 3 the source could not be read (or is empty).`,
  options: {
    format: { type: 'string', description: 'md (default), html or json', value: 'md|html|json' },
    out: { type: 'string', description: 'write to this file instead of stdout', value: 'file' },
    packs: { type: 'string', multiple: true, description: 'a module exporting rule packs (repeatable)', value: 'module' },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, packs: given }) {
    const format = (values.format ?? 'md') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be md, html or json, not ${String(values.format)}`, 'report');
    const extra: RulePack[] = [];
    for (const m of (Array.isArray(values.packs) ? values.packs : []) as string[]) extra.push(...(await loadPackModule(m, io.cwd ?? process.cwd())));
    const deadlines = deadlineOracle([...(given ?? []), ...extra, ...(await loadKnownPacks(undefined, { cwd: io.cwd ?? process.cwd() }))]);
    const source = await openSource(positionals[0]!, io);
    let records;
    try {
      const bar = progress(io, 'report');
      records = await readAllRecords(source, (n) => bar.update(n), 'report');
      bar.done();
    } finally {
      await source.close();
    }
    const unreadable = records.filter((r) => 'error' in r);
    for (const r of unreadable) io.stderr.write(`✖ ${source.label} line ${r.line}: ${(r as { error: string }).error} (skipped)\n`);
    const report = buildReport(
      records.flatMap((r) => ('event' in r ? [r.event] : [])),
      { source: source.label, masked: source.header?.certflowExport.masked === true, deadlines },
    );
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderHtml(report) : renderMarkdown(report);
    if (typeof values.out === 'string') {
      writeFileSync(resolve(io.cwd ?? process.cwd(), values.out), text);
      io.stderr.write(`wrote ${format} report of ${report.summary.streams} streams to ${values.out}\n`);
    } else io.stdout.write(text);
    if (report.summary.brokenStreams > 0) io.stderr.write(`✖ ${report.summary.brokenStreams} stream(s) do not verify: run certflow verify\n`);
    return report.summary.brokenStreams > 0 || unreadable.length > 0 ? EXIT.problems : EXIT.ok;
  },
};
