// The free public certificate query (公开查询) from the certificate registry
// read model: lookups/s of `queryCertificatePublic` (number, name and 身份证号
// matched against the registry's salted holder commitment) against a baseline
// that looks the number up with `lookupCertificate` and compares the name in
// clear, in the same process on the same registry. Target: ≥ 10,000 lookups/s.
//
// Format 2 (holders as tokens, opened with the vault's salts): registry.queryCertificate on a
// memory, SQLite and PostgreSQL store (see below).
//
//   node --import tsx bench/public-query.bench.ts [certificates]   (default 100000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  certificateRegistry,
  certificateRegistryProjection,
  createEngine,
  idCardCheckCharacter,
  lookupCertificate,
  memoryStore,
  parsePersonalToken,
  project,
  queryCertificatePublic,
  type Command,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testRoster } from '@certflow/core/fixtures';
import { testCalendar, testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';
import { postgresStore } from '@certflow/store-postgres';
import { sqliteStore } from '@certflow/store-sqlite';
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

// ---- format 2: the holder's name and 身份证号 are tokens; the registry opens them with the vault's salts ----
// A log of EXAMS exams of 30 candidates (every one a new person, who passes) written by the
// engine on a store with a vault, imported with its vault rows into SQLite and PostgreSQL;
// then `registry.queryCertificate` (what the public GET calls) is timed on each store against
// the registry's `lookup` by number in the same process.
const EXAMS = Number(process.env.BENCH_EXAMS ?? 40);
const F2_QUERIES = Number(process.env.BENCH_F2_QUERIES ?? 20_000);
const source = memoryStore({ personal: true });
const people: { idNumber: string; name: string }[] = [];
{
  let now = new Date('2020-06-01T10:00:00+08:00');
  const engine = createEngine({ store: source, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  let n = 0;
  const org = { id: 'org-1', role: 'applicant' } as const;
  const centre = { id: 'centre-jinan', role: 'city-center' } as const;
  const run = async (
    type: string,
    actor: { id: string; role: string },
    payload: unknown,
    streamId: string,
    day: string,
  ) => {
    now = new Date(`2020-06-${day}T10:00:00+08:00`);
    await engine.execute({ type, streamId, actor, commandId: `c-${++n}`, payload } as Command);
  };
  await run('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, 'application-a1', '01');
  await run('AcceptApplication', centre, {}, 'application-a1', '02');
  await run('StartPublicity', centre, {}, 'application-a1', '03');
  await run('CompleteFiling', centre, { organizationCode: '0001' }, 'application-a1', '10');
  for (let x = 0; x < EXAMS; x++) {
    const roster = Array.from({ length: 30 }, () => {
      const k = people.length;
      const body = `3701021990${String(1 + (Math.floor(k / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(k / 12000) % 28)).padStart(2, '0')}${String(k % 1000).padStart(3, '0')}`;
      const p = { idNumber: body + idCardCheckCharacter(body), name: `考生${k}` };
      people.push(p);
      return p;
    });
    const exam = `exam-q${x}`;
    await run('PlanExam', org, { ...testExamPlan('application-a1', '2020-06-22'), roster }, exam, '11');
    await run('FileExamPlan', org, {}, exam, '15');
    await run(
      'RecordResults',
      org,
      { results: roster.map((c) => ({ idNumber: c.idNumber, passed: true, score: 80 })) },
      exam,
      '22',
    );
    await run('StartResultsPublicity', org, {}, exam, '23');
    await run('ConfirmResults', centre, {}, exam, '30');
    await run('IssueCertificates', org, {}, exam, '30');
  }
}
const f2log: StoredEvent[] = [];
for await (const e of source.readAll()) f2log.push(e);
const f2rows = await source.vault!.rows();
const byIdToken = new Map<string, { idNumber: string; name: string }>();
for (const r of f2rows)
  if (r.kind === 'id-number') byIdToken.set(r.subject, people.find((p) => p.idNumber === r.value)!);
const f2queries = f2log
  .filter((e) => e.type === 'CertificateIssued')
  .map((e) => {
    const d = e.data as { number: string; holder: { idNumber: string } };
    const p = byIdToken.get(parsePersonalToken(d.holder.idNumber)!.subject)!;
    return { number: d.number, name: p.name, idNumber: p.idNumber };
  });

async function f2rate(label: string, store: EventStore, queries: number): Promise<void> {
  const registry = await certificateRegistry(store);
  const time = async (fn: (q: (typeof f2queries)[number]) => Promise<boolean> | boolean): Promise<number> => {
    let ok = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < queries; i++) if (await fn(f2queries[i % f2queries.length]!)) ok++;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (ok !== queries) throw new Error(`${label}: ${queries - ok} queries did not match`);
    return queries / s;
  };
  const base = await time((q) => registry.lookup(q.number) !== undefined);
  // One pass first (warm-up, and whatever the registry loads on its first queries), then timed.
  await time(async (q) => (await registry.queryCertificate(q)).status === 'valid');
  const rate2 = await time(async (q) => (await registry.queryCertificate(q)).status === 'valid');
  console.log(
    `format 2, ${label.padEnd(11)} queryCertificate ${Math.round(rate2).toLocaleString('en').padStart(9)} lookups/s   registry lookup ${Math.round(base).toLocaleString('en').padStart(11)}/s   ratio ${(rate2 / base).toFixed(3)}; target ≥ 10,000 lookups/s: ${rate2 >= 10_000 ? 'met' : 'missed'}`,
  );
  await registry.stop();
}

console.log(
  `format 2: ${f2queries.length.toLocaleString('en')} certificates of ${people.length.toLocaleString('en')} people (${f2log.length.toLocaleString('en')} events)`,
);
await f2rate('memory', source, F2_QUERIES);
const qdir = mkdtempSync(join(tmpdir(), 'certflow-bench-query-'));
const sqlite = sqliteStore({ file: join(qdir, 'q.db'), personal: true });
await sqlite.importEvents(f2log, { personal: f2rows });
await f2rate('SQLite', sqlite, F2_QUERIES);
await sqlite.close();
rmSync(qdir, { recursive: true, force: true });
const PG_URL = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const qschema = `certflow_bench_query_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_URL });
const pgUp = await admin.connect().then(
  () => true,
  (e: unknown) => {
    console.log(`PostgreSQL skipped: ${(e as Error).message}`);
    return false;
  },
);
if (pgUp) {
  const store = postgresStore({ connectionString: PG_URL, schema: qschema, personal: true });
  try {
    await store.importEvents(f2log, { personal: f2rows });
    await f2rate('PostgreSQL', store, F2_QUERIES);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${qschema}" CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS "${qschema}_personal" CASCADE`);
    await admin.end();
  }
}
