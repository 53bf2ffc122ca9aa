import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { buildFixtureLog, tempDir, writeJsonl } from '../testFixtures.js';

async function verify(lines: unknown[], extra: string[] = []) {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), lines);
  const io = bufferIo({ cwd: dir });
  const code = await runCli(['verify', 'log.jsonl', ...extra], io);
  return { code, out: io.out(), err: io.err() };
}

describe('certflow verify', () => {
  it('exits 0 on an intact log and says how much it checked', async () => {
    const r = await verify(await buildFixtureLog());
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔ log.jsonl: 4 events in 2 streams verify');
  });

  it('names the stream and version of a changed event (hash-mismatch) and exits 1', async () => {
    const events = await buildFixtureLog();
    (events[1]!.data as Record<string, unknown>).deadline = { id: 'acceptance', met: false };
    const r = await verify(events);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✖ application-jinan-001 version 2 (position 2): hash-mismatch');
    expect(r.out).not.toContain('exam-2020-001');
  });

  it('reports a deleted event as a version gap, and a line that is not JSON', async () => {
    const events = await buildFixtureLog();
    const r = await verify([events[0], events[1], events[3], '{ not json']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✖ exam-2020-001 version 2 (position 4): version-gap');
    expect(r.out).toContain('✖ line 4: not-json');
  });

  it('reports a replaced event re-hashed by the forger as a broken chain', async () => {
    const { computeEventHash } = await import('@certflow/core');
    const events = await buildFixtureLog();
    const forged = { ...events[0]!, data: { forged: true } };
    forged.hash = computeEventHash(forged);
    const r = await verify([forged, events[1], events[2], events[3]], ['--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.problems).toEqual([
      expect.objectContaining({ streamId: 'application-jinan-001', version: 2, kind: 'chain-broken' }),
    ]);
  });

  it('reports an envelope that breaks the schema', async () => {
    const events = await buildFixtureLog();
    const bad = { ...events[2]!, meta: { ...events[2]!.meta, at: 'yesterday' } };
    const r = await verify([events[0], events[1], bad, events[3]]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/exam-2020-001 version 1 \(position 3\): schema — meta\.at/);
  });

  it('exits 2 with a clear message when the source does not exist, and creates nothing', async () => {
    const dir = tempDir();
    for (const source of ['missing.jsonl', 'missing.db']) {
      const io = bufferIo({ cwd: dir });
      expect(await runCli(['verify', source], io)).toBe(2);
      expect(io.err()).toContain(`source ${source} does not exist`);
    }
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });

  it('reads JSONL from standard input with -', async () => {
    const { Readable } = await import('node:stream');
    const events = await buildFixtureLog();
    const io = bufferIo({ stdin: Readable.from([events.map((e) => JSON.stringify(e)).join('\n')]) });
    expect(await runCli(['verify', '-'], io)).toBe(0);
    expect(io.out()).toContain('(stdin): 4 events in 2 streams verify');
  });
});
