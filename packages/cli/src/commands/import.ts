import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EventStore, PersonalVaultRow, StoredEvent } from '@certflow/core';
import { ValidationError, issueText } from '@certflow/core';
import { t } from '../locales/index.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { MaskedExportError, UsageError } from '../errors.js';
import { autoThreads, importJsonlFile, WorkersFailed } from '../parallelVerify.js';
import { progress } from '../progress.js';
import {
  cannotRead,
  openSource,
  openStore,
  pgLocation,
  readAllRecords,
  redactUrl,
  sourceKind,
  type Source,
  type SourceRecord,
} from '../sources.js';
import { formatProblem, verifyRecords, verifySource, type VerifyReport } from './verify.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'write a verified JSONL export into a SQLite file or PostgreSQL',
  usage: 'import <jsonl> <target> [--json]',
  description: `
Reads an unmasked JSONL export (from certflow export --unmasked; - for stdin),
verifies it, and writes its events verbatim (same versions, positions and
hashes) into <target>: a SQLite file (created when missing) or a postgres://
URL. The import is all or nothing: a log that does not verify, or that does
not continue the target's streams, writes nothing (a SQLite file or a
PostgreSQL schema the import created is removed again). Into a new SQLite
file or schema, events are written in batches as they are read and checked,
in memory bounded by the streams; into a store that already exists, they are
written in batches inside one transaction, committed only once the whole log
verified and continued the target's streams.

An export --with-personal-data carries the personal-data vault: verify
checks that every commitment opens, and the rows are written into the
target's vault (created when missing) in the transaction of the events (of
the first batch, when written in batches), each 身份证号's lookup key computed
again under the target's own secret. A masked export of format-2 events
imports verbatim too, but carries no values: the target gets no vault rows
(import says so on stderr).

Exit codes: 0 imported, 1 the log was refused, 2 usage error, 3 the
source could not be read or the target could not be written.`,
  descriptionZh: `
读取未脱敏的 JSONL 导出文件（由 certflow export --unmasked 生成；- 表示标准
输入），验证后将其事件原样（版本号、位置和哈希不变）写入 <target>：SQLite 文件
（不存在时创建）或 postgres:// 地址。导入要么全部完成，要么什么也不写：日志未通过
验证，或不能延续目标中已有的事件流，则不写入任何内容（导入时新建的 SQLite 文件
或 PostgreSQL 模式会被再次删除）。导入新的 SQLite 文件或模式时，事件边读边查、
分批写入，内存占用取决于事件流数；导入已存在的存储时，同样分批写入，但全部在
一个事务中，只有整个日志通过验证并延续了目标中的事件流才提交。

--with-personal-data 导出携带个人信息库：verify 检查每个承诺值都能打开，其记录
与事件在同一事务中（分批写入时为第一批的事务）写入目标存储的个人信息库（不存在
时创建），每个身份证号的查找键按目标存储自己的密钥重新计算。格式 2 事件的脱敏
导出同样按原样导入，但不含个人信息的值：目标存储不获得个人信息库记录（import
会在标准错误上说明）。

退出码：0 已导入，1 日志被拒绝，2 用法错误，3 无法读取数据源或无法写入目标。`,
  options: {
    json: { type: 'boolean', description: 'print the result as JSON', descriptionZh: '以 JSON 格式输出结果' },
    verbose: {
      type: 'boolean',
      short: 'v',
      description: 'list every problem of a refused log, not only a summary',
      descriptionZh: '逐条列出被拒绝日志的每个问题，而不只是摘要',
    },
  },
  positionals: { names: ['jsonl', 'target'], min: 2 },
  async run({ values, positionals, io, locale = 'en' }) {
    const [from, to] = positionals as [string, string];
    const target = sourceKind(to) === 'postgres' ? redactUrl(to) : to;
    if (sourceKind(from) !== 'jsonl') throw new UsageError({ key: 'usage.notJsonl', values: { file: from } }, 'import');
    // display forms are never imported (only a vault is): read past, not held
    const source = await openSource(from, io, { displayForms: false });
    try {
      if (source.header?.certflowExport.masked && source.header.certflowExport.format !== 2)
        throw new MaskedExportError(source.label, 'imported');
      // An export --with-personal-data carries the vault: its rows go into the target with the
      // events. A masked format-2 export carries display forms only: the target gets no vault.
      const vault = (await source.personal?.())?.vault;
      if (!vault && source.header?.certflowExport.masked) io.stderr.write(`${t(locale, 'import.noVault')}\n`);
      const refuse = (lines: string[]) => {
        if (values.json)
          io.stdout.write(`${JSON.stringify({ ok: false, imported: 0, target, problems: lines }, null, 2)}\n`);
        else if (values.verbose || lines.length === 1)
          io.stderr.write(`${lines.join('\n')}\n${t(locale, 'import.nothing', { target })}\n`);
        else {
          // One line: how many, and the first; --verbose lists every one (a refused log can hold hundreds).
          const first = lines[0]!.replace(/^✖ /, '');
          io.stderr.write(
            `${t(locale, 'import.refused', { count: lines.length, first })}\n${t(locale, 'import.nothing', { target })}\n`,
          );
        }
        return EXIT.problems;
      };
      // A SQLite file this import creates is removed again if the import fails: a
      // failed import leaves nothing behind.
      const newFile = sourceKind(to) === 'sqlite' ? resolve(io.cwd ?? process.cwd(), to) : undefined;
      const created = newFile !== undefined && !existsSync(newFile);
      // Likewise a PostgreSQL schema this import creates is dropped again, if it still holds no event.
      const pg = sourceKind(to) === 'postgres' ? await import('@certflow/store-postgres') : undefined;
      const location = pg ? pgLocation(to) : undefined;
      let schemaCreated = false;
      if (pg && location) {
        try {
          schemaCreated = !(await pg.logExists(location));
        } catch (e) {
          throw cannotRead(target, e, 'write');
        }
      }
      const removeCreated = async () => {
        if (created)
          for (const f of [newFile, `${newFile}-wal`, `${newFile}-shm`, `${newFile}-journal`])
            rmSync(f, { force: true });
        if (schemaCreated && pg && location) await pg.removeEmptyLog(location).catch(() => undefined);
      };
      const bar = progress(io, 'import', { json: values.json === true, locale });
      // Into a target this import creates, events are written batch by batch as they are
      // read and checked (memory: the batch and one head per stream); anything found
      // wrong removes what was created. Into an existing target whose store can hold one
      // transaction over many batches (beginImport: SQLite, PostgreSQL), the batches are
      // written as they are read inside that transaction, and anything found wrong rolls
      // it back, so a refused import writes nothing there either. A store without it, or
      // an export that carries the vault (its rows go in one importEvents with the events),
      // is given the log read and checked whole, in one importEvents.
      const streaming = created || schemaCreated;
      let store: EventStore;
      try {
        store = await openStore(to, io, { create: true, ...(vault ? { personal: true } : {}) });
      } catch (e) {
        await removeCreated();
        throw cannotRead(target, e, 'write');
      }
      let failure: unknown;
      let imported = 0;
      let streams = 0;
      const onRecord = (n: number, f?: number) => bar.update(n, undefined, f ?? source.fraction?.());
      const reopen = () => openSource(from, io, { displayForms: false });
      try {
        if (streaming) {
          const written = await importStreaming(
            source,
            (events, personal) => store.importEvents(events, personal ? { personal } : undefined),
            onRecord,
            vault,
            { reopen },
          ).finally(() => bar.done());
          if (!written.report.ok) {
            await store.close().catch(() => undefined);
            await removeCreated();
            return refuse(written.report.problems.map(formatProblem));
          }
          imported = written.report.events;
          streams = written.report.streams;
        } else if (store.beginImport && !vault) {
          const tx = await store.beginImport().catch((e: unknown) => {
            bar.done();
            throw e;
          });
          let report: VerifyReport;
          try {
            report = (
              await importStreaming(source, (events) => tx.write(events), onRecord, undefined, { reopen }).finally(() =>
                bar.done(),
              )
            ).report;
            if (report.ok) await tx.commit();
          } finally {
            await tx.rollback();
          }
          if (!report.ok) {
            await store.close().catch(() => undefined);
            return refuse(report.problems.map(formatProblem));
          }
          imported = report.events;
          streams = report.streams;
        } else {
          let records: SourceRecord[];
          try {
            records = await readAllRecords(source, onRecord, 'import');
          } finally {
            bar.done();
          }
          const report = verifyRecords(source.label, records, vault);
          if (!report.ok) {
            await store.close().catch(() => undefined);
            return refuse(report.problems.map(formatProblem));
          }
          const events = records.map((r) => (r as { event: StoredEvent }).event);
          await store.importEvents(events, vault ? { personal: vault } : undefined);
          imported = events.length;
          streams = report.streams;
        }
      } catch (e) {
        failure = e;
      } finally {
        await store.close().catch(() => undefined);
      }
      if (failure !== undefined) {
        await removeCreated();
        if (failure instanceof ValidationError)
          return refuse(
            failure.issues.map((i) => `✖ ${i.path.join(' ')}: ${i.code} — ${issueText(i, locale, failure)}`),
          );
        throw cannotRead(target, failure, 'write');
      }
      if (values.json)
        io.stdout.write(
          `${JSON.stringify({ ok: true, imported, streams, ...(vault ? { vaultRows: vault.length } : {}), target: to }, null, 2)}\n`,
        );
      else {
        io.stdout.write(`${t(locale, 'import.ok', { events: imported, streams, target })}\n`);
        if (vault) io.stdout.write(`${t(locale, 'import.vault', { rows: vault.length })}\n`);
      }
      return EXIT.ok;
    } finally {
      await source.close();
    }
  },
};

/**
 * Events written per batch by a streaming import. A batch is held until it is
 * written, so its events outlive V8's young generation: at 5,000 (and 1,000)
 * a batch the import of a 250,000-event log peaked at 225 MB RSS, at 200 at
 * 157 MB, for the same CPU time.
 */
export const IMPORT_BATCH = 200;

/**
 * Reads a source once: every record is checked as `verify` checks it (the
 * same report), and while nothing is wrong the events are written to the
 * store in batches of `IMPORT_BATCH` (each batch checked again by the store's
 * importEvents as a continuation of what it holds). Once a problem is found
 * nothing more is written, but the rest is still checked so that every
 * problem is reported; the caller removes what was written. An empty source
 * is EmptySourceError. The vault rows (an export --with-personal-data) go
 * with the first batch, in its transaction, and every commitment must open.
 */
export async function importStreaming(
  source: Source,
  writeEvents: (events: StoredEvent[], personal?: PersonalVaultRow[]) => Promise<void>,
  onRecord?: (count: number, fraction?: number) => void,
  vault?: PersonalVaultRow[],
  options: { reopen?: () => Promise<Source> } = {},
): Promise<{ report: VerifyReport }> {
  let batch: StoredEvent[] = [];
  let writing = true;
  let wrote = false;
  let rows = vault && vault.length > 0 ? vault : undefined;
  const write = async (events: StoredEvent[]) => {
    wrote = true;
    await writeEvents(events, rows);
    rows = undefined;
  };
  const afterEach = async (event: unknown, clean: boolean) => {
    if (!writing) return;
    if (!clean) {
      writing = false;
      batch = [];
      return;
    }
    batch.push(event as StoredEvent);
    if (batch.length >= IMPORT_BATCH) {
      const events = batch;
      batch = [];
      await write(events);
    }
  };
  let report: VerifyReport | undefined;
  let reopened: Source | undefined;
  try {
    // A JSONL file of 8 MB or more on two cores or more: a worker examines the events while the
    // main thread parses and writes them (the same checks, the same report): one worker, since the
    // main thread's share (the store's own check, the rows, the tree) is the larger. A format-2
    // export (personal lines, a vault) is read on one thread.
    const file = source.kind === 'jsonl' ? source.file : undefined;
    const threads =
      file && !vault && options.reopen && source.header?.certflowExport.format !== 2
        ? Math.min(1, autoThreads(statSync(file).size))
        : 0;
    if (file && threads >= 1) {
      await source.close();
      try {
        report = await importJsonlFile(file, source.label, {
          threads,
          afterEach,
          ...(onRecord ? { onRecord: (n: number, f: number | undefined) => onRecord(n, f) } : {}),
        });
      } catch (e) {
        // The workers could not do it before anything was written: one thread reads the file again.
        if (!(e instanceof WorkersFailed) || wrote) throw e;
        batch = [];
        writing = true;
        reopened = await options.reopen!();
      }
    }
    report ??= await verifySource(reopened ?? source, {
      heads: false,
      ...(vault ? { vault } : {}),
      ...(onRecord ? { onRecord } : {}),
      afterEach,
    });
  } finally {
    await reopened?.close();
  }
  if (report.ok && batch.length > 0) await write(batch);
  return { report };
}
