#!/usr/bin/env node
// Runs the whole vitest suite, then the calendar suite again under a second
// time zone, and fails when any package ran no test at all (a vitest include
// that matches nothing would otherwise pass silently).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const report = join(root, '.vitest-report.json');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const extra = process.argv.slice(2);

function run(args, env) {
  const r = spawnSync(process.execPath, [vitest, 'run', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}

rmSync(report, { force: true });
let status = run(['--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { TZ: 'UTC' });
if (!existsSync(report)) {
  console.error('vitest wrote no report');
  process.exit(status || 1);
}
const json = JSON.parse(readFileSync(report, 'utf8'));

// Every workspace package must have run at least one passing test.
const counts = new Map();
const dirs = ['packages', 'rulepacks', 'examples'].flatMap((d) =>
  existsSync(join(root, d))
    ? readdirSync(join(root, d), { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(root, d, e.name, 'package.json')))
        .map((e) => `${d}/${e.name}`)
    : [],
);
for (const d of dirs) counts.set(d, 0);
let passed = 0;
let failed = 0;
for (const file of json.testResults) {
  const rel = relative(root, file.name);
  const pkg = dirs.find((d) => rel.startsWith(`${d}/`));
  for (const t of file.assertionResults) {
    if (t.status === 'passed') {
      passed++;
      if (pkg) counts.set(pkg, counts.get(pkg) + 1);
    } else if (t.status === 'failed') failed++;
  }
}
const empty = [...counts].filter(([, n]) => n === 0).map(([d]) => d);
console.log('\nTests per package:');
for (const [d, n] of counts) console.log(`  ${d.padEnd(44)} ${n}`);
if (empty.length > 0) {
  console.error(`\nThese packages ran no test: ${empty.join(', ')}`);
  status ||= 1;
}

// The calendar must give identical results whatever the host time zone.
if (extra.length === 0 && existsSync(join(root, 'packages/calendar/src'))) {
  for (const tz of ['America/Los_Angeles', 'Asia/Kolkata']) {
    console.log(`\nCalendar suite again under TZ=${tz}`);
    status ||= run(['packages/calendar'], { TZ: tz });
  }
}

console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(status);
