// What the specs of worker threads over a SQLite file share (parallel replay
// and report): a generated log imported by the built CLI, copies of its file
// changed in place, and the ways they are changed. Not exported from the package.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { writeScaleLog } from '../../../bench/scale/generate.js';

/** A generated log of `events` events in `dir`: as JSONL, and the SQLite file `certflow import` (the built `bin`) makes of it. */
export async function importedScaleLog(
  bin: string,
  dir: string,
  events: number,
): Promise<{ jsonl: string; db: string }> {
  const jsonl = join(dir, 'log.jsonl');
  await writeScaleLog(jsonl, events);
  const db = join(dir, 'log.sqlite');
  const imported = spawnSync(process.execPath, [bin, 'import', jsonl, db], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  expect(imported.status, imported.stderr).toBe(0);
  return { jsonl, db };
}

/** A copy of the SQLite file `db` in `dir`, with `change` made to it directly (no hash recomputed). */
export function tamperedCopy(db: string, dir: string, name: string, change: (h: Database.Database) => void): string {
  const copy = join(dir, `${name}.sqlite`);
  copyFileSync(db, copy);
  const h = new Database(copy);
  change(h);
  h.close();
  return copy;
}

/**
 * Three changes made in a file of `events` positions: an event's time changed
 * in place (hash mismatch), an event that a later one of its stream follows
 * removed (version gap) and the positions
 * after two thirds moved far apart (the ranges after the gap are skipped, not
 * read one by one).
 */
export function fileTampers(events: number): [string, (h: Database.Database) => void][] {
  const at = (share: number) => Math.round(events * share);
  return [
    [
      'changed',
      (h) =>
        h.exec(`UPDATE certflow_events SET meta = replace(meta, '"at":"20', '"at":"19') WHERE position = ${at(0.737)}`),
    ],
    // the first event from half way on that a later version of its stream follows: its removal leaves a gap
    [
      'removed',
      (h) =>
        h.exec(
          `DELETE FROM certflow_events WHERE position = (SELECT min(e.position) FROM certflow_events e WHERE e.position >= ${at(0.5)} AND EXISTS (SELECT 1 FROM certflow_events n WHERE n.stream_id = e.stream_id AND n.version = e.version + 1))`,
        ),
    ],
    ['gap', (h) => h.exec(`UPDATE certflow_events SET position = position + 100000000 WHERE position > ${at(2 / 3)}`)],
  ];
}
