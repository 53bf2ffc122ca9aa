import { describe, expect, it } from 'vitest';
import {
  createEngine,
  memorySnapshotStore,
  memoryStore,
  verifyLog,
  type Command,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testRulePack, type GivenCommand } from '@certflow/core/testing';
import { CONFIRMED, EXAM, ISSUED } from './scenario.fixtures.js';

/** A store whose `n`-th certificate append (0-based) fails, as a process dying between the exam's append and the certificates'. */
function crashingStore(failAt: number): EventStore {
  const store = memoryStore();
  let count = 0;
  return {
    ...store,
    append: async (streamId, events, options) => {
      if (streamId.startsWith('certificate-') && count++ === failAt) throw new Error('process died');
      return store.append(streamId, events, options);
    },
  };
}
function setup(store: EventStore, extra: Partial<Parameters<typeof createEngine>[0]> = {}) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({
    store,
    rulePacks: [testRulePack],
    calendar: testCalendar(),
    clock: () => now,
    ...extra,
  });
  const run = async (commands: GivenCommand[]) => {
    for (const { at, ...c } of commands) {
      if (at) now = new Date(at);
      await engine.execute(c as Command);
    }
  };
  return { engine, run, at: (iso: string) => (now = new Date(iso)) };
}
async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}
const certificates = async (store: EventStore) =>
  (await all(store)).filter((e) => e.streamId.startsWith('certificate-'));
const facts = (es: StoredEvent[]) =>
  es
    .map((e) => ({ streamId: e.streamId, version: e.version, type: e.type, data: e.data }))
    .sort((a, b) => a.streamId.localeCompare(b.streamId));
const { at: issuedAt, ...issue } = ISSUED[ISSUED.length - 1]!;

/** The certificate events of a run without a crash: what recovery must end with. */
async function expected(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await setup(store).run(ISSUED);
  return certificates(store);
}

describe('certificates after a crash between the two appends', () => {
  for (const failAt of [0, 1]) {
    it(`repeating IssueCertificates opens exactly the missing streams (crash at certificate ${failAt + 1} of 2)`, async () => {
      const store = crashingStore(failAt);
      const { engine, run, at } = setup(store, { snapshots: memorySnapshotStore(), snapshotEvery: 1 });
      await run(CONFIRMED);
      at(issuedAt!);
      await expect(engine.execute(issue as Command)).rejects.toThrow('process died');
      expect((await engine.load(EXAM)).state).toBe('certificatesIssued');
      expect(await certificates(store)).toHaveLength(failAt);

      const retried = await engine.execute(issue as Command);
      expect(retried.events.map((e) => e.type)).toEqual(['CertificatesIssued']);
      const want = await expected();
      expect(facts(await certificates(store))).toEqual(facts(want));
      const log = await all(store);
      expect(await engine.execute(issue as Command)).toEqual(retried);
      expect(await all(store)).toEqual(log);
      expect(verifyLog(log).ok).toBe(true);
    });
  }

  it('tick opens the missing certificate streams once, and a clean log gives tick nothing to do', async () => {
    const store = crashingStore(1);
    const { engine, run, at } = setup(store);
    await run(CONFIRMED);
    at(issuedAt!);
    await expect(engine.execute(issue as Command)).rejects.toThrow('process died');
    const now = new Date('2020-07-01T09:00:00+08:00');
    const opened = await engine.tick(now);
    expect(opened.map((e) => [e.type, e.version])).toEqual([['CertificateIssued', 1]]);
    expect(opened[0]!.meta.actor.role).toBe('system');
    expect(facts(await certificates(store))).toEqual(facts(await expected()));
    expect(await engine.tick(now)).toEqual([]);
    expect(verifyLog(await all(store)).ok).toBe(true);

    const clean = memoryStore();
    const c = setup(clean);
    await c.run(ISSUED);
    expect(await c.engine.tick(now)).toEqual([]);
  });
});
