import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from './io.js';
import { runCli, suggest } from './runCli.js';
import { buildFixtureLog, tempDir, writeJsonl } from './testFixtures.js';

async function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean } = {}) {
  const io = bufferIo({ ...options });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const han = /[\u4e00-\u9fff]/;

describe('--lang and the environment choose the language', () => {
  it('prints the help in Chinese under --lang zh-CN or LANG=zh_CN.UTF-8, in English under LC_ALL=C or --lang en', async () => {
    const zh = await cli(['--lang', 'zh-CN', '--help']);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('用法：certflow <命令> [选项]');
    expect(zh.out).toContain('检查哈希链、版本缺口和事件结构');
    expect((await cli(['--help'], { env: { LANG: 'zh_CN.UTF-8' } })).out).toContain('用法：');
    const c = await cli(['--help'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' } });
    expect(c.out).toContain('Usage: certflow <command>');
    expect(c.out).not.toMatch(han);
    expect((await cli(['--lang=en', '--help'], { env: { LANG: 'zh_CN.UTF-8' } })).out).toContain(
      'Usage: certflow <command>',
    );
    const verbHelp = await cli(['verify', '--help', '--lang', 'zh-CN']);
    expect(verbHelp.out).toContain('用法： certflow verify');
    expect(verbHelp.out).toContain('显示本帮助');
  });

  it('prints results and errors in the locale, with the same exit codes', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
    const zh = await cli(['verify', 'log.jsonl', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('✔ log.jsonl：2 个事件流中的 4 个事件全部通过验证');
    const missing = await cli(['verify', 'nope.db'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('数据源 nope.db 不存在');
    const unknown = await cli(['--lang', 'zh-CN', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令 "frobnicate"');
    expect(unknown.err).not.toMatch(/unknown|see certflow/);
  });

  it('refuses a language it does not speak (exit 2)', async () => {
    const r = await cli(['--lang', 'fr', 'verify', 'x.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang must be zh-CN or en, not fr');
  });
});

describe('CLI conventions', () => {
  it('--version names the CLI, core and every shipped pack with their versions', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    const cliPkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    };
    const corePkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../core/package.json'), 'utf8')) as {
      version: string;
    };
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`certflow ${cliPkg.version}`);
    expect(lines[1]).toBe(`@certflow/core ${corePkg.version}`);
    expect(lines.some((l) => /^pack shandong \d+\.\d+\.\d+$/.test(l))).toBe(true);
    expect((await cli(['--version', '--lang', 'zh-CN'])).out).toMatch(/规则包 shandong \d/);
  });

  it('suggests the command or option meant by a typo', async () => {
    expect(suggest('verfy', ['verify', 'replay', 'report'])).toBe('verify');
    expect(suggest('zzzzzz', ['verify', 'replay'])).toBeUndefined();
    const verb = await cli(['verfy', 'x.jsonl']);
    expect(verb.code).toBe(2);
    expect(verb.err).toContain('did you mean verify?');
    const option = await cli(['verify', 'x.jsonl', '--jsn']);
    expect(option.code).toBe(2);
    expect(option.err).toContain("Unknown option '--jsn'; did you mean --json?");
    expect((await cli(['verify', 'x.jsonl', '--jsn', '--lang', 'zh-CN'])).err).toContain('您是否要输入 --json？');
  });

  it('colours errors on a terminal, and not under NO_COLOR or when piped', async () => {
    expect((await cli(['frobnicate'], { isTTY: true })).err).toContain('\x1b[31m');
    expect((await cli(['frobnicate'], { isTTY: true, env: { NO_COLOR: '1' } })).err).not.toContain('\x1b[');
    expect((await cli(['frobnicate'], { isTTY: false })).err).not.toContain('\x1b[');
  });

  it('uses English plural forms: 1 event in 1 stream, 2 problems', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    writeJsonl(join(dir, 'one.jsonl'), events.slice(0, 1));
    expect((await cli(['verify', 'one.jsonl'], { cwd: dir })).out).toContain('1 event in 1 stream verify');
  });

  it('import refuses a log in one line, and lists every problem with --verbose', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    const streams = [...new Set(events.map((e) => e.streamId))];
    expect(streams.length).toBeGreaterThanOrEqual(2);
    // Tamper with the first event of each stream: one problem per stream.
    for (const id of streams) (events.find((e) => e.streamId === id)!.data as Record<string, unknown>).tampered = true;
    writeJsonl(join(dir, 'tampered.jsonl'), events);
    const short = await cli(['import', 'tampered.jsonl', 'copy.db'], { cwd: dir });
    expect(short.code).toBe(1);
    const lines = short.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^✖ the log was refused: \d+ problems \(.*hash-mismatch.*\); --verbose lists every one$/);
    expect(lines[1]).toBe('✖ nothing was imported into copy.db');
    const long = await cli(['import', 'tampered.jsonl', 'copy.db', '--verbose'], { cwd: dir });
    expect(long.code).toBe(1);
    expect(
      long.err
        .trim()
        .split('\n')
        .filter((l) => l.includes('hash-mismatch')).length,
    ).toBe(streams.length);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
  });

  it('export --out writes a new file, and never overwrites one', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
    const r = await cli(['export', 'log.jsonl', '--unmasked', '--out', 'copy.jsonl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('✔ wrote 4 events to copy.jsonl');
    expect(readFileSync(join(dir, 'copy.jsonl'), 'utf8').trim().split('\n')).toHaveLength(5);
    expect(existsSync(join(dir, 'copy.jsonl.partial'))).toBe(false);
    expect((await cli(['verify', 'copy.jsonl'], { cwd: dir })).code).toBe(0);
    const again = await cli(['export', 'log.jsonl', '--out', 'log.jsonl'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.err).toContain('log.jsonl exists; an export never overwrites a file');
    expect(readFileSync(join(dir, 'log.jsonl'), 'utf8')).toBe(
      readFileSync(join(dir, 'copy.jsonl'), 'utf8').split('\n').slice(1).join('\n'),
    );
  });
});

describe('the certflow binary when its reader goes away', () => {
  const bin = resolve(import.meta.dirname, '../dist/bin.js');
  it('prints no stack trace when piped to head, and exits with the command exit code', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    // Enough lines that the pipe fills after head has gone.
    const many = Array.from({ length: 4000 }, () => events).flat();
    writeJsonl(join(dir, 'big.jsonl'), many);
    const r = spawnSync(
      'bash',
      ['-c', `node ${JSON.stringify(bin)} export big.jsonl --unmasked | head -1; echo "status=\${PIPESTATUS[0]}" >&2`],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LANG: 'C' },
      },
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at .*\.js/);
    expect(r.stderr).toMatch(/status=0/);
  }, 60_000);
});

describe("the packs' findings in the CLI's language", () => {
  it("words a pack's finding from its locales, and an unknown one not at all", async () => {
    const { cliFindingTranslator, loadFindingTexts } = await import('./locales/findings.js');
    expect((await loadFindingTexts()).map((c) => c.id).sort()).toEqual([
      'fujian-fuzhou',
      'national',
      'national-industry-pilot',
      'shandong',
      'shanghai',
      'sichuan-technical-schools',
    ]);
    const translate = await cliFindingTranslator();
    expect(translate('registered in 320000, not in Shanghai (31xxxx)', 'zh-CN')).toBe(
      '登记地 320000 不在本市（31xxxx）',
    );
    expect(translate('登记地 320000 不在山东省内', 'en')).toBe('registered in 320000, not in Shandong');
    expect(translate('no such finding', 'zh-CN')).toBeUndefined();
  });
});

describe('replay in the CLI language', () => {
  it('prints its summary in Chinese, states by the label table', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'log.jsonl'), await buildFixtureLog());
    const en = await cli(['replay', 'log.jsonl'], { cwd: dir });
    const zh = await cli(['replay', 'log.jsonl', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.code).toBe(en.code);
    expect(en.out).toContain('replay log.jsonl: 4 events, 2 streams rebuilt');
    expect(zh.out).toContain('重放 log.jsonl：4 个事件，重建 2 个事件流');
    expect(zh.out).toMatch(/状态：.*[\u4e00-\u9fff]+ ×\d/);
    expect(zh.out).not.toMatch(/rebuilt|rechecked|every stream/);
  });
});

describe('calendar check in the CLI language', () => {
  it("words a year file's problems in Chinese from their code and data", async () => {
    const dir = tempDir();
    const weekday = {
      format: 'certflow-calendar-year/1',
      year: 2027,
      notice: { title: '某通知', number: '国办发明电〔2026〕1号', date: '2026-11-20' },
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [{ date: '2027-03-03', name: '补春节' }],
    };
    writeJsonl(join(dir, 'weekday.json'), [weekday]);
    const zh = await cli(['calendar', 'check', 'weekday.json', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.code).toBe(1);
    expect(zh.out).toMatch(/^✖ weekday\.json：\d+ 个问题/);
    expect(zh.out).toContain('2027-03-03 是工作日：调休上班日应为星期六或星期日');
    expect(zh.out).toContain('→ 位置 workdays[0].date');
    expect(zh.out).not.toMatch(/is a weekday|statutory holiday|→ at/);
    const en = await cli(['calendar', 'check', 'weekday.json'], { cwd: dir });
    expect(en.out).toMatch(/^✖ weekday\.json: \d+ problems/);
  });
});
