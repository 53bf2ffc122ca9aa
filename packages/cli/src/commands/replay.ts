import { statSync } from 'node:fs';
import { label, type Locale } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { EmptySourceError, MaskedExportError, UsageError } from '../errors.js';
import { t } from '../locales/index.js';
import { progress } from '../progress.js';
import { loadKnownPacks, loadPackModule, packSet } from '../replay/packs.js';
import type { DecisionComparison } from '../replay/recheck.js';
import { WorkersFailed } from '../parallelVerify.js';
import { replayThreads } from '../replay/parallel.js';
import { replayLog, type ReplayInput, type ReplayResult } from '../replay/replayLog.js';
import { spillLog, type SpilledLog } from '../replay/spill.js';
import { cannotRead, openSource, PG_READ_BATCH, SQLITE_READ_BATCH } from '../sources.js';

function parseUnder(spec: string): { id: string; version: string } {
  const at = spec.lastIndexOf('@');
  if (at <= 0 || at === spec.length - 1)
    throw new UsageError(`--under takes <pack>@<version>, e.g. shandong@1.1.0, not ${JSON.stringify(spec)}`, 'replay');
  return { id: spec.slice(0, at), version: spec.slice(at + 1) };
}

function comparisonLines(c: DecisionComparison, arrow: string): string[] {
  const head = `${c.streamId} v${c.version} ${c.eventType} (as of ${c.asOf}): ${c.outcomeBefore} ${arrow} ${c.outcomeAfter} under ${c.evaluatedUnder}`;
  return [
    head,
    ...c.changes.map(
      (f) =>
        `    ${f.ruleId}: ${f.before ?? '(absent)'} → ${f.after ?? '(absent)'}${f.message ? ` — ${f.message}` : ''}${f.cite ? `\n      ${f.cite.document} ${f.cite.clause}「${f.cite.text}」` : ''}`,
    ),
  ];
}

function printText(r: ReplayResult, out: (s: string) => void, locale: Locale = 'en'): void {
  // In zh-CN a state is named by the label table (备案有效 ×2); in English by its machine name, as before.
  const states = new Map<string, number>();
  if (locale === 'en') for (const [state, n] of Object.entries(r.states)) states.set(state, n);
  else
    for (const [kind, byState] of Object.entries(r.statesByKind))
      for (const [state, n] of Object.entries(byState)) {
        const name =
          kind === 'application' || kind === 'exam' || kind === 'certificate'
            ? label('states', state, locale, kind)
            : state;
        states.set(name, (states.get(name) ?? 0) + n);
      }
  out(t(locale, 'replay.header', { source: r.source, events: r.events, streams: r.rebuilt }));
  if (states.size > 0)
    out(
      t(locale, 'replay.states', {
        states: [...states].map(([s, n]) => `${s} ×${n}`).join(locale === 'en' ? ', ' : '，'),
      }),
    );
  for (const p of r.integrity) out(`✖ integrity: ${p.streamId} version ${p.version ?? '?'}: ${p.kind} — ${p.detail}`);
  for (const h of r.history) out(`✖ history: ${h.streamId} version ${h.version} ${h.type}: ${h.rule} — ${h.detail}`);
  for (const f of r.failed) out(`✖ ${f.streamId} does not rebuild: ${f.error}`);
  const d = r.decisions;
  out(t(locale, 'replay.decisions', { rechecked: d.rechecked, differ: d.mismatched.length }));
  for (const c of d.mismatched) comparisonLines(c, '≠').forEach((l, i) => void out(i === 0 ? `✖ ${l}` : l));
  if (d.knownBuild > 0)
    out(
      `  ${d.knownBuild} decisions recorded by an earlier known build of their pack version (same rules, other hash)`,
    );
  for (const p of d.packChanged) {
    out(
      `✖ pack build: ${p.streamId} v${p.version}: ${p.pack} recorded with hash ${p.recordedHash.slice(0, 12)}…, which no known build of ${p.pack} has (known: ${p.knownHashes.map((h) => `${h.slice(0, 12)}…`).join(', ')}) (the log is intact; the pack changed without a new version)`,
    );
  }
  for (const u of d.unavailable)
    out(`✖ ${u.streamId} v${u.version}: pack ${u.pack} is not available (pass it with --packs)`);
  for (const e of d.errors) out(`✖ ${e.streamId} v${e.version}: could not re-evaluate: ${e.error}`);
  for (const u of d.unsupported)
    out(
      `  ${u.streamId} v${u.version}: ${u.eventType} records a decision replay cannot rebuild the facts of (not rechecked)`,
    );
  if (r.under) {
    out(`under ${r.under.pack}: ${r.under.compared} decisions compared, ${r.under.changed.length} would change`);
    for (const c of r.under.changed) comparisonLines(c, '→').forEach((l) => void out(`  ${l}`));
  }
  out(t(locale, 'replay.history', { violations: r.history.length }));
  out(t(locale, r.ok ? 'replay.ok' : 'replay.problems'));
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'rebuild every stream, re-check every decision; --under shows what another pack version changes',
  usage: 'replay <source> [--under <pack>@<version>] [--packs <module>]... [--threads <n>] [--json]',
  description: `
Folds every stream of <source> through its machine, checking that every
event is one the machine accepts in the state it was appended in, with data
valid for its type, and that facts across streams hold (a certificate stream
is named after its number and its exam's passed candidate; certificates come
after confirmed results under an active filing; quota places match filings).
Each violation names stream, version and rule. It then re-evaluates every
recorded decision (screening, supplement, scope amendment, exam plan) with the
facts it recorded, under the pack version it names, and checks that the same
findings come out. A decision that differs, a pack version that is missing, or
a pack whose content changed under the same version is a problem. A pack's
hash is taken over its source digest, so every build of a version (TS source,
ESM, CJS, a bundle) has the same one; a hash an earlier build of the version
recorded (each pack lists them) counts as that version. A hash no known build
has is reported as "pack build", apart from the log's integrity.

--under <pack>@<version> also re-evaluates every decision of that pack under
the given version and lists, rule by rule with citations, what would change.
That is information, not a problem.

The log is read once, in log order; a stream's events are kept from that
pass until its last version is read (the streams its checks name, and a
stream whose events were not kept, are read again from the source), so
memory is bounded by the streams, not the events. A SQLite file or
PostgreSQL schema is read in place; a JSONL
export is first copied into a private temporary SQLite file (under the
system's temporary directory, removed when replay ends), which holds what
the export holds.

Packs: every rule pack package installed beside the CLI or in the folder it
runs in (node_modules: @certflow/rulepack-<id>, certflow-rulepack-<id>,
@<scope>/certflow-rulepack-<id>), and in a certflow checkout every
rulepacks/<folder>; --packs <module> adds the packs a JavaScript module
exports (an older or a draft version), and may be repeated.

--threads <n>: n worker threads read a SQLite file again beside the log
pass and examine each event on their own (its hash and envelope, as verify
checks them, and its data against the event catalogue), while the main
thread checks histories, folds streams and re-evaluates decisions;
--threads auto uses one per core but one (at most three) for a SQLite file
of 8 MB or more, none for a smaller one, a JSONL export or PostgreSQL.
Default 0: the main thread alone (each worker adds about 60 MB). The result
is the same either way.

Exit codes: 0 everything reproduced, 1 problems found, 2 usage error,
3 the source could not be read.`,
  descriptionZh: `
将 <source> 的每个事件流依次交给其状态机重放，检查每个事件在其追加时的状态下
都为状态机所接受、数据符合其事件类型，并检查跨事件流的事实成立（证书事件流的
名称与其证书编号相符，并属于其考核中合格的考生；证书在备案有效期间、成绩确认之后才颁发；
名额与备案相符）。每处违反均指明事件流、版本号和规则。随后用每个已记录决定
（资格审查、补正材料、备案范围变更、考核计划）所记录的事实，按其所记的规则包
版本重新评估，检查得出相同的审查结论。决定不一致、规则包版本缺失、或同一版本
下规则包内容已变化，均算作问题。规则包的哈希取自其源码摘要，因此同一版本的
每种构建（TS 源码、ESM、CJS、打包文件）哈希相同；该版本早先某次构建记录的
哈希（每个规则包都列出）视同该版本。任何已知构建都没有的哈希报告为
"pack build"，与日志的完整性分开。

--under <规则包>@<版本> 还会按指定版本重新评估该规则包的每个决定，逐条规则
（附条款引文）列出会有哪些变化。这只是参考信息，不算问题。

日志按日志顺序只读一遍；某事件流的事件在这一遍中保留到读完其最后一个版本为止
（其检查所引用的事件流，以及未保留事件的事件流，再从数据源读取），
因此内存占用取决于事件流数而非事件数。SQLite 文件或 PostgreSQL 模式就地读取；
JSONL 导出文件先复制到一个私有的临时 SQLite 文件（位于系统临时目录，重放结束
即删除），其内容与导出文件相同。

规则包：CLI 同目录或运行目录中安装的每个规则包（node_modules：
@certflow/rulepack-<id>、certflow-rulepack-<id>、
@<scope>/certflow-rulepack-<id>），在 certflow 检出目录中还包括每个
rulepacks/<目录>；--packs <模块> 加入某个 JavaScript 模块导出的规则包
（旧版本或草案版本），可重复使用。

--threads <n>：n 个工作线程在日志遍历之外再读一遍 SQLite 文件，各自检查每个
事件（其哈希和信封，与 verify 的检查相同；其数据是否符合事件目录），主线程则
检查各事件流的历史、重放事件流并重新评估决定；--threads auto 对 8 MB 及以上的
SQLite 文件每个 CPU 核用一个线程但留一个给主线程（最多三个），较小的文件、
JSONL 导出文件和 PostgreSQL 不用。默认 0：只用主线程（每个工作线程约多占
60 MB 内存）。两种方式结果相同。

退出码：0 全部复现，1 发现问题，2 用法错误，3 无法读取数据源。`,
  options: {
    under: {
      type: 'string',
      description: 'also evaluate decisions under this pack version',
      descriptionZh: '另按此规则包版本评估各决定',
      value: 'pack@version',
    },
    packs: {
      type: 'string',
      multiple: true,
      description: 'a module exporting rule packs (repeatable)',
      descriptionZh: '导出规则包的模块（可重复）',
      value: 'module',
    },
    threads: {
      type: 'string',
      value: 'n',
      description: 'worker threads examining the events of a SQLite file, or auto (default 0)',
      descriptionZh: '检查 SQLite 文件各事件的工作线程数，或 auto（默认 0）',
    },
    json: { type: 'boolean', description: 'print the result as JSON', descriptionZh: '以 JSON 格式输出结果' },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, packs: given, locale = 'en' }) {
    const under = typeof values.under === 'string' ? parseUnder(values.under) : undefined;
    const threadsText = typeof values.threads === 'string' ? values.threads : '0';
    if (threadsText !== 'auto' && (!/^\d{1,2}$/.test(threadsText) || Number(threadsText) > 64))
      throw new UsageError({ key: 'usage.badThreads', values: { value: JSON.stringify(threadsText) } }, 'replay');
    const modules = (Array.isArray(values.packs) ? values.packs : []) as string[];
    const extra = [];
    for (const m of modules) extra.push(...(await loadPackModule(m, io.cwd ?? process.cwd())));
    const packs = packSet([
      ...(given ?? []),
      ...extra,
      ...(await loadKnownPacks(undefined, { cwd: io.cwd ?? process.cwd() })),
    ]);
    if (under && !packs.find(under.id, under.version)) {
      const known = packs.versions(under.id);
      throw new UsageError(
        `--under ${under.id}@${under.version}: no such pack version is available${known.length ? ` (available: ${known.map((v) => `${under.id}@${v}`).join(', ')})` : ''}; pass it with --packs`,
        'replay',
      );
    }
    // replay never shows a display form: read past, not held
    const source = await openSource(positionals[0]!, io, { displayForms: false });
    let unreadable: { line: number; error: string }[] = [];
    let result: ReplayResult;
    let spilled: SpilledLog | undefined;
    try {
      if (source.header?.certflowExport.masked && source.header.certflowExport.format !== 2)
        throw new MaskedExportError(source.label, 'replayed');
      const events = async function* () {
        for await (const r of source.records()) {
          if ('error' in r) unreadable.push(r);
          else yield r.event;
        }
      };
      // A store's events straight from its readAll, in the batches its source reads (its errors
      // are the source's, below): no wrapper a record at a time.
      const store = source.store;
      const storeEvents = () =>
        store!.readAll({ batchSize: source.kind === 'postgres' ? PG_READ_BATCH : SQLITE_READ_BATCH });
      let input: ReplayInput;
      let threads = 0;
      if (store) {
        input = { events: storeEvents(), store, oneEventPerVersion: true };
        if (source.kind === 'sqlite' && source.file) {
          threads = threadsText === 'auto' ? replayThreads(statSync(source.file).size) : Number(threadsText);
          // A file the read-only open would copy into memory is replayed on one thread.
          if (threads > 0 && !(await import('@certflow/store-sqlite')).readsInPlace(source.file)) threads = 0;
          if (threads > 0) input.parallel = { file: source.file, threads };
        }
      } else {
        // A JSONL export is read once into a private temporary copy that any stream can be read from again.
        const reading = progress(io, 'read', { json: values.json === true, locale });
        try {
          spilled = await spillLog(events(), (n) => reading.update(n, undefined, source.fraction?.()));
        } finally {
          reading.done();
        }
        input = {
          events: spilled.read(),
          store: spilled.store,
          total: spilled.events,
          oneEventPerVersion: spilled.oneEventPerVersion,
        };
      }
      const replay = (of: ReplayInput) =>
        replayLog(of, {
          source: source.label,
          packs,
          ...(under ? { under } : {}),
          progress: progress(io, 'replay', { json: values.json === true, locale }),
          listStreams: values.json === true,
        });
      try {
        result = await replay(input);
      } catch (e) {
        if (!(e instanceof WorkersFailed) || !input.parallel) throw e;
        // The workers could not do it (a store error among them): one thread reads the log again and reports it.
        unreadable = [];
        const { parallel: _, ...alone } = input;
        result = await replay({ ...alone, events: storeEvents() });
      }
      if (result.events === 0 && unreadable.length === 0) throw new EmptySourceError(source.label, 'replay');
    } catch (e) {
      throw source.store ? cannotRead(source.label, e) : e;
    } finally {
      await spilled?.close();
      await source.close();
    }
    for (const r of unreadable) io.stderr.write(`✖ ${source.label} line ${r.line}: ${r.error}\n`);
    if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else printText(result, (l) => io.stdout.write(`${l}\n`), locale);
    return result.ok && unreadable.length === 0 ? EXIT.ok : EXIT.problems;
  },
};
