import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { EmptySourceError, UsageError } from '../errors.js';
import { progress } from '../progress.js';
import type { RulePack } from '@certflow/core';
import { loadKnownPacks, loadPackModule } from '../replay/packs.js';
import { deadlineOracle } from '../report/deadlines.js';
import { reportCollector } from '../report/collect.js';
import { localeFromEnv, REPORT_LOCALES, type ReportLocale } from '../report/labels.js';
import { PAGE_CHARS, writeHtmlPages, writeReport, type ReportFormat } from '../report/render.js';
import { collectInWorkers, reportSectionsInWorkers } from '../report/parallel.js';
import { autoThreads, WorkersFailed } from '../parallelVerify.js';
import { adaptiveSpill } from '../report/spill.js';
import { toolVersions } from '../report/versions.js';
import { cannotRead, openSource } from '../sources.js';
import { cliFindingTranslator } from '../locales/findings.js';

const FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

/** A calendar date written YYYY-MM-DD that exists (no 2020-13-01, no 2021-02-29). */
function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** `--lang`, else the environment's LC_ALL / LC_MESSAGES / LANG (zh* is zh-CN). */
function reportLocale(value: unknown, env: Record<string, string | undefined>): ReportLocale {
  if (value === undefined) return localeFromEnv(env);
  if (!REPORT_LOCALES.includes(value as ReportLocale))
    throw new UsageError(`--lang must be zh-CN or en, not ${String(value)}`, 'report');
  return value as ReportLocale;
}

export const reportCommand: Command = {
  name: 'report',
  summary:
    'the audit report: summary, organizations with filings, exams and certificates, deadlines (md, html or json)',
  usage:
    'report <source> [--format md|html|json] [--out <file> | --pages <dir> [--threads <n>]] [--lang zh-CN|en] [--as-of <date>] [--stream <id>]',
  description: `
Writes the audit report of <source>. At the top a summary: regions,
organizations, filings by state, exams, certificates, refusals with their
clauses, deadlines met, missed and open as of a date, broken streams; then a
table of contents; then per organization each filing with its exams and each
exam with its certificates, every stream with its integrity (hash chain
verified or the first broken event), its timeline (labelled fields), every
recorded decision with each finding's rule, outcome and quoted clause, and its
deadlines: missed as recorded (DeadlineMissed), and every deadline of the
stream's pack version worked out with China's working-day calendar. Appendices:
the bookkeeping streams (quota places, serial numbers), the stream heads and
the rule packs used. The footer names the versions of the CLI, core and packs
used, and the report's SHA-256: that of every byte before the footer.

--as-of <YYYY-MM-DD> (default: the China date of the last event): a deadline
due before it whose step is not recorded is missed, not open. --lang zh-CN|en
(default from LC_ALL, LC_MESSAGES or LANG: zh* is zh-CN). --stream <id>
reports one stream alone. --pages <dir> writes the HTML report as pages, for
a long log: index.html (summary, contents, the pages with their SHA-256) and
the organizations on pages of about 1 MB each (an organization larger than
that on a page of its own), each opening in a browser in moments. Worker
threads write them: they read a SQLite file (8 MB or more) in ranges and then
build the organizations' sections, of any other source they build the
sections once the log was read (--threads auto, the default: one per core, at
most four, for a log of more than 10,000 events; --threads 1 or 0: the main
thread alone; the pages are the same byte for byte). Packs: every
rule pack package found beside the CLI, in the folder it runs in, or in a
certflow checkout's rulepacks/ (as for replay), plus any --packs <module> exports.

Every 身份证号 is masked (3701**********1231). The HTML report is one
self-contained file: inline CSS, no scripts, no external assets, A4 print
layout. The same log always gives the same report, byte for byte. A log of
any size is written in bounded memory (one organization at a time).

Exit codes: 0 written, 1 written but some stream is broken or a line is not
JSON, 2 usage error (or --stream names no stream), 3 the source could not be
read (or is empty).`,
  descriptionZh: `
生成 <source> 的审计报告。开头是摘要：地区、机构、各状态的备案、考核、证书、
附条款的不予受理、截至某日已按期完成、已逾期和未到期的期限、损坏的事件流；
然后是目录；然后按机构列出每个备案及其考核、每场考核及其证书，每个事件流附其
完整性（哈希链已验证，或第一个损坏的事件）、时间线（带标注的字段）、每个已记录
决定及每条审查结论的规则、结果和所引条款，以及其期限：已记录的逾期未办
（DeadlineMissed），和按全国工作日历算出的该事件流规则包版本的每个期限。
附录：记账类事件流（名额、证书编号）、流头和所用的规则包。页脚写明所用 CLI、
core 和规则包的版本，以及报告自身的 SHA-256（页脚之前全部字节的哈希）。

--as-of <YYYY-MM-DD>（默认：最后一个事件的中国日期）：在该日之前到期而其步骤
未记录的期限算作逾期，而非未到期。--lang zh-CN|en（默认取自 LC_ALL、
LC_MESSAGES 或 LANG：zh* 即 zh-CN）。--stream <id> 只报告一个事件流。
--pages <目录> 将 HTML 报告分页写出，适用于较长的日志：index.html（摘要、目录、
各页及其 SHA-256）和按顺序排入约 1 MB 一页的各机构（超过此大小的机构单独一页），
每页在浏览器中都能很快打开。这些页面由工作线程写出：对 SQLite 文件（8 MB 及
以上），工作线程分段读取文件，再生成各机构的章节；对其他数据源，读完日志后由
工作线程生成章节（--threads auto，即默认：日志超过 10,000 个事件时每个 CPU 核
一个，至多四个；--threads 1 或 0：只用主线程；两种方式写出的页面逐字节相同）。
规则包：CLI
同目录、运行目录或 certflow 检出目录 rulepacks/ 中找到的每个规则包（与 replay
相同），以及 --packs <模块> 导出的规则包。

每个身份证号均脱敏显示（3701**********1231）。HTML 报告是一个自包含文件：
内联 CSS，无脚本，无外部资源，A4 打印版式。同一日志总是生成逐字节相同的报告。
任意大小的日志都在有限内存中写出（一次一个机构）。

退出码：0 已生成，1 已生成但有事件流损坏或某行不是 JSON，2 用法错误（或
--stream 指定的事件流不存在），3 无法读取数据源（或数据源为空）。`,
  options: {
    format: {
      type: 'string',
      description: 'md (default), html or json',
      descriptionZh: 'md（默认）、html 或 json',
      value: 'md|html|json',
    },
    out: {
      type: 'string',
      description: 'write to this file instead of stdout',
      descriptionZh: '写入此文件而非标准输出',
      value: 'file',
    },
    lang: {
      type: 'string',
      description: 'language of the report (default from LC_ALL/LC_MESSAGES/LANG)',
      descriptionZh: '报告语言（默认取自 LC_ALL/LC_MESSAGES/LANG）',
      value: 'zh-CN|en',
    },
    'as-of': {
      type: 'string',
      description: 'China date deadlines are judged at (default: the last event’s)',
      descriptionZh: '判断期限所依据的中国日期（默认：最后一个事件的日期）',
      value: 'YYYY-MM-DD',
    },
    stream: { type: 'string', description: 'report this stream alone', descriptionZh: '只报告此事件流', value: 'id' },
    pages: {
      type: 'string',
      description:
        'write the HTML report as pages in this directory (index.html + organizations on pages of about 1 MB)',
      descriptionZh: '将 HTML 报告分页写入此目录（index.html 加约 1 MB 一页的各机构）',
      value: 'dir',
    },
    threads: {
      type: 'string',
      description: 'worker threads building the sections of --pages (1: the main thread alone), or auto (the default)',
      descriptionZh: '为 --pages 生成章节的工作线程数（1：只用主线程），或 auto（默认）',
      value: 'n|auto',
    },
    packs: {
      type: 'string',
      multiple: true,
      description: 'a module exporting rule packs (repeatable)',
      descriptionZh: '导出规则包的模块（可重复）',
      value: 'module',
    },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, packs: given }) {
    const format = (values.format ?? 'md') as ReportFormat;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be md, html or json, not ${String(values.format)}`, 'report');
    const locale = reportLocale(values.lang, io.env ?? process.env);
    const asOf = values['as-of'];
    if (asOf !== undefined && !isDate(asOf))
      throw new UsageError(`--as-of must be a date YYYY-MM-DD, not ${String(asOf)}`, 'report');
    const only = typeof values.stream === 'string' ? values.stream : undefined;
    const pagesDir = typeof values.pages === 'string' ? values.pages : undefined;
    if (pagesDir !== undefined && values.out !== undefined)
      throw new UsageError('give --out <file> or --pages <dir>, not both', 'report');
    if (pagesDir !== undefined && values.format !== undefined && format !== 'html')
      throw new UsageError('--pages writes HTML: leave out --format or give --format html', 'report');
    const threadsText = typeof values.threads === 'string' ? values.threads : 'auto';
    if (threadsText !== 'auto' && (!/^\d{1,2}$/.test(threadsText) || Number(threadsText) > 64))
      throw new UsageError({ key: 'usage.badThreads', values: { value: JSON.stringify(threadsText) } }, 'report');
    if (values.threads !== undefined && pagesDir === undefined)
      throw new UsageError('--threads builds the sections of --pages: give --pages <dir>', 'report');
    const packModules = (Array.isArray(values.packs) ? values.packs : []) as string[];
    const extra: RulePack[] = [];
    for (const m of packModules) extra.push(...(await loadPackModule(m, io.cwd ?? process.cwd())));
    const { oracle, region } = deadlineOracle([
      ...(given ?? []),
      ...extra,
      ...(await loadKnownPacks(undefined, { cwd: io.cwd ?? process.cwd() })),
    ]);
    // Findings are worded in the report's language from the packs' own texts (their ./locales entries).
    const translate = await cliFindingTranslator();
    // Workers load the packs again: packs handed in as objects (a host's own) keep the report on this thread.
    const wanted =
      pagesDir === undefined || (given && given.length > 0) ? 0 : threadsText === 'auto' ? -1 : Number(threadsText);
    const sectionThreads = wanted === -1 ? autoThreads(Infinity) : wanted;
    /** Reads the log and writes the report; with `parallel`, with worker threads where they serve. */
    const attempt = async (parallel: boolean): Promise<number> => {
      const source = await openSource(positionals[0]!, io);
      const spill = await adaptiveSpill();
      try {
        const personal = await source.personal?.();
        const collector = reportCollector(
          {
            source: source.label,
            locale,
            masked: source.header?.certflowExport.masked === true && source.header.certflowExport.format !== 2,
            ...(personal ? { display: personal.display } : {}),
            deadlines: oracle,
            region,
            versions: { ...toolVersions(), packs: [] },
            ...(asOf ? { asOf } : {}),
            ...(only !== undefined ? { stream: only } : {}),
            wordFinding: (message: string) => translate(message, locale),
          },
          spill,
        );
        const setup = {
          locale,
          packModules,
          cwd: io.cwd ?? process.cwd(),
          ...(personal ? { display: [...personal.display] } : {}),
        };
        // A SQLite file read in place (the whole log asked for): workers read it, by range and then by stream.
        let inPlace: string | undefined;
        if (parallel && wanted !== 0 && only === undefined && source.kind === 'sqlite' && source.file) {
          const threads = wanted === -1 ? autoThreads(statSync(source.file).size) : wanted;
          if (threads > 1 && (await import('@certflow/store-sqlite')).readsInPlace(source.file)) inPlace = source.file;
        }
        let records = 0;
        let unreadable = 0;
        try {
          const bar = progress(io, 'report', { locale });
          if (inPlace !== undefined)
            await collectInWorkers(inPlace, sectionThreads, collector, setup, (n) => {
              records = n;
              bar.update(n);
            });
          else
            for await (const r of source.records()) {
              records++;
              if ('error' in r) {
                unreadable++;
                io.stderr.write(`✖ ${source.label} line ${r.line}: ${r.error} (skipped)\n`);
              } else collector.add(r.event);
              bar.update(records);
            }
          bar.done();
        } finally {
          await source.close();
        }
        if (records === 0) throw new EmptySourceError(source.label, 'report');
        const plan = collector.finish();
        if (only !== undefined && plan.index.size === 0)
          throw new UsageError(`--stream ${only}: no such stream in ${source.label}`, 'report');
        const file = typeof values.out === 'string' ? resolve(io.cwd ?? process.cwd(), values.out) : undefined;
        let summary: ReturnType<typeof writeReport>;
        if (pagesDir !== undefined) {
          const dir = resolve(io.cwd ?? process.cwd(), pagesDir);
          let written: Awaited<ReturnType<typeof writeHtmlPages>>;
          const inWorkers =
            parallel && sectionThreads > 1
              ? reportSectionsInWorkers(plan, sectionThreads, {
                  ...setup,
                  ...(inPlace !== undefined ? { store: inPlace } : {}),
                })
              : undefined;
          try {
            written = await writeHtmlPages(plan, dir, PAGE_CHARS, inWorkers);
          } catch (err) {
            if (err instanceof WorkersFailed) throw err;
            throw cannotRead(pagesDir, err, 'write');
          }
          summary = written.summary;
          io.stderr.write(
            `wrote html report of ${summary.streams} streams as ${written.pages.length + 1} pages in ${pagesDir} (open ${pagesDir}/index.html)${inWorkers ? `, built by ${sectionThreads} worker threads` : ''}\n`,
          );
        } else if (file) {
          let fd: number;
          try {
            fd = openSync(file, 'w');
          } catch (err) {
            throw cannotRead(String(values.out), err, 'write');
          }
          try {
            summary = writeReport(plan, format, (s) => writeSync(fd, s));
          } finally {
            closeSync(fd);
          }
          io.stderr.write(`wrote ${format} report of ${summary.streams} streams to ${values.out}\n`);
        } else summary = writeReport(plan, format, (s) => io.stdout.write(s));
        if (summary.brokenStreams > 0)
          io.stderr.write(`✖ ${summary.brokenStreams} stream(s) do not verify: run certflow verify\n`);
        return summary.brokenStreams > 0 || unreadable > 0 ? EXIT.problems : EXIT.ok;
      } finally {
        spill.close();
      }
    };
    if (sectionThreads <= 1) return attempt(false);
    try {
      return await attempt(true);
    } catch (err) {
      // The workers could not do their part: one thread reads the log and writes every page again.
      if (!(err instanceof WorkersFailed)) throw err;
      return attempt(false);
    }
  },
};
