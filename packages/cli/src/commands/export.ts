import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { t } from '../locales/index.js';
import { EXIT } from '../command.js';
import { DISPLAY_PER_LINE, exportHeader, toJsonlLine } from '../jsonl.js';
import { maskEvent } from '../mask.js';
import { progress } from '../progress.js';
import { CannotReadError, EmptySourceError, UsageError } from '../errors.js';
import { openSource } from '../sources.js';
import type { CliIo } from '../io.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a log as JSONL to stdout (ID numbers masked unless --unmasked)',
  usage: 'export <source> [--unmasked | --with-personal-data] [--out <file>]',
  description: `
Writes every event of <source> to standard output, one JSON object per line in
log order, after a header line that says whether the export is masked.

By default every 身份证号 in event data and meta is masked (3701**********1231):
an export travels further than the store, so it carries no personal ID numbers
unless someone chose so. A masked export can be read by report but its hashes
cannot be recomputed, so verify and import refuse it.

Events of format 2 (a store with a personal-data vault) hold no personal
value: each 身份证号 and name is a token (subject and salted commitment). They
are written exactly as stored, so the masked export verifies and replays;
the masked display forms of the tokens follow the header on certflowPersonal
lines, outside every hash, labelled as such (they prove nothing).

--with-personal-data writes the vault instead of the display forms (values
and salts, on certflowPersonal lines) and every event verbatim: verify then
also checks that every commitment opens. It contains personal ID numbers;
keep it as confidential as the store.

--unmasked writes the events exactly as stored: a verifiable, importable
archive. It contains personal ID numbers; keep it as confidential as the store.

--out <file> writes the export to <file> instead of standard output: a new
file, never one that exists (an export never overwrites, least of all its
source), which appears only once the export is complete.`,
  descriptionZh: `
将 <source> 的每个事件按日志顺序写到标准输出，每行一个 JSON 对象；第一行是
标头，说明本次导出是否脱敏。

默认情况下，事件数据和元数据中的每个身份证号均脱敏（3701**********1231）：
导出文件流转范围比存储更广，因此除非有人特意选择，它不携带个人身份证号。
脱敏导出可由 report 读取，但其哈希无法复算，因此 verify 和 import 拒绝接受。

格式 2 的事件（带个人信息库的存储）不含个人信息：每个身份证号和姓名都是一个
令牌（主体标识和加盐承诺值）。它们按原样写出，因此脱敏导出可以验证和重放；
令牌的脱敏显示形式写在标头之后的 certflowPersonal 行中，位于所有哈希之外，
并如此标明（它们不证明任何事情）。

--with-personal-data 写出个人信息库（值和盐值，写在 certflowPersonal 行中）
而非显示形式，并原样写出每个事件：verify 随后还检查每个承诺值都能打开。
它包含个人身份证号，须与存储同等保密。

--unmasked 原样写出存储中的事件：可验证、可导入的归档。它包含个人身份证号，
须与存储同等保密。

--out <文件> 将导出写入 <文件> 而非标准输出：只写新文件，从不写已存在的文件
（导出从不覆盖，更不会覆盖其数据源），且文件在导出完成后才出现。`,
  options: {
    unmasked: {
      type: 'boolean',
      description: 'write events verbatim (verifiable; contains ID numbers)',
      descriptionZh: '原样写出事件（可验证；包含身份证号）',
    },
    'with-personal-data': {
      type: 'boolean',
      description: 'add the personal-data vault (verify checks every commitment opens; contains ID numbers)',
      descriptionZh: '附上个人信息库（verify 检查每个承诺值都能打开；包含身份证号）',
    },
    out: {
      type: 'string',
      short: 'o',
      description: 'write to a new file instead of standard output',
      descriptionZh: '写入一个新文件而非标准输出',
      value: 'file',
    },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const outFile = typeof values.out === 'string' ? resolve(io.cwd ?? process.cwd(), values.out) : undefined;
    if (values.out === '')
      throw new UsageError({ key: 'usage.missing', values: { missing: '--out <file>' } }, 'export');
    if (outFile && existsSync(outFile))
      throw new UsageError({ key: 'export.exists', values: { file: values.out } }, 'export');
    if (values.unmasked === true && values['with-personal-data'] === true)
      throw new UsageError('give --unmasked or --with-personal-data, not both', 'export');
    const source = await openSource(positionals[0]!, io);
    const withVault = values['with-personal-data'] === true;
    const masked = values.unmasked !== true && !withVault;
    let personal: Awaited<ReturnType<NonNullable<typeof source.personal>>>;
    let withheld = false;
    try {
      personal = await source.personal?.();
      // A vault this role may not read: whether the log holds format-2 events decides the header
      // (read ahead to the first one; a format-1 log is read twice).
      if (!personal && source.personalWithheld?.()) {
        // --with-personal-data without the vault's grant: refused, never a file that lacks the vault.
        if (withVault)
          throw new CannotReadError(
            source.label,
            'this role may not read the personal-data vault (it is granted separately)',
            { causeCode: '42501' },
          );
        withheld = await holdsFormatTwo(source);
      }
    } catch (e) {
      await source.close();
      throw e;
    }
    if (withheld && masked) io.stderr.write(`${t(locale, 'export.withheld')}\n`);
    const bar = progress(io, 'export', { locale });
    let count = 0;
    let unreadable = 0;
    // Format-1 events that held a 身份证号, written masked: those lines no longer verify.
    let maskedFormatOne = 0;
    // With --out, lines go to <file>.partial, renamed to <file> once complete.
    const partial = outFile ? `${outFile}.partial` : undefined;
    let fd: number | undefined;
    if (partial) {
      try {
        fd = openSync(partial, 'wx');
      } catch (e) {
        await source.close();
        throw new CannotReadError(String(values.out), (e as Error).message, { action: 'write', cause: e });
      }
    }
    const out = chunkedWriter(
      fd === undefined
        ? io.stdout
        : {
            write: (text: string) => {
              writeSync(fd, text);
              return true;
            },
          },
    );
    let complete = false;
    try {
      await out.write(
        toJsonlLine(
          exportHeader(
            masked,
            personal ? (withVault && personal.vault ? 'vault' : 'display') : withheld ? 'withheld' : undefined,
          ),
        ),
      );
      if (personal && withVault && personal.vault) {
        for (const row of personal.vault) await out.write(toJsonlLine({ certflowPersonal: { vault: row } }));
      } else if (personal) {
        let chunk: Record<string, string> = {};
        let n = 0;
        for (const [token, text] of personal.display) {
          chunk[token] = text;
          if (++n % DISPLAY_PER_LINE === 0) {
            await out.write(toJsonlLine({ certflowPersonal: { display: chunk } }));
            chunk = {};
          }
        }
        if (n % DISPLAY_PER_LINE !== 0) await out.write(toJsonlLine({ certflowPersonal: { display: chunk } }));
      }
      // Verbatim from a SQLite file: each event's JSON as the store reads it, data and meta as stored.
      if (!masked && source.jsonLines) {
        for await (const lines of source.jsonLines()) {
          await out.write(`${lines.join('\n')}\n`);
          count += lines.length;
          bar.update(count);
        }
      }
      for await (const r of !masked && source.jsonLines ? [] : source.records()) {
        if ('error' in r) {
          unreadable++;
          await out.flush();
          io.stderr.write(`✖ ${source.label} line ${r.line}: ${r.error} (skipped)\n`);
          continue;
        }
        // A format-2 event holds no personal value: written as stored, it verifies.
        const verbatim = !masked || (r.event as { meta?: { format?: unknown } } | null)?.meta?.format === 2;
        const written = verbatim ? r.event : maskEvent(r.event);
        if (written !== r.event) maskedFormatOne++;
        await out.write(toJsonlLine(written));
        bar.update(++count, undefined, source.fraction?.());
      }
      await out.flush();
      complete = count > 0 || unreadable > 0;
    } finally {
      bar.done();
      await source.close();
      if (fd !== undefined) {
        closeSync(fd);
        if (complete) renameSync(partial!, outFile!);
        else rmSync(partial!, { force: true });
      }
    }
    if (count === 0 && unreadable === 0) throw new EmptySourceError(source.label, 'export');
    // A format-1 masked export is refused whole by verify (its header says masked); a format-2 one
    // verifies but for the format-1 events that held a 身份证号.
    const formatTwo = personal !== undefined || withheld;
    const done = !masked
      ? 'export.verbatim'
      : !formatTwo
        ? 'export.masked'
        : maskedFormatOne === 0
          ? 'export.tokens'
          : maskedFormatOne < count
            ? 'export.maskedSome'
            : 'export.masked';
    io.stderr.write(`${t(locale, done, { events: count, masked: maskedFormatOne })}\n`);
    if (outFile) io.stderr.write(`${t(locale, 'export.written', { events: count, file: values.out })}\n`);
    return unreadable > 0 ? EXIT.problems : EXIT.ok;
  },
};

/** Whether a store source holds an event of format 2 (reads up to the first). */
async function holdsFormatTwo(source: Awaited<ReturnType<typeof openSource>>): Promise<boolean> {
  for await (const r of source.records()) {
    if ('event' in r && (r.event as { meta?: { format?: unknown } } | null)?.meta?.format === 2) return true;
  }
  return false;
}

/** Bytes (UTF-16 code units) gathered before one write to the output. */
const CHUNK = 64 * 1024;

/**
 * Gathers lines into chunks of about 64 KB for the output (one write per
 * chunk, not per event) and, when the output is a stream that says its buffer
 * is full (write returns false), waits for it to drain: an export to a slow
 * reader holds one chunk, not the log.
 */
export function chunkedWriter(stdout: CliIo['stdout']): { write(text: string): Promise<void>; flush(): Promise<void> } {
  let pending = '';
  const flush = async () => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    const more = stdout.write(text);
    const emitter = stdout as {
      once?: (event: string, listener: () => void) => unknown;
      off?: (event: string, listener: () => void) => unknown;
    };
    if (more === false && typeof emitter.once === 'function') {
      // drained, or closed (a reader that went away): either way, go on
      await new Promise<void>((resolve) => {
        const done = () => {
          emitter.off?.('drain', done);
          emitter.off?.('close', done);
          resolve();
        };
        emitter.once!('drain', done);
        emitter.once!('close', done);
      });
    }
  };
  return {
    async write(text) {
      pending += text;
      if (pending.length >= CHUNK) await flush();
    },
    flush,
  };
}
