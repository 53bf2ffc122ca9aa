// The free public certificate query (公开查询) from the certificate registry
// read model: lookups/s of `queryCertificatePublic` (number, name and 身份证号
// matched against the registry's salted holder commitment) against a baseline
// that looks the number up with `lookupCertificate` and compares the name in
// clear, in the same process on the same registry. Target: ≥ 10,000 lookups/s.
//
//   node --import tsx bench/public-query.bench.ts [certificates]   (default 100000)
import {
  certificateRegistryProjection,
  lookupCertificate,
  memoryStore,
  project,
  queryCertificatePublic,
  type StoredEvent,
} from '@certflow/core';
import { testRoster } from '@certflow/core/fixtures';
import { runStory, storyEngine } from '../packages/core/src/readModels/readModels.fixtures.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const QUERIES = 200_000;

const store = memoryStore();
const { numbers } = await runStory(storyEngine(store));
const story: StoredEvent[] = [];
for await (const e of store.readAll()) story.push(e);
const storyJson = JSON.stringify(story);
const events: StoredEvent[] = [];
const issued: string[] = [];
for (let k = 0; issued.length < TOTAL; k++) {
  let text = storyJson.replace(/"(application|exam|quota)-([^"]+)"/g, `"$1-$2-c${k}"`);
  for (const n of numbers) text = text.replaceAll(n, `${n}C${k}`);
  for (const e of JSON.parse(text) as StoredEvent[]) {
    events.push({ ...e, position: events.length + 1, hash: `${e.hash.slice(0, 56)}${String(k).padStart(8, '0')}` });
    if (e.type === 'CertificateIssued') issued.push((e.data as { number: string }).number);
  }
}
const state = project(certificateRegistryProjection(), events).state;
const holders = new Map(testRoster().map((c) => [c.name, c.idNumber]));
const queries = issued.map((number) => {
  const name = state.certificates[number]!.holderName;
  return { number, name, idNumber: holders.get(name)! };
});

function rate(label: string, fn: (q: (typeof queries)[number]) => boolean): number {
  let ok = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < QUERIES; i++) if (fn(queries[i % queries.length]!)) ok++;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (ok !== QUERIES) throw new Error(`${label}: ${QUERIES - ok} queries did not match`);
  const r = QUERIES / s;
  console.log(`${label.padEnd(44)} ${Math.round(r).toLocaleString('en')} lookups/s`);
  return r;
}

console.log(`registry of ${issued.length.toLocaleString('en')} certificates, ${QUERIES.toLocaleString('en')} queries`);
const base = rate(
  'baseline: lookupCertificate + name in clear',
  (q) => lookupCertificate(state, q.number)?.holderName === q.name,
);
const pub = rate(
  'queryCertificatePublic (commitment opened)',
  (q) => queryCertificatePublic(state, q).status !== 'not-found',
);
console.log(
  `public query ÷ baseline: ${(pub / base).toFixed(2)}×; target ≥ 10,000 lookups/s: ${pub >= 10_000 ? 'met' : 'missed'}`,
);
