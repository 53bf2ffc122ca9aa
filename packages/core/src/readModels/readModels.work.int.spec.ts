// Folding is linear: no projection copies a whole map per event, the
// open-deadlines projection advances each stream's machine by one transition
// per event, and the copies handed out (snapshot(), project's `from`) are
// independent of the live state. Work is counted, never timed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../event.js';
import { memoryStore } from '../memoryStore.js';
import { testRulePack } from '../testing/fixtures.js';
import { testCalendar } from '../testing/testCalendar.js';
import { certificateRegistryProjection, CertificateRegistry } from './certificateRegistry.js';
import { filingCatalogProjection } from './filingCatalog.js';
import { dueDeadlines, openDeadlinesProjection } from './openDeadlines.js';
import { project, type Projection } from './projection.js';
import { CENTRE, runStory, storyEngine } from './readModels.fixtures.js';

// Counts every event handed to the machines' fold, wherever it is called from.
const folds = vi.hoisted(() => ({ events: 0 }));
vi.mock('../streams/fold.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../streams/fold.js')>();
  return {
    ...original,
    foldEvents: (
      machine: Parameters<typeof original.foldEvents>[0],
      events: Parameters<typeof original.foldEvents>[1],
      from?: Parameters<typeof original.foldEvents>[2],
    ) => {
      const list = [...events];
      folds.events += list.length;
      return original.foldEvents(machine, list, from);
    },
  };
});

async function storyEvents(): Promise<{
  events: StoredEvent[];
  store: ReturnType<typeof memoryStore>;
  s: ReturnType<typeof storyEngine>;
  numbers: string[];
}> {
  const store = memoryStore();
  const s = storyEngine(store);
  const { numbers } = await runStory(s);
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return { events, store, s, numbers };
}

/** A proxy over a map or list that counts enumerations (what a spread or a copy does) and reads. */
function counted<T extends object>(target: T) {
  const count = { ownKeys: 0, gets: 0, iterations: 0 };
  const proxy = new Proxy(target, {
    ownKeys(t) {
      count.ownKeys++;
      return Reflect.ownKeys(t);
    },
    get(t, k, r) {
      if (k === Symbol.iterator) count.iterations++;
      else count.gets++;
      return Reflect.get(t, k, r);
    },
  });
  return { proxy, count };
}

const ctx = { rulePacks: [testRulePack], calendar: testCalendar() };

describe('folding is linear', () => {
  beforeEach(() => {
    folds.events = 0;
  });

  const projections = [
    filingCatalogProjection({ rulePacks: [testRulePack] }),
    certificateRegistryProjection(),
    openDeadlinesProjection(),
  ] as unknown as Projection<Record<string, object>>[];

  it.each(projections.map((p) => [p.name, p] as const))(
    '%s: no event copies or enumerates a whole map of the state, and the maps stay the same objects',
    async (_name, p) => {
      const { events } = await storyEvents();
      const state = p.initial();
      const counts: Record<string, { ownKeys: number; gets: number; iterations: number }> = {};
      const proxies: Record<string, object> = {};
      for (const [k, v] of Object.entries(state)) {
        const { proxy, count } = counted(v);
        state[k] = proxy;
        proxies[k] = proxy;
        counts[k] = count;
      }
      let folded = state;
      for (const e of events) folded = p.apply(folded, e);
      for (const k of Object.keys(proxies)) {
        expect(folded[k], k).toBe(proxies[k]);
        expect(counts[k]!.ownKeys, `${k} enumerated`).toBe(0);
        expect(counts[k]!.iterations, `${k} iterated`).toBe(0);
        // A handful of reads per event at most (the version check, the record an event changes), whatever the number of streams.
        expect(counts[k]!.gets, `${k} reads`).toBeLessThanOrEqual(4 * events.length);
      }
      // Folding through the counting proxies gives what project() gives.
      expect(JSON.parse(JSON.stringify(folded))).toEqual(JSON.parse(JSON.stringify(project(p, events).state)));
    },
  );

  it('open-deadlines: a stream of n events costs n machine transitions, and a state read back from JSON refolds its kept events once', async () => {
    const { events } = await storyEvents();
    const submitted = events.find((e) => e.streamId === 'application-a3')!;
    const n = 300;
    const stream: StoredEvent[] = [submitted];
    for (let v = 2; v <= n; v++)
      stream.push({ ...submitted, version: v, position: 1000 + v, type: 'Noted', data: { v } });
    const p = openDeadlinesProjection();
    folds.events = 0;
    const projected = project(p, stream);
    expect(folds.events).toBe(n);
    expect(projected.state.streams['application-a3']).toMatchObject({ done: false });
    expect(projected.state.streams['application-a3']!.events).toHaveLength(n);

    // Restored from JSON: the first new event refolds the n kept events once, the next costs one transition.
    const kept = JSON.parse(JSON.stringify(projected));
    folds.events = 0;
    const more = [n + 1, n + 2].map((v) => ({
      ...submitted,
      version: v,
      position: 1000 + v,
      type: 'Noted',
      data: { v },
    }));
    const resumed = project(p, more, kept);
    expect(folds.events).toBe(n + 2);
    expect(resumed.state.streams['application-a3']!.events).toHaveLength(n + 2);
    folds.events = 0;
    project(p, [{ ...submitted, version: n + 3, position: 1000 + n + 3, type: 'Noted', data: {} }], resumed);
    // project() copied `resumed` (new objects): its kept events are refolded once more, plus the new one.
    expect(folds.events).toBe(n + 2 + 1);
  });

  it('open-deadlines: folding the rest of the log over a state read back from JSON lists what engine.deadlines lists', async () => {
    const { events, s } = await storyEvents();
    const p = openDeadlinesProjection();
    const half = Math.floor(events.length / 2);
    const kept = JSON.parse(JSON.stringify(project(p, events.slice(0, half))));
    const resumed = project(p, events.slice(half), kept);
    expect(resumed).toEqual(project(p, events));
    for (const iso of ['2020-06-12T12:00:00+08:00', '2020-06-29T12:00:00+08:00', '2020-07-07T12:00:00+08:00']) {
      const now = new Date(iso);
      expect(dueDeadlines(resumed.state, ctx, now), iso).toEqual(await s.engine.deadlines({ now }));
    }
  });
});

describe('the copies handed out are independent of the live state', () => {
  it('snapshot() is a deep copy: changing it changes nothing in the model, and later events do not change it', async () => {
    const { store, s, numbers } = await storyEvents();
    const registry = new CertificateRegistry(store);
    await registry.waitUntilCaughtUp();
    const before = registry.snapshot();
    const live = JSON.stringify(registry.snapshot());

    before.state.certificates[numbers[0]!]!.status = 'revoked';
    delete before.state.certificates[numbers[1]!];
    before.state.versions['exam-e1'] = 0;
    before.position = 0;
    expect(JSON.stringify(registry.snapshot())).toBe(live);
    expect(registry.lookup(numbers[0]!)?.status).toBe('valid');

    const earlier = registry.snapshot();
    const earlierJson = JSON.stringify(earlier);
    const record = registry.lookup(numbers[0]!)!;
    s.at('2020-07-08T09:00:00+08:00');
    await s.engine.certificates.revoke({
      streamId: `certificate-${numbers[0]}`,
      actor: CENTRE,
      payload: { reason: '证书信息有误' },
    });
    await registry.waitUntilCaughtUp();
    expect(registry.lookup(numbers[0]!)?.status).toBe('revoked');
    expect(JSON.stringify(earlier)).toBe(earlierJson);
    // A record a query returned earlier keeps what it said (records are replaced, not edited).
    expect(record.status).toBe('valid');
    await registry.stop();
  });

  it('a state passed as `from` is copied: the model folding new events leaves it as it was', async () => {
    const { store, s, numbers } = await storyEvents();
    const first = new CertificateRegistry(store);
    await first.waitUntilCaughtUp();
    const from = first.snapshot();
    const fromJson = JSON.stringify(from);
    await first.stop();

    s.at('2020-07-08T09:00:00+08:00');
    await s.engine.certificates.revoke({
      streamId: `certificate-${numbers[0]}`,
      actor: CENTRE,
      payload: { reason: '证书信息有误' },
    });
    const resumed = new CertificateRegistry(store, { from, subscriptionName: 'registry-resumed' });
    await resumed.waitUntilCaughtUp();
    expect(resumed.applied).toBe(1);
    expect(resumed.lookup(numbers[0]!)?.status).toBe('revoked');
    expect(JSON.stringify(from)).toBe(fromJson);
    await resumed.stop();
  });
});
