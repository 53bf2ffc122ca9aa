import { describe, expect, it } from 'vitest';
import {
  createEngine,
  memorySnapshotStore,
  memoryStore,
  openDeadlines,
  type Command,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testProfile, testRulePack, type GivenCommand } from '@certflow/core/testing';
import { centre, cmd, ISSUED, org, SUBMITTED } from './scenario.fixtures.js';

type Extra = Partial<Parameters<typeof createEngine>[0]>;
function setup(store: EventStore = memoryStore(), extra: Extra = {}) {
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
  return { store, engine, run, at: (iso: string) => (now = new Date(iso)) };
}
async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}
/** A store that records how many events each readStream returned. */
function counting(store: EventStore) {
  const reads: number[] = [];
  return {
    reads,
    store: {
      ...store,
      readStream: async (id: string, o?: Parameters<EventStore['readStream']>[1]) => {
        const r = await store.readStream(id, o);
        reads.push(r.length);
        return r;
      },
    },
  };
}
const APP = 'application-a1';
/** Supplement rounds: two events per round, each with its own commandId. */
const rounds = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => [
    cmd('RequestSupplement', centre, { items: [`m${from + i}`] }, APP, '2020-06-02T10:00:00+08:00'),
    cmd('SupplementApplication', org, testProfile(), APP, '2020-06-02T11:00:00+08:00'),
  ]).flat();

describe('execute with snapshots', () => {
  it('reads only the events after the snapshot', async () => {
    const snapshots = memorySnapshotStore();
    const base = setup(memoryStore(), { snapshots, snapshotEvery: 10 });
    await base.run([...SUBMITTED, ...rounds(30)]);
    const { reads, store } = counting(base.store);
    const { engine } = setup(store, { snapshots, snapshotEvery: 10 });
    const r = await engine.applications.requestSupplement({
      streamId: APP,
      actor: centre,
      payload: { items: ['late'] },
    });
    expect(r.version).toBe(62);
    expect(reads.length).toBe(1);
    expect(reads[0]).toBeLessThan(10);
    expect(r.state).toEqual(await setup(base.store).engine.load(APP));
  });

  it('a command repeated after a snapshot was taken past it returns the first result and appends nothing', async () => {
    const snapshots = memorySnapshotStore();
    const { store, engine, run } = setup(memoryStore(), { snapshots, snapshotEvery: 3 });
    const submit = SUBMITTED[0]!;
    const middle = rounds(1, 100);
    await run([submit]);
    const { at: _a, ...submitCommand } = submit;
    const first = await engine.execute(submitCommand as Command);
    await run(rounds(5));
    await run(middle);
    const { at: _b, ...middleCommand } = middle[1]!;
    const middleFirst = await setup(store).engine.execute(middleCommand as Command);
    await run(rounds(5, 200));
    const before = await all(store);
    expect((await snapshots.get(APP))!.version).toBeGreaterThan(middleFirst.version);

    const { reads, store: watched } = counting(store);
    const snap = setup(watched, { snapshots, snapshotEvery: 3 }).engine;
    expect(await snap.execute(submitCommand as Command)).toEqual(first);
    expect(await snap.execute(middleCommand as Command)).toEqual(middleFirst);
    expect(await setup(store).engine.execute(middleCommand as Command)).toEqual(middleFirst);
    expect(await all(store)).toEqual(before);
    expect(reads.length).toBeGreaterThan(0);
  });

  it.each([1, 2, 5])(
    'a full lifecycle records the same events with a snapshot every %i events, and tick and deadlines agree',
    async (snapshotEvery) => {
      const plain = setup();
      const snap = setup(memoryStore(), { snapshots: memorySnapshotStore(), snapshotEvery });
      const history = [
        ...ISSUED.slice(0, 4),
        cmd(
          'SubmitApplication',
          org,
          { ...testProfile(), rulePack: 'test-pack' },
          'application-b1',
          '2020-06-10T10:00:00+08:00',
        ),
        ...ISSUED.slice(4),
      ];
      await plain.run(history);
      await snap.run(history);
      const tickId = (id: string) => (id.startsWith('tick-') ? 'tick' : id);
      const strip = (es: StoredEvent[]) =>
        es.map(({ streamId, type, data, meta, version }) => ({
          streamId,
          type,
          data,
          version,
          meta: { ...meta, commandId: tickId(meta.commandId), correlationId: tickId(meta.correlationId) },
        }));
      expect(strip(await all(snap.store))).toEqual(strip(await all(plain.store)));
      for (const now of ['2020-06-20T09:00:00+08:00', '2020-07-30T09:00:00+08:00', '2023-07-01T09:00:00+08:00']) {
        expect(await snap.engine.deadlines({ now: new Date(now) })).toEqual(
          await plain.engine.deadlines({ now: new Date(now) }),
        );
        const ticked = [await snap.engine.tick(new Date(now)), await plain.engine.tick(new Date(now))].map((es) =>
          es.map((e) => [e.streamId, e.type, e.data]),
        );
        expect(ticked[0]).toEqual(ticked[1]);
      }
      expect(strip(await all(snap.store))).toEqual(strip(await all(plain.store)));
    },
  );

  it('ignores a snapshot of another machine version or without an index', async () => {
    const snapshots = memorySnapshotStore();
    const { store, run } = setup(memoryStore(), { snapshots, snapshotEvery: 2 });
    await run([...SUBMITTED, ...rounds(3)]);
    const stored = (await snapshots.get(APP))!;
    const expected = await setup(store).engine.load(APP);
    await snapshots.set({ ...stored, machineVersion: 'other' });
    expect(await setup(store, { snapshots }).engine.load(APP)).toEqual(expected);
    const { index: _i, ...noIndex } = stored;
    await snapshots.set(noIndex as typeof stored);
    const { reads, store: watched } = counting(store);
    expect(await setup(watched, { snapshots, snapshotEvery: 100 }).engine.load(APP)).toEqual(expected);
    expect(reads).toEqual([expected.version]);
  });
});

describe('deadlines from the OpenDeadlines read model', () => {
  it('lists what a read of the whole log lists, without reading the log', async () => {
    const { store, engine, run } = setup();
    await run(ISSUED.slice(0, 8));
    const model = await openDeadlines(store, { rulePacks: [testRulePack], calendar: testCalendar() });
    let reads = 0;
    const watched = setup({ ...store, readAll: (o) => (reads++, store.readAll(o)) }).engine;
    for (const now of ['2020-06-12T09:00:00+08:00', '2020-06-25T09:00:00+08:00']) {
      const whole = await engine.deadlines({ now: new Date(now) });
      expect(whole.length).toBeGreaterThan(0);
      expect(await watched.deadlines({ now: new Date(now), from: model })).toEqual(whole);
    }
    expect(reads).toBe(0);
    await model.stop();
  });
});
