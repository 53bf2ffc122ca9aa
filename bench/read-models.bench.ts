// Folding the log into the three read models: events/s of `project()` for the
// filing catalog, the certificate registry and the open deadlines, against a
// baseline loop that reads the same events (counting them per stream), at
// growing log sizes. A linear fold keeps its rate as the log and the number of
// streams grow; a fold that copies per-stream maps on every event falls off.
// Then `snapshot()` (a deep copy) of each model at the largest size.
//
//   node --import tsx bench/read-models.bench.ts [events]   (default 200000)
import {
  certificateRegistryProjection,
  filingCatalogProjection,
  memoryStore,
  openDeadlinesProjection,
  project,
  type Projection,
  type StoredEvent,
} from '@certflow/core';
import { testRulePack } from '@certflow/core/testing';
import { runStory, storyEngine } from '../packages/core/src/readModels/readModels.fixtures.js';

const TOTAL = Number(process.argv[2] ?? 200_000);
const ROUNDS = 3;

// One story from the engine (two filings, a pending application, an exam with
// certificates, suspensions and revocations), copied with fresh stream ids and
// certificate numbers until the log holds TOTAL events.
const store = memoryStore();
const { numbers } = await runStory(storyEngine(store));
const story: StoredEvent[] = [];
for await (const e of store.readAll()) story.push(e);
const storyJson = JSON.stringify(story);
const events: StoredEvent[] = [];
for (let k = 0; events.length < TOTAL; k++) {
  let text = storyJson.replace(/"(application|exam|quota)-([^"]+)"/g, `"$1-$2-c${k}"`);
  for (const n of numbers) text = text.replaceAll(n, `${n}C${k}`);
  for (const e of JSON.parse(text) as StoredEvent[]) {
    if (events.length === TOTAL) break;
    events.push({ ...e, position: events.length + 1 });
  }
}
const streams = new Set(events.map((e) => e.streamId)).size;
console.log(
  `${events.length.toLocaleString('en')} events over ${streams.toLocaleString('en')} streams (copies of a ${story.length}-event story), best of ${ROUNDS}`,
);

function best(fn: () => unknown): number {
  fn(); // warm-up
  let ms = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

/** The baseline: read every event and count it under its stream. */
function readLoop(list: StoredEvent[]): number {
  const seen = new Map<string, number>();
  for (const e of list) seen.set(e.streamId, (seen.get(e.streamId) ?? 0) + 1);
  return seen.size;
}

const projections: Projection<unknown>[] = [
  filingCatalogProjection({ rulePacks: [testRulePack] }),
  certificateRegistryProjection(),
  openDeadlinesProjection(),
] as Projection<unknown>[];
const sizes = [TOTAL / 4, TOTAL / 2, TOTAL].map(Math.floor);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en').padStart(12);

console.log(
  `${'events'.padEnd(24)}${sizes.map((n) => fmt(n)).join('')}   (events/s; ratio to the read loop at the largest size)`,
);
const baseline = sizes.map((n) =>
  rate(
    n,
    best(() => readLoop(events.slice(0, n))),
  ),
);
console.log(`${'read loop (baseline)'.padEnd(24)}${baseline.map(fmt).join('')}`);
for (const p of projections) {
  const rates = sizes.map((n) => {
    const slice = events.slice(0, n);
    return rate(
      n,
      best(() => project(p, slice)),
    );
  });
  console.log(
    `${p.name.padEnd(24)}${rates.map(fmt).join('')}   ${(rates[rates.length - 1]! / baseline[baseline.length - 1]!).toPrecision(2)}x`,
  );
}

console.log(`\nsnapshot (deep copy) of the state after ${events.length.toLocaleString('en')} events:`);
for (const p of projections) {
  const projected = project(p, events);
  const ms = best(() => structuredClone(projected));
  console.log(`${p.name.padEnd(24)}${ms.toFixed(1).padStart(10)} ms`);
}
