// Rebuilding state: certflow's fold (its fast pure step, one inert actor scope
// reused for the whole fold) against a live xstate actor (createActor + start
// + send) and against xstate's exported pure `transition()`, on the same
// realistic application histories (12 events), side by side in one process.
// Then long streams: load and execute, full fold vs snapshot.
//
//   node --import tsx bench/engine.bench.ts
import type { AnyStateMachine } from 'xstate';
import {
  applicationMachine,
  createEngine,
  foldEvents,
  memorySnapshotStore,
  memoryStore,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';

// xstate is a dependency of @certflow/core, not of the workspace root: load the
// very module core uses (Node import condition), so both sides share one copy.
const { createActor, initialTransition, transition } = (await import(
  new URL('../packages/core/node_modules/xstate/dist/xstate.cjs.mjs', import.meta.url).href
)) as typeof import('xstate');

const HISTORIES = 2_000;
const ROUNDS = 7;
const org = { id: 'org-1', role: 'applicant' as const };
const centre = { id: 'centre', role: 'city-center' as const };
const expert = { id: 'expert', role: 'expert' as const };

async function realisticHistory(): Promise<StoredEvent[]> {
  const store = memoryStore();
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  const s = 'application-bench';
  const review = {
    ...testProfile(),
    history: { consecutiveYears: 6, personTimesTotal: 5000, personTimesEvaluated: 2000 },
  };
  await engine.applications.submit({
    streamId: s,
    actor: org,
    payload: { ...review, materials: [], rulePack: 'test-pack' },
  });
  await engine.applications.requestSupplement({ streamId: s, actor: centre, payload: { items: ['work-plan'] } });
  await engine.applications.supplement({ streamId: s, actor: org, payload: review });
  await engine.applications.accept({ streamId: s, actor: centre });
  await engine.applications.recordEvaluation({
    streamId: s,
    actor: expert,
    payload: { findings: { 'evaluation-experience': { outcome: 'pass', note: '品牌' } } },
  });
  now = new Date('2020-06-03T09:00:00+08:00');
  await engine.applications.startPublicity({ streamId: s, actor: centre });
  await engine.applications.recordObjection({
    streamId: s,
    actor: { id: 'org-9', role: 'applicant' },
    payload: { objectionId: 'o1', text: '场地' },
  });
  await engine.applications.resolveObjection({
    streamId: s,
    actor: centre,
    payload: { objectionId: 'o1', upheld: false, resolution: '不成立' },
  });
  now = new Date('2020-06-10T09:00:00+08:00');
  await engine.applications.completeFiling({ streamId: s, actor: centre });
  const add = {
    add: [
      {
        code: '6-18-01-02',
        name: '铣工',
        levels: [5 as const],
        standard: 'national' as const,
        accessType: false,
        evaluators: 3,
      },
    ],
  };
  await engine.applications.amendScope({ streamId: s, actor: org, payload: add });
  await engine.applications.amendScope({ streamId: s, actor: centre, payload: {} });
  await engine.applications.suspend({ streamId: s, actor: centre, payload: { reason: '整改' } });
  return store.readStream(s);
}

/** Times several contenders round-robin (so none profits from running last), best round of each. */
function race(events: number, contenders: Record<string, () => unknown>): Record<string, number> {
  const best: Record<string, number> = {};
  for (const fn of Object.values(contenders)) fn(); // warm-up: let the JIT compile before timing
  for (let r = 0; r < ROUNDS; r++) {
    for (const [label, fn] of Object.entries(contenders)) {
      const t0 = performance.now();
      fn();
      best[label] = Math.min(best[label] ?? Infinity, performance.now() - t0);
    }
  }
  const rates = Object.fromEntries(Object.entries(best).map(([k, ms]) => [k, events / (ms / 1000)]));
  for (const [label, rate] of Object.entries(rates))
    console.log(`${label.padEnd(52)} ${Math.round(rate).toLocaleString('en').padStart(11)} events/s`);
  return rates;
}

const history = await realisticHistory();
const histories = Array.from({ length: HISTORIES }, () =>
  history.map((e) => ({ type: e.type, data: structuredClone(e.data) })),
);
const total = HISTORIES * history.length;
console.log(`${HISTORIES} application histories of ${history.length} events (${total} events), best of ${ROUNDS}`);

const machine = applicationMachine as AnyStateMachine;
const finalState = foldEvents(machine, histories[0]!).value;
const rates = race(total, {
  'certflow fold (fast step, one inert scope)': () => {
    for (const h of histories) foldEvents(machine, h);
  },
  'live actor (createActor + start + send)': () => {
    for (const h of histories) {
      const a = createActor(machine).start();
      for (const e of h) a.send(e as never);
      if (JSON.stringify(a.getSnapshot().value) !== JSON.stringify(finalState)) throw new Error('actor disagrees');
      a.stop();
    }
  },
  "xstate's exported transition() per event": () => {
    for (const h of histories) {
      let [s] = initialTransition(machine);
      for (const e of h) [s] = transition(machine, s, e as never);
    }
  },
});
const [fold, actor, pure] = Object.values(rates) as [number, number, number];
console.log(
  `fold / live actor: ${(fold / actor).toFixed(2)}x   fold / transition(): ${(fold / pure).toFixed(2)}x   (target: fold ≥ actor and ≥ 200,000 events/s)`,
);

// Long streams: loading is linear in events; a snapshot makes it O(events since the snapshot).
for (const n of [1_000, 10_000]) {
  const store = memoryStore();
  const sid = 'application-long';
  await store.append(sid, [history[0]!], { expectedVersion: 'no-stream' });
  const loop = Array.from({ length: n - 1 }, (_, i) => ({ ...history[i % 2 === 0 ? 1 : 2]!, meta: history[1]!.meta }));
  for (let v = 0; v < loop.length; v += 500)
    await store.append(
      sid,
      loop.slice(v, v + 500).map(({ type, data, meta }) => ({ type, data, meta })),
      { expectedVersion: v + 1 },
    );
  const snapshots = memorySnapshotStore();
  const plain = createEngine({ store, rulePacks: [testRulePack] });
  const snap = createEngine({ store, rulePacks: [testRulePack], snapshots, snapshotEvery: 50 });
  await snap.load(sid);
  await store.append(sid, [{ type: 'SupplementRequested', data: { items: ['x'] }, meta: history[1]!.meta }], {
    expectedVersion: n,
  });
  const t = async (e: typeof plain) => {
    let best = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      await e.load(sid);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const full = await t(plain);
  const fromSnapshot = await t(snap);
  console.log(
    `stream of ${n + 1} events: full load ${full.toFixed(2)} ms, from snapshot (+1 event) ${fromSnapshot.toFixed(2)} ms, ratio ${(full / fromSnapshot).toFixed(1)}x`,
  );
}

// Execute on a long stream: a command reads the stream (whole, or the snapshot
// and the events after it), checks it, and appends one event. Each event of the
// stream has its own commandId, so the snapshot's index holds one per event.
{
  const n = 10_000;
  const store = memoryStore();
  const sid = 'application-exec';
  await store.append(sid, [history[0]!], { expectedVersion: 'no-stream' });
  const loop = Array.from({ length: n - 1 }, (_, i) => ({
    type: history[i % 2 === 0 ? 1 : 2]!.type,
    data: history[i % 2 === 0 ? 1 : 2]!.data,
    meta: { ...history[1]!.meta, commandId: `loop-${i}`, correlationId: `loop-${i}` },
  }));
  for (let v = 0; v < loop.length; v += 500)
    await store.append(sid, loop.slice(v, v + 500), { expectedVersion: v + 1 });
  const clock = () => new Date('2020-06-04T09:00:00+08:00');
  const base = { store, rulePacks: [testRulePack], calendar: testCalendar(), clock };
  const engines = {
    full: createEngine(base),
    snapshot: createEngine({ ...base, snapshots: memorySnapshotStore(), snapshotEvery: 50 }),
  };
  await engines.snapshot.load(sid);
  let requested = true; // the stream ends on SupplementRequested
  const next = (e: typeof engines.full) => {
    requested = !requested;
    return requested
      ? e.applications.requestSupplement({ streamId: sid, actor: centre, payload: { items: ['x'] } })
      : e.applications.supplement({ streamId: sid, actor: org, payload: testProfile() });
  };
  const times: Record<string, number[]> = { full: [], snapshot: [] };
  for (let r = 0; r < ROUNDS * 3; r++) {
    for (const k of ['full', 'snapshot'] as const) {
      const t0 = performance.now();
      await next(engines[k]);
      times[k]!.push(performance.now() - t0);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [full, snap] = [median(times.full!), median(times.snapshot!)];
  console.log(
    `execute on a stream of ${n}+ events (median of ${ROUNDS * 3}, interleaved): full read and fold ${full.toFixed(2)} ms, from snapshot ${snap.toFixed(2)} ms, ratio ${(full / snap).toFixed(1)}x`,
  );
}
