// Runs every benchmark in bench/ (files named *.bench.ts), one after another,
// each in its own process so one cannot warm or disturb another.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
// `pnpm bench scale --events 100000`: names pick benchmarks, `--flag value` pairs pass through to them.
const args = process.argv.slice(2);
const flagAt = args.findIndex((a) => a.startsWith('--'));
const only = flagAt < 0 ? args : args.slice(0, flagAt);
const passed = flagAt < 0 ? [] : args.slice(flagAt);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) console.log('no benchmarks matched');
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f), ...passed], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
