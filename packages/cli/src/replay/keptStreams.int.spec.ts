// Replay of a store keeps each stream's events from the log pass until its
// last version is read, and checks and rebuilds the stream from them instead
// of reading it from the store again. Held here to the result of reading every
// stream from the store, on the demo stories, the scale generator's stories
// and tampered logs, with room for every open stream, for one event, and none.
import { memoryStore, sealEvents, type StoredEvent } from '@certflow/core';
import { testRulePack } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { baseLog } from '../../../../bench/scale/generate.js';
import { runDemo } from '../../../../examples/quickstart/src/demo.js';
import { logStore } from './logStore.js';
import { loadKnownPacks, packSet, type PackSet } from './packs.js';
import { recordedLog, testRulePackV2 } from './replayFixtures.js';
import { replayLog } from './replayLog.js';
import { spillLog } from './spill.js';

async function demoLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await runDemo(store);
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return events;
}

/**
 * Replays a log read from a store (every stream from the store, each state
 * rebuilt by the engine's load), and again keeping streams from the log pass
 * (each state from the history check's fold where that is the engine's).
 */
async function both(events: StoredEvent[], packs: PackSet) {
  const options = { source: 'log', packs, listStreams: true };
  const fromStore = await replayLog(
    { events: structuredClone(events), store: logStore(events) },
    { ...options, foldOnce: false },
  );
  const kept = [];
  for (const keptEvents of [undefined, 1, 0]) {
    kept.push(
      await replayLog(
        { events: structuredClone(events), store: logStore(events), oneEventPerVersion: true },
        { ...options, ...(keptEvents === undefined ? {} : { keptEvents }) },
      ),
    );
  }
  return { fromStore, kept };
}

const packs = async () => packSet([testRulePack, testRulePackV2, ...(await loadKnownPacks())]);

/** The log with one event's data changed and its hash left as it was (an integrity and a history problem). */
function editedData(log: StoredEvent[], type: string): StoredEvent[] {
  const at = log.findIndex((e) => e.type === type);
  expect(at).toBeGreaterThanOrEqual(0);
  return log.map((e, i) => (i === at ? { ...e, data: { ...(e.data as object), extra: 1 } } : e));
}

/** A correctly chained ResultsRecorded after CertificatesIssued: a history violation, the hashes intact. */
function lateResults(log: StoredEvent[]): StoredEvent[] {
  const issued = log.find((e) => e.type === 'CertificatesIssued')!;
  const exam = log.filter((e) => e.streamId === issued.streamId);
  const results = exam.find((e) => e.type === 'ResultsRecorded')!;
  const last = exam.at(-1)!;
  const [forged] = sealEvents(
    last.streamId,
    { version: last.version, hash: last.hash },
    [Math.max(...log.map((e) => e.position)) + 1],
    [{ type: 'ResultsRecorded', data: results.data as never, meta: results.meta }],
  );
  return [...log, forged!];
}

describe('replay keeping streams from the log pass', () => {
  it('finds what reading every stream from the store finds, on the demo, generator and test-pack logs and their tampered copies', {
    timeout: 240_000,
  }, async () => {
    const set = await packs();
    const demo = await demoLog();
    const generated = (await baseLog()).events;
    const recorded = await recordedLog();
    const cases: [string, StoredEvent[]][] = [
      ['demo', demo],
      ['generator', generated],
      ['test pack', recorded],
      ['demo, data edited', editedData(demo, 'ExamPlanned')],
      ['generator, data edited', editedData(generated, 'ApplicationSubmitted')],
      ['demo, results after certificates', lateResults(demo)],
      ['generator, an event missing', generated.filter((e) => !(e.type === 'FilingCompleted'))],
      ['generator, out of order', [...generated].reverse()],
    ];
    for (const [name, log] of cases) {
      const { fromStore, kept } = await both(log, set);
      expect(fromStore.rebuilt, name).toBeGreaterThan(0);
      expect(fromStore.events, name).toBe(log.length);
      for (const r of kept) expect(JSON.stringify(r), name).toBe(JSON.stringify(fromStore));
    }
    const clean = await both(generated, set);
    expect(clean.fromStore.ok).toBe(true);
    expect(clean.fromStore.decisions.rechecked).toBeGreaterThan(0);
    for (const [name, log] of cases.slice(3)) expect((await both(log, set)).fromStore.ok, name).toBe(false);
  });

  it('a spilled export keeps streams only when no version repeats in a stream and every version is whole, and then finds what the store path finds', {
    timeout: 240_000,
  }, async () => {
    const set = await packs();
    const log = await demoLog();
    const spill = async (events: unknown[]) =>
      spillLog(
        (async function* () {
          yield* events;
        })(),
      );
    const repeated = log.findIndex((e) => e.version === 2);
    const cases: [string, unknown[], boolean][] = [
      ['demo', log, true],
      ['a version repeated', [...log.slice(0, repeated + 1), log[repeated], ...log.slice(repeated + 1)], false],
      ['a version not whole', log.map((e, i) => (i === repeated ? { ...e, version: 1.5 } : e)), false],
    ];
    for (const [name, events, one] of cases) {
      const a = await spill(events);
      const b = await spill(events);
      try {
        expect(a.oneEventPerVersion, name).toBe(one);
        const options = { source: 'log', packs: set, listStreams: true };
        const fromStore = await replayLog({ events: a.read(), store: a.store }, options);
        const kept = await replayLog(
          { events: b.read(), store: b.store, oneEventPerVersion: b.oneEventPerVersion },
          { ...options, keptEvents: 1 },
        );
        expect(fromStore.events, name).toBe(events.length);
        expect(JSON.stringify(kept), name).toBe(JSON.stringify(fromStore));
      } finally {
        await a.close();
        await b.close();
      }
    }
  });
});
