import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sqliteStore } from '@certflow/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTampers, importedScaleLog, tamperedCopy } from '../parallelFixtures.js';
import { formatTwoLog } from '../testFixtures.js';

// `certflow report --pages --threads n` (worker threads read a SQLite file
// in ranges and build the organizations' sections from it, or build them
// from the spill of any other source) writes exactly the pages the main
// thread alone writes: the same files, byte for byte, the same message and
// exit code, on a generated log of several ranges and tasks, on copies
// tampered with in the file, and on a store of format 2 with its vault.
const root = resolve(import.meta.dirname, '../../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
// Above the spill's 10,000 events in memory: a JSONL log is spilled to a file the workers read.
const EVENTS = 12_000;

let dir: string;
let jsonl: string;
let db: string;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error('this test runs the built CLI: pnpm build first');
  dir = mkdtempSync(join(tmpdir(), 'certflow-parallel-report-'));
  ({ jsonl, db } = await importedScaleLog(bin, dir, EVENTS));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let runs = 0;
const report = (file: string, threads: string, ...more: string[]) => {
  const pages = join(dir, `pages-${++runs}`);
  const r = spawnSync(process.execPath, [bin, 'report', file, '--pages', pages, '--threads', threads, ...more], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 180_000,
  });
  const files = existsSync(pages) ? readdirSync(pages).sort() : [];
  const contents = new Map(files.map((f) => [f, readFileSync(join(pages, f), 'utf8')]));
  rmSync(pages, { recursive: true, force: true });
  // The message names the directory, and the workers that built the sections: the same apart from them.
  const workers = /, built by (\d+) worker threads/.exec(r.stderr)?.[1];
  const stderr = r.stderr.replaceAll(pages, '<pages>').replace(/, built by \d+ worker threads/, '');
  return { status: r.status, stderr, files, contents, workers };
};

/** Reports a file with the main thread alone and with two workers; both must write the same pages. */
function agreeOn(file: string, ...more: string[]) {
  const one = report(file, '1', ...more);
  const two = report(file, '2', ...more);
  expect(one.workers).toBeUndefined();
  expect(two.workers, 'two workers built the sections').toBe('2');
  expect(two.stderr).toBe(one.stderr);
  expect(two.status).toBe(one.status);
  expect(two.files).toEqual(one.files);
  for (const f of one.files) expect(two.contents.get(f), f).toBe(one.contents.get(f));
  return one;
}

describe('report --pages with worker threads writes what the main thread alone writes', () => {
  it('a SQLite file (read in ranges, sections from the file) and its JSONL export (sections from the spill)', () => {
    const fromDb = agreeOn(db);
    expect(fromDb.status).toBe(0);
    // Many organizations' pages, the bookkeeping appendix and the heads: more than one task each way.
    expect(fromDb.files.length).toBeGreaterThan(10);
    expect(fromDb.files).toContain('appendix-bookkeeping.html');
    const index = fromDb.contents.get('index.html')!;
    // The index lists every page it links, with its SHA-256.
    for (const f of fromDb.files) if (f !== 'index.html') expect(index).toContain(`<a href="${f}">`);
    const fromJsonl = agreeOn(jsonl, '--lang', 'zh-CN');
    expect(fromJsonl.status).toBe(0);
    expect(fromJsonl.files.length).toBeGreaterThan(10);
  }, 600_000);

  it('copies with a changed row, a removed row and a gap in the positions: the same broken streams', () => {
    for (const [name, change] of fileTampers(EVENTS)) {
      const r = agreeOn(tamperedCopy(db, dir, name, change));
      expect(r.status, name).toBe(1);
      expect(r.stderr, name).toMatch(/stream\(s\) do not verify/);
    }
  }, 600_000);

  it('a store of format 2 with its vault: the display forms come to the workers', async () => {
    const file = join(dir, 'personal.sqlite');
    const store = await formatTwoLog(sqliteStore({ file, personal: true }));
    await store.close();
    const r = agreeOn(file);
    expect(r.status).toBe(0);
    const pages = [...r.contents.values()].join('');
    // Masked display forms from the vault, never a token or an ID number in clear.
    expect(pages).toMatch(/\d{4}\*{10}\d{3}[\dX]/);
    expect(pages).not.toMatch(/(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/);
  }, 120_000);

  it('workers that fail (a --packs module they cannot load): one thread writes the same pages again', () => {
    const packs = join(import.meta.dirname, 'mainThreadPacks.mjs');
    const one = report(db, '1', '--packs', packs);
    const two = report(db, '2', '--packs', packs);
    expect(one.status).toBe(0);
    expect(two.workers, 'the pages were written by one thread').toBeUndefined();
    expect(two.stderr).toBe(one.stderr);
    expect(two.status).toBe(one.status);
    expect(two.files).toEqual(one.files);
    for (const f of one.files) expect(two.contents.get(f), f).toBe(one.contents.get(f));
  }, 300_000);

  it('--threads is for --pages, and takes a number or auto', () => {
    const bad = spawnSync(process.execPath, [bin, 'report', db, '--threads', 'many', '--pages', join(dir, 'x')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    const alone = spawnSync(process.execPath, [bin, 'report', db, '--threads', '2'], { encoding: 'utf8' });
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/--pages/);
  });
});
