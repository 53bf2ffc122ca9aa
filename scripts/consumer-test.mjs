#!/usr/bin/env node
// The trial a new user makes, kept as a test: `pnpm pack` every publishable
// package, install the tarballs with plain npm into a fresh project outside
// the workspace, then use them as published: an ESM consumer, a CommonJS
// consumer, a `tsc --module nodenext` consumer (no skipLibCheck, so the
// public types must resolve from declared dependencies alone), the CLI's bin,
// and every docs snippet run from there (a sample that imports a file of the
// repository, or a fixture that needs vitest, fails here).
//
// Needs the packages built (`pnpm build`, as `pnpm test` does first). The
// install takes the registry's packages from npm's cache when it has them
// (`--prefer-offline`); better-sqlite3 compiles from source when its prebuilt
// binary cannot be downloaded (docs/store-sqlite.md, "Installing").
// CERTFLOW_CONSUMER_KEEP=1 keeps the project folder for a look afterwards.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;

const packageDirs = ['packages', 'rulepacks'].flatMap((d) =>
  readdirSync(join(root, d), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, d, e.name, 'package.json')))
    .map((e) => join(root, d, e.name))
    .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private),
);
const packageNames = packageDirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name);

const work = mkdtempSync(join(tmpdir(), 'certflow-consumer-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(project);

let passed = 0;
let failed = 0;
function check(label, r) {
  if (r.status === 0) {
    passed++;
    console.log(`ok    ${label}`);
  } else {
    failed++;
    console.error(`FAIL  ${label}\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`);
  }
  return r.status === 0;
}
const sh = (cmd, args, cwd, env = {}) =>
  spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });

function finish() {
  console.log(`\nconsumer trial in ${seconds()}${process.env.CERTFLOW_CONSUMER_KEEP ? ` (kept in ${project})` : ''}`);
  console.log(`Consumer: ${passed} passed, ${failed} failed`);
  if (!process.env.CERTFLOW_CONSUMER_KEEP) rmSync(work, { recursive: true, force: true });
  process.exit(failed > 0 ? 1 : 0);
}

// 1. Pack: pnpm replaces workspace: ranges with the versions being published.
for (const dir of packageDirs) {
  if (!existsSync(join(dir, 'dist'))) {
    check(`${dir}: built`, { status: 1, stderr: 'no dist/: run `pnpm build` first' });
    continue;
  }
  check(`pack ${dir.slice(root.length + 1)}`, sh('pnpm', ['pack', '--pack-destination', tarballs], dir));
}
if (failed > 0) finish();

// 2. Install into a fresh project with plain npm, as a user would.
writeFileSync(
  join(project, 'package.json'),
  `${JSON.stringify({ name: 'certflow-consumer', private: true, type: 'module' }, null, 2)}\n`,
);
const tgz = readdirSync(tarballs)
  .filter((f) => f.endsWith('.tgz'))
  .map((f) => join(tarballs, f));
const typesNode = `@types/node@${JSON.parse(readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8')).version}`;
const install = sh(
  'npm',
  ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tgz, typesNode],
  project,
);
if (!check(`npm install of ${tgz.length} tarballs (done after ${seconds()})`, install)) finish();

// One copy of core for everything (a second copy breaks `instanceof`).
const cores = [];
const walk = (dir, depth) => {
  if (depth > 8 || !existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (e.name === 'core' && dir.endsWith(`${'node_modules'}/@certflow`)) cores.push(p);
    walk(p, depth + 1);
  }
};
walk(join(project, 'node_modules'), 0);
check(`one copy of @certflow/core (${cores.length})`, { status: cores.length === 1 ? 0 : 1, stderr: cores.join('\n') });

// 3. The consumers. Each does real work with every package, not just an import.
const work1 = (mod) => `
const core = ${mod('@certflow/core')};
const fixtures = ${mod('@certflow/core/fixtures')};
const { createChinaCalendar, CalendarCoverageError } = ${mod('@certflow/calendar')};
const { sqliteStore } = ${mod('@certflow/store-sqlite')};
const { postgresStore } = ${mod('@certflow/store-postgres')};
const cli = ${mod('@certflow/cli')};
const packs = [${packageNames
  .filter((n) => n.includes('/rulepack-'))
  .map((n) => mod(n))
  .join(', ')}];
const assert = (ok, what) => { if (!ok) throw new Error(what); };

const store = sqliteStore({ file: ':memory:' });
await store.append('application-consumer', [fixtures.testEvent('ApplicationSubmitted')], { expectedVersion: 'no-stream' });
const events = [];
for await (const e of store.readAll()) events.push(e);
assert(core.verifyLog(events).ok, 'the SQLite log verifies');
await store.close();
assert(typeof postgresStore === 'function' && typeof cli.runCli === 'function', 'store-postgres and cli load');

const calendar = createChinaCalendar();
assert(calendar.addWorkdays('2020-09-30', 1) === '2020-10-09', 'National Day week is skipped');
let coverage;
try { calendar.isWorkday('2040-03-01'); } catch (e) { coverage = e; }
assert(coverage instanceof CalendarCoverageError && coverage instanceof core.CertflowError, 'one CertflowError class across packages');

for (const m of packs) {
  const pack = m.default ?? m;
  assert(typeof m.exampleProfile === 'object' || typeof m.exampleProfile === 'function', pack.id + ' exports an example profile');
  const profile = typeof m.exampleProfile === 'function' ? m.exampleProfile() : m.exampleProfile;
  const d = core.evaluateRules(pack, profile, { asOf: m.exampleAsOf ?? '2021-06-01' });
  assert(d.outcome !== 'ineligible', pack.id + ': its example profile is not ineligible (' + JSON.stringify(d.findings.filter((f) => f.outcome === 'fail')) + ')');
}
const engine = core.createEngine({ store: core.memoryStore(), rulePacks: [fixtures.testRulePack], calendar: fixtures.testCalendar(), clock: () => new Date('2020-06-01T09:00:00+08:00') });
const r = await engine.applications.submit({ streamId: 'application-1', actor: { id: 'a', role: 'applicant' }, payload: { ...fixtures.testProfile(), rulePack: 'test-pack' } });
assert(r.events.length > 0, 'the engine submits');
console.log('consumer ok');
`;
writeFileSync(
  join(project, 'esm.mjs'),
  work1((n) => `await import(${JSON.stringify(n)})`),
);
writeFileSync(
  join(project, 'cjs.cjs'),
  `(async () => {${work1((n) => `require(${JSON.stringify(n)})`)}})().catch((e) => { console.error(e); process.exit(1); });\n`,
);
check('ESM consumer (import)', sh(process.execPath, ['esm.mjs'], project));
check('CommonJS consumer (require)', sh(process.execPath, ['cjs.cjs'], project));

// TypeScript with nodenext, strict, and the library types checked too.
const snippetDir = join(project, 'snippets');
mkdirSync(snippetDir);
const snippets = readdirSync(join(root, 'docs/snippets')).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'snippets.ts',
);
for (const f of snippets) cpSync(join(root, 'docs/snippets', f), join(snippetDir, f));
// The two examples the guides quote whole: the embedding sample and the HTTP server.
const examples = ['examples/quickstart/src/embed.ts', 'examples/http-service/src/server.ts'];
for (const f of examples) cpSync(join(root, f), join(snippetDir, f.split('/').pop()));
// Data files two samples read as a host or a rule author has their own: a year file
// (the calendar's marked 2027 test fixture) and a pack's YAML cases. They are
// copied to the same relative paths; everything else comes from the tarballs.
for (const f of ['packages/calendar/fixtures/year-2027.fixture.json', 'rulepacks/national/test/cases.yaml']) {
  mkdirSync(join(project, dirname(f)), { recursive: true });
  cpSync(join(root, f), join(project, f));
}
writeFileSync(
  join(project, 'consumer.ts'),
  `import { createEngine, memoryStore, CertflowError, type ApplicantProfile, type RulePack } from '@certflow/core';
import { testCalendar } from '@certflow/core/fixtures';
import { createChinaCalendar } from '@certflow/calendar';
import { sqliteStore } from '@certflow/store-sqlite';
import { postgresStore } from '@certflow/store-postgres';
import { runCli } from '@certflow/cli';
${packageNames
  .filter((n) => n.includes('/rulepack-'))
  .map((n, i) => `import pack${i}, { exampleProfile as profile${i} } from '${n}';`)
  .join('\n')}

const packs: RulePack[] = [${packageNames
    .filter((n) => n.includes('/rulepack-'))
    .map((_, i) => `pack${i}`)
    .join(', ')}];
const profiles: ApplicantProfile[] = [${packageNames
    .filter((n) => n.includes('/rulepack-'))
    .map((_, i) => `profile${i}`)
    .join(', ')}];
const engine = createEngine({ store: memoryStore(), rulePacks: packs, calendar: createChinaCalendar() });
export const used = [engine, testCalendar, sqliteStore, postgresStore, runCli, CertflowError, profiles];
`,
);
writeFileSync(
  join(project, 'tsconfig.json'),
  `${JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, include: ['consumer.ts', 'snippets/*.ts'] }, null, 2)}\n`,
);
check(
  'TypeScript consumer and docs snippets (tsc --module nodenext)',
  sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], project),
);

// The CLI as installed.
check(
  'certflow --help (installed bin)',
  sh(process.execPath, [join(project, 'node_modules/@certflow/cli/dist/bin.js'), '--help'], project),
);

// 4. Every docs snippet runs from the fresh project.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const databaseUrl = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
for (const f of [...snippets.filter((s) => !s.endsWith('.fixture.ts')), 'embed.ts']) {
  const args = f === 'embed.ts' ? [join(work, 'embed.sqlite')] : [];
  check(
    `snippet ${f} runs here`,
    sh(process.execPath, ['--import', tsx, join('snippets', f), ...args], project, {
      DATABASE_URL: databaseUrl,
      TZ: 'UTC',
    }),
  );
}
// 5. An auditor who reads JSONL needs no native build: install with
// --ignore-scripts (better-sqlite3 stays unbuilt) and verify an export, which
// the CLI reads without loading either store.
const archive = join(work, 'log.jsonl');
const exported = sh(
  process.execPath,
  [join(project, 'node_modules/@certflow/cli/dist/bin.js'), 'export', join(work, 'embed.sqlite'), '--unmasked'],
  project,
);
if (exported.status === 0) writeFileSync(archive, exported.stdout);
if (check("certflow export of the embedding sample's log", exported)) {
  const auditor = join(work, 'auditor');
  mkdirSync(auditor);
  writeFileSync(
    join(auditor, 'package.json'),
    `${JSON.stringify({ name: 'certflow-auditor', private: true }, null, 2)}\n`,
  );
  const plain = sh(
    'npm',
    ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tgz],
    auditor,
  );
  if (check(`npm install --ignore-scripts (no native build, done after ${seconds()})`, plain)) {
    const unbuilt = !existsSync(join(auditor, 'node_modules/better-sqlite3/build'));
    check('better-sqlite3 is not built there', {
      status: unbuilt ? 0 : 1,
      stderr: 'node_modules/better-sqlite3/build exists',
    });
    check(
      'certflow verify <export>.jsonl without a native build',
      sh(process.execPath, [join(auditor, 'node_modules/@certflow/cli/dist/bin.js'), 'verify', archive], auditor),
    );
  }
}
// 6. A rule author outside any checkout: `certflow new-pack` (the installed
// bin) in an empty folder, then the steps it prints — `npm install` (the
// certflow packages from the tarballs, as a registry would serve them; the
// toolchain from the registry), `npm run snapshots`, `npm test` — and a build.
const author = join(work, 'author');
mkdirSync(author);
writeFileSync(join(author, 'package.json'), `${JSON.stringify({ name: 'certflow-author', private: true }, null, 2)}\n`);
const authorInstall = sh(
  'npm',
  ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tgz],
  author,
);
if (check('npm install of the CLI and packs in an empty folder', authorInstall)) {
  const scaffold = sh(
    process.execPath,
    [join(author, 'node_modules/@certflow/cli/dist/bin.js'), 'new-pack', 'hubei', '--code', '420000', '--name', '湖北'],
    author,
  );
  const packDir = join(author, 'hubei');
  if (check('certflow new-pack hubei (standalone project)', scaffold)) {
    // The project's package.json names @certflow/* by version range; the tarballs stand in for the registry
    // (all of them: the CLI it runs depends on the stores and packs). No native build: a pack needs none.
    const deps = sh(
      'npm',
      ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tgz],
      packDir,
    );
    if (check(`npm install in the new pack (done after ${seconds()})`, deps)) {
      check('npm run snapshots in the new pack', sh('npm', ['run', 'snapshots', '--silent'], packDir));
      check('npm test in the new pack', sh('npm', ['test', '--silent'], packDir, { TZ: 'UTC', CI: 'true' }));
      check('npm run build in the new pack', sh('npm', ['run', 'build', '--silent'], packDir));
    }
  }
}
finish();
