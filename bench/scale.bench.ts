// Audit at scale: writes (once, cached under .certflow/bench/) a realistic
// log of N events (bench/scale/generate.ts: every pack's story copied under
// fresh identities), then runs, each in its own process under /usr/bin/time,
// the baselines and the commands on it, and prints events/s, peak RSS of each
// process and the ratio to its baseline measured in the same run, beside the
// target of the scale issue. Asserts nothing about timings.
//   baseline        read each line, JSON.parse, SHA-256 of the line (one thread)
//   import baseline read the same lines and insert them with raw better-sqlite3, 5,000 a transaction
// pnpm bench scale --events 1000000   (default 20,000; --fresh rewrites the log; --only replay,report)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
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

const IMPORT_BASELINE = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
const Database = require(process.argv[3]);
(async () => {
  const db = new Database(process.argv[2]);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, meta TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL, UNIQUE (stream_id, version))');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const write = db.transaction((rows) => { for (const e of rows) insert.run(e.position, e.streamId, e.version, e.type, JSON.stringify(e.data), JSON.stringify(e.meta), e.prevHash, e.hash); });
  let rows = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(process.argv[1], { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    if (e.certflowExport) continue;
    rows.push(e);
    n++;
    if (rows.length >= 5000) { write(rows); rows = []; }
  }
  write(rows);
  db.close();
  if (n === 0) process.exit(1);
})();`;

const builtCli = join(root, 'packages/cli/dist/bin.js');
if (!existsSync(builtCli)) throw new Error('the scale benchmark runs the built CLI: pnpm build first');
const cli = [builtCli];
const dir = join(root, '.certflow', 'bench');
const timeFile = join(dir, 'scale-time.txt');
const sqlite = join(dir, `scale-${events}.sqlite`);
const rawSqlite = join(dir, `scale-${events}-raw.sqlite`);
const betterSqlite = createRequire(join(root, 'packages/store-sqlite/package.json')).resolve('better-sqlite3');
const removeDb = (f: string) => {
  for (const x of [f, `${f}-wal`, `${f}-shm`, `${f}-journal`]) rmSync(x, { force: true });
};

interface Measured {
  seconds: number;
  /** CPU seconds, user and system, of all the process's threads. */
  cpu: number;
  rssMb: number;
  status: number | null;
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB) as the OS counts them. */
function measure(argv: string[]): Measured {
  rmSync(timeFile, { force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, process.execPath, ...argv], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [seconds, kb, user, system] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  return { seconds: seconds!, cpu: user! + system!, rssMb: kb! / 1024, status: r.status };
}

const mb = (f: string) => statSync(f).size / 1024 / 1024;
console.log(`\n${events.toLocaleString('en')} events (${file}, ${mb(file).toFixed(0)} MB)`);
// The machine's load: with other work on the cores, worker threads have no idle core to win.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`load average before: ${load()} (${availableParallelism()} cores)`);

// --only verify,replay,... runs the baselines and just those commands (names below); the SQLite file
// of an earlier run is reused when import is left out.
const only = flag('only') >= 0 ? new Set(String(args[flag('only') + 1]).split(',')) : undefined;
const COMMANDS = [
  'verify',
  'verify-threads',
  'import',
  'verify-sqlite',
  'verify-sqlite-threads',
  'replay',
  'export',
  'report',
] as const;
for (const name of only ?? []) {
  if (!(COMMANDS as readonly string[]).includes(name)) throw new Error(`--only takes ${COMMANDS.join(', ')}`);
}
const runs = (name: (typeof COMMANDS)[number]) => !only || only.has(name);
const needsSqlite = COMMANDS.slice(3).some(runs);

const baseline = measure(['-e', BASELINE, file]);
removeDb(rawSqlite);
const importBaseline = measure(['-e', IMPORT_BASELINE, file, rawSqlite, betterSqlite]);
const reportPages = join(dir, `scale-${events}-report`);

interface Row {
  name: string;
  m: Measured;
  against: Measured;
  target: string;
}
const rows: Row[] = [
  { name: 'baseline (parse + SHA-256 per line, 1 thread)', m: baseline, against: baseline, target: '' },
  { name: 'import baseline (raw better-sqlite3, batches)', m: importBaseline, against: importBaseline, target: '' },
];
const row = (name: string, argv: string[], against: Measured, target: string) => {
  rows.push({ name, m: measure(argv), against, target });
};
// verify uses worker threads by default (--threads auto); the -threads rows run it on one thread (--threads 1).
if (runs('verify')) row('certflow verify <jsonl>', [...cli, 'verify', file], baseline, '≥ 1.0×, ≤ 256 MB');
if (runs('verify-threads')) {
  row('certflow verify <jsonl> --threads 1', [...cli, 'verify', file, '--threads', '1'], baseline, '≥ 1.0×, ≤ 256 MB');
}
if (runs('import') || (needsSqlite && !existsSync(sqlite))) {
  removeDb(sqlite);
  row(
    'certflow import <jsonl> <sqlite>',
    [...cli, 'import', file, sqlite],
    importBaseline,
    '≥ 0.5× import baseline, ≤ 256 MB',
  );
}
if (runs('verify-sqlite')) row('certflow verify <sqlite>', [...cli, 'verify', sqlite], baseline, '≥ 1.0×, ≤ 256 MB');
if (runs('verify-sqlite-threads')) {
  row(
    'certflow verify <sqlite> --threads 1',
    [...cli, 'verify', sqlite, '--threads', '1'],
    baseline,
    '≥ 1.0×, ≤ 256 MB',
  );
}
if (runs('replay')) row('certflow replay <sqlite>', [...cli, 'replay', sqlite], baseline, '≥ 0.5×, ≤ 512 MB');
if (runs('export'))
  row('certflow export <sqlite> --unmasked', [...cli, 'export', sqlite, '--unmasked'], baseline, '≥ 0.8×');
if (runs('report')) {
  rmSync(reportPages, { recursive: true, force: true });
  row(
    'certflow report <sqlite> --pages <dir>',
    [...cli, 'report', sqlite, '--pages', reportPages],
    baseline,
    '≤ 3× the time (≥ 0.33×), ≤ 512 MB',
  );
  rmSync(reportPages, { recursive: true, force: true });
}
for (const { name, m, against, target } of rows) {
  const perSecond = Math.round(events / Math.max(m.seconds, 0.01));
  const ratio = against === m ? '' : `${(against.seconds / Math.max(m.seconds, 0.01)).toFixed(2)}×`;
  console.log(
    `${name.padEnd(48)} ${m.seconds.toFixed(1).padStart(7)} s ${m.cpu.toFixed(1).padStart(6)} s CPU ${perSecond.toLocaleString('en').padStart(9)} events/s  peak ${m.rssMb.toFixed(0).padStart(5)} MB  ${ratio.padStart(6)}${target ? `  (target ${target})` : ''}${m.status === 0 ? '' : `  (exit ${m.status})`}`,
  );
}
console.log(`load average after: ${load()}`);
const perMillion = (bytes: number) => ((bytes / events) * 1e6) / 1024 / 1024 / 1024;
console.log(
  `disk per 10^6 events: JSONL ${perMillion(statSync(file).size).toFixed(2)} GB${existsSync(sqlite) ? `, SQLite (certflow import) ${perMillion(statSync(sqlite).size).toFixed(2)} GB` : ''}`,
);
removeDb(rawSqlite);
if (rows.some(({ m }) => m.status !== 0)) process.exitCode = 1;
