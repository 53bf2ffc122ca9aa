import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@certflow/core';
import { memorySpill, type EventSpill } from './collect.js';

type Db = import('better-sqlite3').Database;

/** Events held in memory before the spill moves to a temporary SQLite file. */
export const SPILL_IN_MEMORY = 10_000;

/**
 * Keeps events in memory while the log is small and moves them to a
 * temporary SQLite file (deleted on close) once there are more than
 * `inMemory`: the report's memory then holds one stream's events at a time,
 * however long the log. Writes go in batches of one transaction.
 */
export async function adaptiveSpill(inMemory = SPILL_IN_MEMORY): Promise<EventSpill> {
  const { default: Database } = await import('better-sqlite3');
  let memory: EventSpill | undefined = memorySpill();
  const held: StoredEvent[] = [];
  let db: Db | undefined;
  let dir: string | undefined;
  let insert: import('better-sqlite3').Statement<[string, number, string]> | undefined;
  let select: import('better-sqlite3').Statement<[string], { json: string }> | undefined;
  let batch: StoredEvent[] = [];
  const flush = () => {
    if (!db || batch.length === 0) return;
    const rows = batch;
    batch = [];
    db.transaction(() => {
      for (const e of rows) insert!.run(e.streamId, e.version, JSON.stringify(e));
    })();
  };
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'certflow-report-'));
    db = new Database(join(dir, 'spill.sqlite'));
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -16000');
    db.exec('CREATE TABLE e (stream TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL)');
    insert = db.prepare('INSERT INTO e (stream, version, json) VALUES (?, ?, ?)');
    batch = held.splice(0);
    memory?.close();
    memory = undefined;
    flush();
  };
  let indexed = false;
  return {
    add(e) {
      if (memory) {
        memory.add(e);
        held.push(e);
        if (held.length > inMemory) open();
        return;
      }
      batch.push(e);
      if (batch.length >= 5000) flush();
    },
    events(streamId) {
      if (memory) return memory.events(streamId);
      flush();
      if (!indexed) {
        db!.exec('CREATE INDEX e_stream ON e (stream, version)');
        select = db!.prepare('SELECT json FROM e WHERE stream = ? ORDER BY version');
        indexed = true;
      }
      return select!.all(streamId).map((r) => JSON.parse(r.json) as StoredEvent);
    },
    close() {
      memory?.close();
      held.length = 0;
      db?.close();
      db = undefined;
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}
