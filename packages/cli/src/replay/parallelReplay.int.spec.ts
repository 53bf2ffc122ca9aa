import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeEventHash, type StoredEvent } from '@certflow/core';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTampers, importedScaleLog, tamperedCopy } from '../parallelFixtures.js';

// `certflow replay --threads n` of a SQLite file (worker threads read it in
// ranges of positions and examine each event: its integrity verdict and the
// catalogue's check of its data; the main thread checks histories, folds and
// re-evaluates decisions) reports exactly what the main thread alone reports:
// the same JSON (integrity problems, history violations, rebuilt streams,
// decisions) and exit code, on a generated log of several ranges and on
// copies tampered with in the file.
const root = resolve(import.meta.dirname, '../../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const EVENTS = 3_000;

let dir: string;
let db: string;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error('this test runs the built CLI: pnpm build first');
  dir = mkdtempSync(join(tmpdir(), 'certflow-parallel-replay-'));
  ({ db } = await importedScaleLog(bin, dir, EVENTS));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const replay = (file: string, threads: string) =>
  spawnSync(process.execPath, [bin, 'replay', file, '--threads', threads, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 120_000,
  });

type Result = {
  ok: boolean;
  events: number;
  integrity: { kind: string }[];
  history: { rule: string }[];
  streams: unknown[];
  decisions: { rechecked: number };
};

/** Replays a file with no worker and with two; both must agree. Returns the result. */
function agreeOn(file: string): { status: number | null; result: Result } {
  const one = replay(file, '0');
  const two = replay(file, '2');
  expect(two.stderr).toBe(one.stderr);
  expect(two.status).toBe(one.status);
  expect(two.stdout).toBe(one.stdout);
  return { status: one.status, result: JSON.parse(one.stdout) as Result };
}

/** A copy of the imported file with `change` made to it directly. */
const tampered = (name: string, change: (h: Database.Database) => void) => tamperedCopy(db, dir, name, change);

/** The event at a position, changed by `edit` and sealed again (its hash recomputed: only the change is wrong). */
function resealed(h: Database.Database, where: string, edit: (e: StoredEvent) => StoredEvent): void {
  const r = h
    .prepare(
      `SELECT position, stream_id, version, type, data, meta, prev_hash, hash FROM certflow_events WHERE ${where} LIMIT 1`,
    )
    .raw()
    .get() as [number, string, number, string, string, string, string | null, string];
  const e = edit({
    position: r[0],
    streamId: r[1],
    version: r[2],
    type: r[3],
    data: JSON.parse(r[4]),
    meta: JSON.parse(r[5]),
    prevHash: r[6],
    hash: r[7],
  });
  h.prepare('UPDATE certflow_events SET type = ?, data = ?, hash = ? WHERE position = ?').run(
    e.type,
    JSON.stringify(e.data),
    computeEventHash(e),
    e.position,
  );
}

describe('replay of a SQLite file with worker threads reports what the main thread alone reports', () => {
  it('the imported log: every stream rebuilt, every decision re-checked, nothing wrong', () => {
    const { status, result } = agreeOn(db);
    expect(status).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.events).toBe(EVENTS);
    expect(result.streams.length).toBeGreaterThan(1_000);
    expect(result.decisions.rechecked).toBeGreaterThan(100);
  }, 240_000);

  it('copies with a changed row, a removed row, a gap in the positions, data not valid for its type and an event its machine does not accept', () => {
    const variants: [string, (h: Database.Database) => void][] = [
      ...fileTampers(EVENTS),
      [
        'data',
        (h) =>
          resealed(h, "type = 'CertificateIssued' AND position > 2500", (e) => ({
            ...e,
            data: { ...(e.data as object), number: '1' },
          })),
      ],
      [
        'type',
        (h) => resealed(h, "type = 'ResultsConfirmed' AND position > 1000", (e) => ({ ...e, type: 'ExamPlanFiled' })),
      ],
    ];
    const found = new Set<string>();
    for (const [name, change] of variants) {
      const { status, result } = agreeOn(tampered(name, change));
      expect(status, name).toBe(1);
      expect(result.ok, name).toBe(false);
      for (const p of result.integrity) found.add(p.kind);
      for (const v of result.history) found.add(v.rule);
    }
    for (const k of ['hash-mismatch', 'version-gap', 'event-data', 'certificate-number', 'machine-accepts'])
      expect(found).toContain(k);
  }, 600_000);

  it('a bad thread count is a usage error', () => {
    const bad = spawnSync(process.execPath, [bin, 'replay', db, '--threads', 'many'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--threads takes auto or a whole number');
  }, 60_000);
});
