#!/usr/bin/env node
// Checks every built, publishable package as a consumer sees it: publint,
// @arethetypeswrong/cli (node16 resolution, ESM and CJS), and that both
// `require` and `import` of each entry point load.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failures = 0;

const dirs = ['packages', 'rulepacks'].flatMap((d) =>
  existsSync(join(root, d))
    ? readdirSync(join(root, d), { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(root, d, e.name, 'package.json')))
        .map((e) => join(root, d, e.name))
    : [],
);

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

// What a consumer of the published tarball needs besides the code: the licence
// it declares, a changelog, where to read and report, and one shared copy of
// core (a pinned dependency installs a second copy and breaks `instanceof`).
function metadata(dir, pkg) {
  const problems = [];
  for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md']) {
    if (!existsSync(join(dir, f))) problems.push(`no ${f}`);
    else if (f !== 'README.md' && !(pkg.files ?? []).includes(f)) problems.push(`${f} is not in "files"`);
  }
  if (pkg.license !== 'MIT') problems.push('license is not MIT');
  for (const key of ['repository', 'homepage', 'bugs']) if (!pkg[key]) problems.push(`no "${key}"`);
  if (pkg.name !== '@certflow/core') {
    if (pkg.dependencies?.['@certflow/core']) problems.push('@certflow/core is a dependency, not a peer dependency');
    const peer = pkg.peerDependencies?.['@certflow/core'];
    if (!peer || !/^(workspace:)?[\^~]/.test(peer))
      problems.push(`@certflow/core peer range is ${peer ?? 'missing'}, not a ^ or ~ range`);
  }
  return { ok: problems.length === 0, out: problems.join('\n') };
}

for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const name = pkg.name;
  const exportsMap = pkg.exports ?? { '.': { require: true } };
  const entries = Object.keys(exportsMap).filter((k) => k !== './package.json');
  // Entry points without a `require` condition are ESM-only on purpose (e.g. the
  // vitest-based testing helpers); attw checks the rest in both module systems.
  const esmOnly = entries.filter((k) => typeof exportsMap[k] === 'object' && !('require' in exportsMap[k]));
  const attwArgs = ['--pack', '.', '--profile', 'node16', '--format', 'table-flipped'];
  if (esmOnly.length > 0) attwArgs.push('--exclude-entrypoints', ...esmOnly);
  const checks = [
    ['metadata', metadata(dir, pkg)],
    ['publint', sh(bin('publint'), ['--strict'], dir)],
    ['attw', sh(bin('attw'), attwArgs, dir)],
  ];
  for (const entry of entries) {
    const spec = entry === '.' ? name : `${name}/${entry.slice(2)}`;
    if (!esmOnly.includes(entry))
      checks.push([`require ${spec}`, sh(process.execPath, ['-e', `require(${JSON.stringify(spec)})`], dir)]);
    checks.push([
      `import ${spec}`,
      sh(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(spec)})`], dir),
    ]);
  }
  for (const [label, r] of checks) {
    if (r.ok) console.log(`ok    ${name}: ${label}`);
    else {
      failures++;
      console.error(`FAIL  ${name}: ${label}\n${r.out}`);
    }
  }
}
// A pack's hash is its identity in every log: the same from the CJS and the
// ESM build. And the built CLI replays the log the demo wrote under the 1.0.0
// packs (before hashes came from source digests) with every decision reproduced.
for (const dir of dirs.filter((d) => d.includes(`${join('rulepacks', '')}`))) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  const print = 'const m = MOD; const p = m.default?.hash ? m.default : m; console.log(p.hash)';
  const cjs = sh(process.execPath, ['-e', print.replace('MOD', `require(${JSON.stringify(name)})`)], dir);
  const esm = sh(
    process.execPath,
    ['--input-type=module', '-e', print.replace('MOD', `await import(${JSON.stringify(name)})`)],
    dir,
  );
  if (cjs.ok && esm.ok && cjs.out.trim() === esm.out.trim() && /^[0-9a-f]{64}$/.test(cjs.out.trim()))
    console.log(`ok    ${name}: one hash from dist CJS and ESM`);
  else {
    failures++;
    console.error(`FAIL  ${name}: dist CJS and ESM hashes differ\n  cjs: ${cjs.out.trim()}\n  esm: ${esm.out.trim()}`);
  }
}
const fixture = join(root, 'packages', 'cli', 'fixtures', 'demo-log-1.0.0.jsonl');
const replayed = sh(process.execPath, [join(root, 'packages', 'cli', 'dist', 'bin.js'), 'replay', fixture], root);
if (replayed.ok && replayed.out.includes('every decision is reproduced'))
  console.log('ok    @certflow/cli: the built CLI replays the 1.0.0 demo log clean');
else {
  failures++;
  console.error(`FAIL  @certflow/cli: the built CLI does not replay the 1.0.0 demo log clean\n${replayed.out}`);
}
if (failures > 0) {
  console.error(`\n${failures} package check(s) failed`);
  process.exit(1);
}
console.log('\nAll package checks passed');
