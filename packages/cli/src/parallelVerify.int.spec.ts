import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeEventHash } from '@certflow/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScaleLog } from '../../../bench/scale/generate.js';
import { exportHeader } from './jsonl.js';

// `certflow verify --threads n` (worker threads examine batches of lines, the
// main thread applies their verdicts in file order) reports exactly what the
// one-thread path reports: the same JSON (problems, their order and
// messages, heads, packs) and exit code, on a generated log of several
// batches and on copies of it tampered in every way verify names.
const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const EVENTS = 6_000;

let dir: string;
let lines: string[];

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error('this test runs the built CLI: pnpm build first');
  dir = mkdtempSync(join(tmpdir(), 'certflow-parallel-'));
  const file = join(dir, 'log.jsonl');
  await writeScaleLog(file, EVENTS);
  lines = readFileSync(file, 'utf8').split('\n');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (file: string, threads: number, ...more: string[]) =>
  spawnSync(process.execPath, [bin, 'verify', file, '--threads', String(threads), ...more], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 60_000,
  });

type Report = {
  threads: number;
  ok: boolean;
  events: number;
  problems: { kind: string; line?: number; detail: string }[];
  heads: unknown[];
  packs: unknown[];
};

/** Writes a variant of the log and checks that both paths agree on it; returns the parallel run's report. */
function agree(name: string, text: string, ...more: string[]) {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, text);
  return agreeOn(file, ...more);
}

function agreeOn(file: string, ...more: string[]) {
  const one = verify(file, 0, '--json', ...more);
  const two = verify(file, 2, '--json', ...more);
  expect(two.stderr).toBe(one.stderr);
  expect(two.status).toBe(one.status);
  const [a, b] = [JSON.parse(one.stdout) as Report, JSON.parse(two.stdout) as Report];
  // the one difference: who examined the events
  expect(a.threads).toBe(0);
  expect(b.threads).toBe(2);
  expect({ ...b, threads: 0 }).toEqual(a);
  expect(two.stdout.replace('"threads": 2', '"threads": 0')).toBe(one.stdout);
  const plain = [verify(file, 0, ...more), verify(file, 3, ...more)];
  expect(plain[1]!.stdout).toBe(plain[0]!.stdout);
  expect(plain[1]!.status).toBe(plain[0]!.status);
  return { status: two.status, report: b };
}

/** An event's line with fields changed and its hash recomputed (so only the change itself is a problem). */
const rehashed = (line: string, change: Record<string, unknown>) => {
  const e = { ...JSON.parse(line), ...change };
  return JSON.stringify({ ...e, hash: computeEventHash(e) });
};

const edit = (at: number, f: (line: string) => string) => lines.map((l, i) => (i === at ? f(l) : l));

describe('verify with worker threads reports what one thread reports', () => {
  it('an intact log of several batches: every event verified, the same heads and packs', () => {
    const { status, report } = agree('intact', lines.join('\n'));
    expect(status).toBe(0);
    expect(report.events).toBe(EVENTS);
    expect(report.heads.length).toBeGreaterThan(1000);
    expect(report.packs.length).toBeGreaterThan(0);
  }, 120_000);

  it('by default (--threads auto) workers for a log of 8 MB or more, the main thread for a small one; --threads 1 is the main thread alone; a bad count is a usage error', () => {
    const small = join(dir, 'small.jsonl');
    writeFileSync(small, lines.slice(0, 1_000).join('\n'));
    const run = (file: string, ...more: string[]) =>
      spawnSync(process.execPath, [bin, 'verify', file, '--json', ...more], {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
        timeout: 60_000,
      });
    for (const r of [run(small), run(small, '--threads', 'auto')]) {
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).threads).toBe(0);
    }
    const large = join(dir, 'log.jsonl');
    expect(statSync(large).size).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const cores = availableParallelism();
    const byDefault = run(large);
    expect(byDefault.status).toBe(0);
    expect(JSON.parse(byDefault.stdout).threads).toBe(cores < 2 ? 0 : Math.min(cores, 4));
    const one = run(large, '--threads', '1');
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).threads).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ ...JSON.parse(byDefault.stdout), threads: 0 });
    const bad = spawnSync(process.execPath, [bin, 'verify', small, '--threads', 'many'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--threads takes auto or a whole number');
  }, 60_000);

  it('tampered copies: changed data, a removed event, a swapped version, a bad envelope, a duplicate position, lines that are not JSON', () => {
    const removed = lines.filter((_, i) => i !== 2_500);
    const variants: [string, string[]][] = [
      ['changed', edit(4_321, (l) => l.replace(/"at":"20/, '"at":"19'))],
      ['removed', removed],
      ['envelope', edit(1_200, (l) => l.replace(/"version":(\d+)/, '"version":"$1"'))],
      ['duplicate', edit(5_000, (l) => rehashed(l, { position: JSON.parse(lines[4_999]!).position }))],
      ['notjson', [...edit(3_333, (l) => l.slice(0, 40)), '{"unterminated": ', '']],
    ];
    const kinds = new Set<string>();
    for (const [name, variant] of variants) {
      const { status, report } = agree(name, variant.join('\n'));
      expect(status).toBe(1);
      for (const p of report.problems) kinds.add(p.kind);
    }
    for (const k of ['hash-mismatch', 'version-gap', 'schema', 'duplicate-position', 'not-json'])
      expect(kinds).toContain(k);
  }, 300_000);

  it('line numbers across batches, CRLF and blank lines, no header line, and kept heads (--heads)', () => {
    const crlf = agree('crlf', edit(4_000, () => 'not json at all').join('\r\n'));
    expect(crlf.report.problems.find((p) => p.kind === 'not-json')?.line).toBe(4_001);
    const blank = agree('blank', ['', ...lines.slice(1, 3_000), '   ', '', ...lines.slice(3_000)].join('\n'));
    expect(blank.status).toBe(0);
    const heads = join(dir, 'heads.json');
    writeFileSync(heads, JSON.stringify(agree('headsfrom', lines.join('\n')).report));
    const shortened = agree('shortened', lines.slice(0, 5_000).join('\n'), '--heads', heads);
    expect(shortened.status).toBe(1);
    expect(shortened.report.problems.some((p) => p.kind === 'stream-shortened' || p.kind === 'stream-removed')).toBe(
      true,
    );
  }, 300_000);
});

describe('verify of a format-2 export with worker threads (they begin at its first event) reports what one thread reports', () => {
  /** A masked format-2 export of the log: its header, lines of display forms (more than a read's 256 KB), then the events. */
  const formatTwo = (events: string[], eol = '\n') => {
    const display: string[] = [];
    for (let l = 0; l < 40; l++) {
      const forms: Record<string, string> = {};
      for (let k = 0; k < 100; k++)
        forms[`pd:s${l}-${k}:${'c'.repeat(64)}`] = `3701**********${String(k).padStart(4, '0')}`;
      display.push(JSON.stringify({ certflowPersonal: { display: forms } }));
    }
    return [JSON.stringify(exportHeader(true, 'display')), ...display, ...events].join(eol);
  };
  // the log's events, without its own header (read once the log is written)
  const eventLines = () => lines.slice(1);

  it('an intact export, a changed event and a line that is not JSON, with the same line numbers', () => {
    const events = eventLines();
    expect(formatTwo([]).length).toBeGreaterThan(256 * 1024);
    const intact = agree('f2-intact', formatTwo(events));
    expect(intact.status).toBe(0);
    expect(intact.report.events).toBe(EVENTS);
    const changed = agree(
      'f2-changed',
      formatTwo(events.map((l, i) => (i === 4_321 ? l.replace(/"at":"20/, '"at":"19') : l))),
    );
    expect(changed.status).toBe(1);
    expect(changed.report.problems.map((p) => p.kind)).toContain('hash-mismatch');
    const notJson = agree('f2-notjson', formatTwo(events.map((l, i) => (i === 3_000 ? 'not json' : l))));
    // the header, 40 lines of display forms, then event 3,000 (0-based) of the log
    expect(notJson.report.problems.find((p) => p.kind === 'not-json')?.line).toBe(1 + 40 + 3_001);
  }, 300_000);

  it('CRLF lines are read in parallel too; a carriage return inside a line before the events has one thread read it all, with the same report', () => {
    const events = eventLines();
    const crlf = agree('f2-crlf', formatTwo(events, '\r\n'));
    expect(crlf.status).toBe(0);
    expect(crlf.report.events).toBe(EVENTS);
    // a carriage return after a display line's JSON and before its line feed: readJsonl breaks the line there
    // (a blank line follows), so line numbers are not line feeds counted, and the workers are not asked
    const text = formatTwo(events).replace('}}}\n', '}}}\r \n');
    expect(text).toContain('\r \n');
    const file = join(dir, 'f2-cr.jsonl');
    writeFileSync(file, text);
    const [one, two] = [verify(file, 0, '--json'), verify(file, 2, '--json')];
    expect(two.status).toBe(one.status);
    const [a, b] = [JSON.parse(one.stdout) as Report, JSON.parse(two.stdout) as Report];
    expect(b.threads).toBe(0);
    expect(b).toEqual(a);
  }, 300_000);
});

describe('verify of a SQLite file with worker threads (each reads ranges of positions in place) reports what one thread reports', () => {
  it('the imported log, and copies with a changed row, a removed row and a gap in the positions', () => {
    const db = join(dir, 'log.sqlite');
    const imported = spawnSync(process.execPath, [bin, 'import', join(dir, 'log.jsonl'), db], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(imported.status).toBe(0);
    const intact = agreeOn(db);
    expect(intact.status).toBe(0);
    expect(intact.report.events).toBe(EVENTS);
    const variants: [string, string][] = [
      ['changed', "UPDATE certflow_events SET data = replace(data, '\"', '\" ') WHERE position = 4321"],
      ['removed', 'DELETE FROM certflow_events WHERE position = 2500'],
      // positions far apart: the ranges after the gap are skipped, not read one by one
      ['gap', 'UPDATE certflow_events SET position = position + 100000000 WHERE position > 3000'],
    ];
    const kinds = new Set<string>();
    for (const [name, sql] of variants) {
      const copy = join(dir, `${name}.sqlite`);
      copyFileSync(db, copy);
      const h = new Database(copy);
      h.exec(sql);
      h.close();
      const { report } = agreeOn(copy);
      expect(report.events).toBe(name === 'removed' ? EVENTS - 1 : EVENTS);
      for (const p of report.problems) kinds.add(p.kind);
    }
    for (const k of ['hash-mismatch', 'version-gap']) expect(kinds).toContain(k);
  }, 300_000);
});
