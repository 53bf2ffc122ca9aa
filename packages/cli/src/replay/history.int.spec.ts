// Replay checks the history, not just the hashes: the demo stories replay
// clean, every event they write is what the event catalogue says, and a
// correctly chained forgery is named by stream, version and rule.
import { join } from 'node:path';
import { eventDataIssues, memoryStore, sealEvents, streamKind, verifyLog, type StoredEvent } from '@certflow/core';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../../../examples/quickstart/src/demo.js';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { tempDir, writeJsonl } from '../testFixtures.js';

async function demoLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await runDemo(store);
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return events;
}

async function replay(events: unknown[]) {
  const dir = tempDir();
  writeJsonl(join(dir, 'log.jsonl'), events);
  const io = bufferIo({ cwd: dir });
  const code = await runCli(['replay', 'log.jsonl', '--json'], io);
  return { code, json: JSON.parse(io.out()), err: io.err() };
}

describe('replay checks the history', () => {
  it('the demo stories: every event is valid for its type in the catalogue, and replay finds no violation', {
    timeout: 120_000,
  }, async () => {
    const log = await demoLog();
    expect(new Set(log.map((e) => e.type)).size).toBeGreaterThan(10);
    for (const e of log)
      expect(eventDataIssues(streamKind(e.streamId), e.type, e.data), `${e.streamId} v${e.version} ${e.type}`).toEqual(
        [],
      );
    const r = await replay(log);
    expect(r.json.history).toEqual([]);
    expect(r.json.integrity).toEqual([]);
    expect(r.code, JSON.stringify(r.json.decisions)).toBe(0);
  });

  it('a correctly chained ResultsRecorded after CertificatesIssued (a failed candidate now passed) fails replay (exit 1), named by stream, version and rule', {
    timeout: 120_000,
  }, async () => {
    const log = await demoLog();
    const issued = log.find((e) => e.type === 'CertificatesIssued')!;
    const exam = log.filter((e) => e.streamId === issued.streamId);
    const results = exam.find((e) => e.type === 'ResultsRecorded')!;
    const last = exam.at(-1)!;
    const all = (results.data as { results: object[] }).results.map((c) => ({ ...c, passed: true }));
    const [forged] = sealEvents(
      last.streamId,
      { version: last.version, hash: last.hash },
      [Math.max(...log.map((e) => e.position)) + 1],
      [{ type: 'ResultsRecorded', data: { results: all } as never, meta: results.meta }],
    );
    const tampered = [...log, forged!];
    expect(verifyLog(tampered).ok).toBe(true);
    const r = await replay(tampered);
    expect(r.code).toBe(1);
    expect(r.json.ok).toBe(false);
    expect(r.json.history).toEqual([
      expect.objectContaining({
        streamId: last.streamId,
        version: last.version + 1,
        rule: 'machine-accepts',
        type: 'ResultsRecorded',
      }),
    ]);
  });
});
