import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';

const SCAFFOLD = join('scripts', 'create-pack.ts');

/** The certflow checkout that holds `dir`: the nearest ancestor with the pack scaffold and a pnpm workspace. */
export function findCheckout(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    if (existsSync(join(cur, SCAFFOLD)) && existsSync(join(cur, 'pnpm-workspace.yaml'))) return cur;
    const up = dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

export const newPackCommand: Command = {
  name: 'new-pack',
  summary: 'scaffold a rule pack in a certflow checkout (runs scripts/create-pack.ts)',
  usage: 'new-pack <id> --code <GB/T 2260 code> [--name <中文名>] [--extends <pack folder>]',
  description: `
Creates rulepacks/<id> with the file set every pack has (package.json, tsup and
TypeScript config, source/notice.txt, src/documents.ts, src/rules.ts,
src/index.ts, a spec, test/cases.yaml, README.md, snapshot.md). The skeleton
passes the pack meta-test as generated; then replace source/notice.txt with the
notice and encode it clause by clause (docs/authoring-a-rule-pack.md).

Runs inside a certflow repository checkout: it delegates to the checkout's
scripts/create-pack.ts (the same as pnpm create-pack), so packs are made the
way the repository makes them. Nothing is written on bad input.

Exit codes: 0 created, 1 the scaffold failed, 2 usage error (bad id, code or
parent, or not inside a checkout).`,
  options: {
    code: { type: 'string', description: '6-digit division code: 420000 a province, 350200 a city', value: 'code' },
    name: { type: 'string', description: 'Chinese name of the jurisdiction (default: the id)', value: 'name' },
    extends: { type: 'string', description: 'the pack folder to extend (default national)', value: 'folder' },
  },
  positionals: { names: ['id'], min: 1 },
  async run({ values, positionals, io }) {
    const root = findCheckout(io.cwd ?? process.cwd());
    if (!root) throw new UsageError({ key: 'usage.noCheckout', values: { dir: io.cwd ?? process.cwd() } }, 'new-pack');
    if (typeof values.code !== 'string') throw new UsageError({ key: 'usage.missing', values: { missing: '--code <6-digit GB/T 2260 code>' } }, 'new-pack');
    const args = [positionals[0]!, '--code', values.code];
    for (const k of ['name', 'extends'] as const) if (typeof values[k] === 'string') args.push(`--${k}`, values[k] as string);
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, SCAFFOLD), ...args], {
      cwd: root,
      env: { ...process.env, ...io.env, TZ: 'Asia/Shanghai' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => io.stdout.write(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      io.stderr.write(c);
    });
    const code = await new Promise<number>((done, failed) => {
      child.on('error', failed);
      child.on('close', (c) => done(c ?? 1));
    });
    if (code === 0) return EXIT.ok;
    // The scaffold reports bad options as `create-pack: invalid input: …` and exits 1.
    return /^create-pack: /m.test(stderr) ? EXIT.usage : EXIT.problems;
  },
};
