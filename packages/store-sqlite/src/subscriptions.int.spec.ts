import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@certflow/core';
import { testEvents } from '@certflow/core/testing';
import { sqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-sqlite-subs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `subs-${++n}.db`);

describe('sqliteStore subscriptions', () => {
  it('a new store instance on the same file resumes after the durable checkpoint', async () => {
    const file = fresh();
    const first = sqliteStore({ file });
    await first.append('application-1', testEvents(3), { expectedVersion: 'no-stream' });
    const seen1: number[] = [];
    const sub1 = first.subscribe({ name: 'registry', handler: (e) => void seen1.push(e.position) });
    await sub1.waitUntilCaughtUp();
    await sub1.stop();
    await first.append('exam-1', testEvents(2), { expectedVersion: 'no-stream' });
    await first.close();

    const second = sqliteStore({ file });
    const seen2: number[] = [];
    const sub2 = second.subscribe({ name: 'registry', handler: (e) => void seen2.push(e.position) });
    await sub2.waitUntilCaughtUp();
    expect(seen1).toEqual([1, 2, 3]);
    expect(seen2).toEqual([4, 5]);
    // Another subscription name keeps its own checkpoint.
    const other: number[] = [];
    const sub3 = second.subscribe({ name: 'catalog', handler: (e) => void other.push(e.position) });
    await sub3.waitUntilCaughtUp();
    expect(other).toEqual([1, 2, 3, 4, 5]);
    await second.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT name, position FROM certflow_checkpoints ORDER BY name').all()).toEqual([
      { name: 'catalog', position: 5 },
      { name: 'registry', position: 5 },
    ]);
    raw.close();
  });

  it('a handler that failed is handed the same event again after a restart (at least once)', async () => {
    const file = fresh();
    const first = sqliteStore({ file });
    await first.append('application-1', testEvents(3), { expectedVersion: 'no-stream' });
    const seen: number[] = [];
    const sub = first.subscribe({
      name: 'flaky',
      handler: (e) => {
        seen.push(e.version);
        if (e.version === 2) throw new Error('projection down');
      },
    });
    await expect(sub.waitUntilCaughtUp()).rejects.toThrow('projection down');
    await first.close();
    const second = sqliteStore({ file });
    const again = second.subscribe({ name: 'flaky', handler: (e) => void seen.push(e.version) });
    await again.waitUntilCaughtUp();
    await second.close();
    expect(seen).toEqual([1, 2, 2, 3]);
  });

  it('sees appends made through another connection to the file by polling', async () => {
    const file = fresh();
    const reader = sqliteStore({ file, pollIntervalMs: 20 });
    const writer = sqliteStore({ file });
    const seen: string[] = [];
    let arrived!: () => void;
    const allArrived = new Promise<void>((r) => (arrived = r));
    const sub = reader.subscribe({
      name: 'watcher',
      handler: (e) => {
        seen.push(`${e.streamId}@${e.version}`);
        if (seen.length === 3) arrived();
      },
    });
    await sub.waitUntilCaughtUp();
    await writer.append('certificate-9', testEvents(3), { expectedVersion: 'no-stream' });
    await allArrived;
    expect(seen).toEqual(['certificate-9@1', 'certificate-9@2', 'certificate-9@3']);
    await writer.close();
    await reader.close();
  });

  it('appends through the same store wake subscriptions at once, in commit order', { timeout: 5_000 }, async () => {
    // The poll interval is far longer than the test's timeout: only the wake-up from local appends can deliver in time.
    const store = sqliteStore({ file: fresh(), pollIntervalMs: 60_000 });
    const seen: StoredEvent[] = [];
    let arrived!: () => void;
    const allArrived = new Promise<void>((r) => (arrived = r));
    const sub = store.subscribe({
      name: 'order',
      handler: async (e) => {
        seen.push(e);
        if (seen.length === 60) arrived();
      },
    });
    await sub.waitUntilCaughtUp();
    for (let i = 0; i < 30; i++) await store.append(`exam-${i % 4}`, testEvents(2), { expectedVersion: 'any' });
    await allArrived;
    expect(seen.map((e) => e.position)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    await store.close();
  });

  it('close() stops running subscriptions', async () => {
    const store = sqliteStore({ file: fresh() });
    await store.append('application-1', testEvents(1), { expectedVersion: 'no-stream' });
    const sub = store.subscribe({ name: 'open', handler: () => undefined });
    await sub.waitUntilCaughtUp();
    await store.close();
    await expect(sub.waitUntilCaughtUp()).rejects.toThrow();
  });
});
