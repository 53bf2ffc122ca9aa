// Audit at scale: writes (once, cached under .certflow/bench/) a realistic
// log of N events (bench/scale/generate.ts: every region's story copied under
// fresh identities), then runs, each in its own process, the one-thread
// baseline (read each line, JSON.parse, SHA-256 of the line) and
// `certflow verify` on it, printing events/s and peak RSS of each and the
// ratio to the baseline measured in the same run. Asserts nothing about timings.
// pnpm bench scale --events 1000000   (default 20,000; --fresh rewrites the log)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scaleLog } from './scale/generate.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.indexOf(`--${name}`);
const events = flag('events') >= 0 ? Number(args[flag('events') + 1]) : 20_000;
if (!Number.isInteger(events) || events < 1) throw new Error('--events takes a positive whole number');
const root = resolve(import.meta.dirname, '..');
const { file } = await scaleLog(events, { root, fresh: flag('fresh') >= 0, log: (t) => console.log(t) });

const BASELINE = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
const { createHash } = require('node:crypto');
(async () => {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(process.argv[1], { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    JSON.parse(line);
    createHash('sha256').update(line, 'utf8').digest('hex');
    n++;
  }
  if (n === 0) process.exit(1);
})();`;

const builtCli = join(root, 'packages/cli/dist/bin.js');
const cli = existsSync(builtCli) ? [builtCli] : ['--import', 'tsx', join(root, 'packages/cli/src/bin.ts')];
const timeFile = join(root, '.certflow', 'bench', 'scale-time.txt');

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB) as the OS counts them. */
function measure(argv: string[]): { seconds: number; rssMb: number; status: number | null } {
  rmSync(timeFile, { force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, process.execPath, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [seconds, kb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024, status: r.status };
}

const rows: [string, ReturnType<typeof measure>][] = [
  ['baseline (parse + SHA-256 per line, 1 thread)', measure(['-e', BASELINE, file])],
  ['certflow verify <jsonl>', measure([...cli, 'verify', file])],
];
const base = rows[0]![1];
console.log(`\n${events.toLocaleString('en')} events (${file})`);
for (const [name, m] of rows) {
  const perSecond = Math.round(events / Math.max(m.seconds, 0.01));
  console.log(
    `${name.padEnd(48)} ${perSecond.toLocaleString('en').padStart(9)} events/s  peak ${m.rssMb.toFixed(0).padStart(5)} MB  ${(base.seconds / Math.max(m.seconds, 0.01)).toFixed(2)}× baseline speed${m.status === 0 ? '' : `  (exit ${m.status})`}`,
  );
}
if (rows.some(([, m]) => m.status !== 0)) process.exitCode = 1;
