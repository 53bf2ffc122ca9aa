import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ForbiddenError, verifyLog, type StoredEvent } from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';
import { embed } from './embed.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-embed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the embedding example (quoted in docs/getting-started.md)', () => {
  it('screens with citations, refuses the applicant deciding on itself, and leaves two verified events in the file', async () => {
    const file = join(dir, 'embed.sqlite');
    const lines: string[] = [];
    const { decision, refusal, state } = await embed(file, (l) => lines.push(l));
    expect(decision.outcome).toBe('needs-review');
    expect(lines[0]).toBe('screening: needs-review');
    expect(lines[1]).toContain('influence-and-experience: 鲁人社字〔2020〕50号 一（二）「');
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(state).toMatchObject({ state: 'evaluation', version: 2 });

    const store = sqliteStore({ file });
    const events: StoredEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    await store.close();
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'ApplicationAccepted']);
    expect(verifyLog(events).ok).toBe(true);
  });
});
