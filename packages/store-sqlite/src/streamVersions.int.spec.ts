import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEvents } from '@certflow/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStore } from './sqliteStore.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('streamVersions', () => {
  it("answers each stream's streamVersion in the order asked, 0 for a stream with no events, read-only too", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certflow-versions-'));
    dirs.push(dir);
    const file = join(dir, 'events.sqlite');
    const store = sqliteStore({ file });
    await store.append('exam-a', testEvents(2), { expectedVersion: 'no-stream' });
    await store.append('exam-b', testEvents(1), { expectedVersion: 'no-stream' });
    const ids = ['exam-b', 'exam-none', 'exam-a', 'exam-b', 'it"s [odd]'];
    const one = await Promise.all(ids.map((id) => store.streamVersion(id)));
    expect(one).toEqual([1, 0, 2, 1, 0]);
    expect(await store.streamVersions!(ids)).toEqual(one);
    expect(await store.streamVersions!([])).toEqual([]);
    await store.close();
    const reader = sqliteStore({ file, readOnly: true });
    expect(await reader.streamVersions!(ids)).toEqual(one);
    await reader.close();
  });
});
