import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from './io.js';
import { COMMAND_LIST, runCli } from './runCli.js';
import { buildFixtureLog, tempDir, writeJsonl } from './testFixtures.js';

describe('runCli', () => {
  it('prints the command list on --help (exit 0) and on no arguments (exit 2, to stderr)', async () => {
    const help = bufferIo();
    expect(await runCli(['--help'], help)).toBe(0);
    for (const c of COMMAND_LIST) expect(help.out()).toContain(`  ${c.name}`);
    const none = bufferIo();
    expect(await runCli([], none)).toBe(2);
    expect(none.out()).toBe('');
    expect(none.err()).toContain('Usage: certflow <command>');
  });

  it('has --help on every command, listing its options', async () => {
    for (const c of COMMAND_LIST) {
      const io = bufferIo();
      expect(await runCli([c.name, '--help'], io), c.name).toBe(0);
      expect(io.out()).toContain(`Usage: certflow ${c.name}`);
      expect(io.out()).toContain('-h, --help');
      for (const name of Object.keys(c.options)) expect(io.out()).toContain(`--${name}`);
    }
  });

  it('exits 2 on an unknown command, an unknown flag, a missing or extra argument', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['verify', 'log.jsonl', '--fast'], "Unknown option '--fast'"],
      [['verify'], 'missing <source>'],
      [['verify', 'a.jsonl', 'b.jsonl'], 'unexpected argument "b.jsonl"'],
    ];
    for (const [argv, message] of cases) {
      const io = bufferIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.err()).toContain(message);
    }
  });

  it('under --json, a failure is also reported as JSON on stdout', async () => {
    const dir = tempDir();
    writeJsonl(join(dir, 'm.jsonl'), [{ certflowExport: { format: 1, masked: true, note: '' } }]);
    const io = bufferIo({ cwd: dir });
    expect(await runCli(['verify', 'm.jsonl', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ ok: false, error: { code: 'CLI_MASKED_EXPORT', source: 'm.jsonl' } });
  });
});

describe('the certflow binary', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const certflow = (args: string[], cwd = root) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });

  it('exits with the command exit code: 0 on a good log, 1 on a tampered one, 2 on a usage error', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    writeJsonl(join(dir, 'good.jsonl'), events);
    events[2]!.type = 'ExamPlanFiled';
    writeJsonl(join(dir, 'bad.jsonl'), events);

    const good = certflow(['verify', join(dir, 'good.jsonl')]);
    expect(good.stdout).toContain('4 events in 2 streams verify');
    expect(good.status).toBe(0);
    const bad = certflow(['verify', join(dir, 'bad.jsonl')]);
    expect(bad.stdout).toContain('exam-2020-001 version 1 (position 3): hash-mismatch');
    expect(bad.status).toBe(1);
    const usage = certflow(['verify', join(dir, 'nope.db')]);
    expect(usage.stderr).toContain('does not exist');
    expect(usage.status).toBe(2);
  }, 60_000);
});
