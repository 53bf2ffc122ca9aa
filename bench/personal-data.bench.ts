// Personal data out of the hash chain (event format 2), against today's
// format-1 events, in the same process:
//
// 1. Appends of the demo's workload: every region's story (filings, exams,
//    results, certificates, refusals) through the engine, on a store without
//    a vault (format 1) and on one with (format 2: the engine commits each
//    personal value and writes the vault rows with the append).
// 2. Appends, worst case: the same exam events (a roster of 30 candidates, 身份证号 and
//    name each; then their 30 results) appended one per transaction, as
//    format 1 (values in clear, no vault) and as format 2 (what the engine
//    does: find each person's subject in the vault, commit every value,
//    write the events with their vault rows in the same transaction). Every
//    candidate is new, the worst case (a vault row per value). SQLite
//    (synchronous FULL) and PostgreSQL (CERTFLOW_PG_URL, default
//    postgres://postgres@127.0.0.1:5432/test; skipped if unreachable).
// 3. Verify: `certflow verify` (the built CLI, in a process of its own) of a
//    masked format-2 export (events verbatim, display forms on
//    certflowPersonal lines) against an unmasked format-1 export of the same
//    events, in events per second.
//
//   node --import tsx bench/personal-data.bench.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  markPersonalFormat,
  memoryStore,
  personalizePayload,
  personalToken,
  maskPersonalValue,
  type EventStore,
  type NewEvent,
  type PersonalVaultRow,
  type StoredEvent,
} from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';
import { postgresStore } from '@certflow/store-postgres';
import { bufferIo } from '../packages/cli/src/io.js';
import { runCli } from '../packages/cli/src/runCli.js';
import { exportHeader, toJsonlLine } from '../packages/cli/src/jsonl.js';
import { runDemo } from '../examples/quickstart/src/demo.js';
import { examEvents, meta, resultFields, rosterFields } from './personal/workload.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-bench-personal-'));
// Where the SQLite files live matters: synchronous FULL pays an fsync per append on a disk, none on tmpfs.
const FS_TYPES: Record<number, string> = {
  16914836: 'tmpfs',
  61267: 'ext4, on disk',
  1481003842: 'xfs, on disk',
  2435016766: 'btrfs, on disk',
  2035054128: 'overlayfs',
};
const fsType = statfsSync(dir).type;
console.log(`SQLite files in ${tmpdir()} (${FS_TYPES[fsType] ?? `filesystem type 0x${fsType.toString(16)}`})`);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 300);
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 20_000);

/** Appends every pair: format 1 (values in clear) on a store without a vault, format 2 (the engine's work) on one with. */
async function appendAll(store: EventStore, pairs: ReturnType<typeof examEvents>[], format2: boolean): Promise<number> {
  const started = performance.now();
  for (const [i, p] of pairs.entries()) {
    const streamId = `exam-b${i}`;
    for (const [v, [type, data, fields]] of (
      [
        ['ExamPlanned', p.plan, rosterFields],
        ['ResultsRecorded', p.results, resultFields],
      ] as const
    ).entries()) {
      if (!format2) {
        await store.append(streamId, [{ type, data: data as NewEvent['data'], meta: meta(i) }], { expectedVersion: v });
        continue;
      }
      const { payload, rows } = await personalizePayload(data, fields, store.vault!);
      const event = markPersonalFormat({ type, data: payload as NewEvent['data'], meta: meta(i) }, fields);
      await store.append(
        streamId,
        [event],
        rows.length > 0 ? { expectedVersion: v, personal: rows } : { expectedVersion: v },
      );
    }
  }
  return performance.now() - started;
}

async function appendBench(
  label: string,
  open: (personal: boolean) => EventStore | Promise<EventStore>,
): Promise<void> {
  const pairs = Array.from({ length: APPENDS }, (_, i) => examEvents(i));
  // Warm both paths once, then time them alternately (two rounds each).
  const times = { f1: 0, f2: 0 };
  for (let round = 0; round < 3; round++) {
    const plain = await open(false);
    const t1 = await appendAll(plain, round === 0 ? pairs.slice(0, 20) : pairs, false);
    await plain.close();
    const vaulted = await open(true);
    const t2 = await appendAll(vaulted, round === 0 ? pairs.slice(0, 20) : pairs, true);
    await vaulted.close();
    if (round > 0) {
      times.f1 += t1;
      times.f2 += t2;
    }
  }
  const per = (ms: number) => `${((2 * APPENDS * 2) / (ms / 1000)).toFixed(0).padStart(6)} appends/s`;
  console.log(
    `${`30-candidate exams, ${label}`.padEnd(24)} format 1 ${per(times.f1)}   format 2 with vault ${per(times.f2)}   time ratio ${(times.f2 / times.f1).toFixed(2)}× (target ≤ 1.25×)`,
  );
}

/** The demo's stories on a store: time of the engine's work, all appends included. */
async function demoBench(label: string, open: (personal: boolean) => EventStore | Promise<EventStore>): Promise<void> {
  const times = { f1: 0, f2: 0 };
  let events = 0;
  for (let round = 0; round < 3; round++) {
    for (const personal of [false, true]) {
      const store = await open(personal);
      const started = performance.now();
      const demo = await runDemo(store);
      const ms = performance.now() - started;
      await store.close();
      if (!demo.verify.ok) throw new Error(`${label}: the demo log does not verify`);
      events = demo.events;
      if (round > 0) times[personal ? 'f2' : 'f1'] += ms;
    }
  }
  console.log(
    `${label.padEnd(24)} format 1 ${(times.f1 / 2).toFixed(0).padStart(5)} ms   format 2 with vault ${(times.f2 / 2).toFixed(0).padStart(5)} ms   time ratio ${(times.f2 / times.f1).toFixed(2)}× (target ≤ 1.25×; ${events} events)`,
  );
}

let files = 0;
const PG_URL = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const probe = new pg.Client({ connectionString: PG_URL });
const schemas: string[] = [];
const pgStore = (personal: boolean) => {
  const schema = `certflow_bench_personal_${process.pid}_${++files}`;
  schemas.push(schema);
  return postgresStore({ connectionString: PG_URL, schema, personal });
};
let pgUp = true;
await probe.connect().catch((e: unknown) => {
  pgUp = false;
  console.log(`PostgreSQL skipped: ${(e as Error).message}`);
});

await demoBench('demo stories, SQLite', (personal) => sqliteStore({ file: join(dir, `d-${++files}.db`), personal }));
if (pgUp) await demoBench('demo stories, PostgreSQL', pgStore);
await appendBench('SQLite', (personal) => sqliteStore({ file: join(dir, `a-${++files}.db`), personal }));

try {
  if (pgUp) await appendBench('PostgreSQL', pgStore);
} finally {
  for (const s of schemas) {
    await probe.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await probe.query(`DROP SCHEMA IF EXISTS "${s}_personal" CASCADE`).catch(() => undefined);
  }
  await probe.end().catch(() => undefined);
}

// ---- verify: a masked format-2 export against an unmasked format-1 export of the same events ----
const pairs = Array.from({ length: VERIFY_EVENTS / 2 }, (_, i) => examEvents(i));
const f1 = memoryStore();
const f2 = memoryStore({ personal: true });
await appendAll(f1, pairs, false);
await appendAll(f2, pairs, true);
const read = async (s: EventStore) => {
  const out: StoredEvent[] = [];
  for await (const e of s.readAll()) out.push(e);
  return out;
};
const unmaskedFile = join(dir, 'unmasked.jsonl');
writeFileSync(unmaskedFile, [exportHeader(false), ...(await read(f1))].map(toJsonlLine).join(''));
const maskedFile = join(dir, 'masked.jsonl');
/** Display lines as `certflow export` writes them: up to 1,000 forms a line. */
const displayLines = (rows: PersonalVaultRow[]) => {
  const out: { certflowPersonal: { display: Record<string, string> } }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    out.push({
      certflowPersonal: {
        display: Object.fromEntries(
          rows
            .slice(i, i + 1000)
            .map((r) => [personalToken(r.subject, r.commitment), maskPersonalValue(r.kind, String(r.value))]),
        ),
      },
    });
  }
  return out;
};
const vaultRows2 = await f2.vault!.rows();
const display = displayLines(vaultRows2);
writeFileSync(maskedFile, [exportHeader(true, 'display'), ...display, ...(await read(f2))].map(toJsonlLine).join(''));

// `certflow verify` as an auditor runs it: the built CLI in a process of its own, worker threads
// included (a file of 8 MB or more on 2 cores or more), its start-up in the time.
const builtCli = join(import.meta.dirname, '../packages/cli/dist/bin.js');
if (!existsSync(builtCli)) throw new Error('the verify half runs the built CLI: pnpm build first');
async function verifyRate(file: string, ...more: string[]): Promise<number> {
  const started = performance.now();
  const r = spawnSync(process.execPath, [builtCli, 'verify', file, ...more], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`verify ${file} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return VERIFY_EVENTS / (ms / 1000);
}
// The format-2 events alone (a --unmasked export of them: no display lines), to tell the events' own cost from the lines'.
const eventsOnlyFile = join(dir, 'format2-events.jsonl');
writeFileSync(eventsOnlyFile, [exportHeader(false), ...(await read(f2))].map(toJsonlLine).join(''));
await verifyRate(unmaskedFile);
await verifyRate(maskedFile);
let r1 = 0;
let r2 = 0;
let r3 = 0;
let r4 = 0;
for (let i = 0; i < 3; i++) {
  r1 += await verifyRate(unmaskedFile);
  r2 += await verifyRate(maskedFile);
  r3 += await verifyRate(eventsOnlyFile);
  r4 += await verifyRate(maskedFile, '--threads', '1');
}
console.log(
  `verify                   masked format-2 export on the main thread alone (--threads 1) ${(r4 / 3).toFixed(0)} events/s   ratio ${(r4 / r1).toFixed(2)}`,
);
console.log(
  `verify                   format-2 events without display lines ${(r3 / 3).toFixed(0)} events/s   ratio ${(r3 / r1).toFixed(2)}`,
);
console.log(
  `verify                   unmasked format-1 export ${(r1 / 3).toFixed(0)} events/s   masked format-2 export ${(r2 / 3).toFixed(0)} events/s   ratio ${(r2 / r1).toFixed(2)} (target ≈ 1.00, ${VERIFY_EVENTS} events, ${vaultRows2.length} display forms)`,
);
const mb = (file: string, rate: number) => ((statSync(file).size / VERIFY_EVENTS) * rate) / 1e6;
console.log(
  `verify, bytes            unmasked format-1 export ${mb(unmaskedFile, r1 / 3).toFixed(1)} MB/s (${(statSync(unmaskedFile).size / 1e6).toFixed(0)} MB)   masked format-2 export ${mb(maskedFile, r2 / 3).toFixed(1)} MB/s (${(statSync(maskedFile).size / 1e6).toFixed(0)} MB)   ratio ${(mb(maskedFile, r2 / 3) / mb(unmaskedFile, r1 / 3)).toFixed(2)}`,
);

// The same on the demo's log (a realistic mix: most events hold no personal value), verified 20 times each.
const demo1 = memoryStore();
const demo2 = memoryStore({ personal: true });
await runDemo(demo1);
await runDemo(demo2);
const demoUnmasked = join(dir, 'demo-unmasked.jsonl');
writeFileSync(demoUnmasked, [exportHeader(false), ...(await read(demo1))].map(toJsonlLine).join(''));
const demoMasked = join(dir, 'demo-masked.jsonl');
const demoDisplay = displayLines(await demo2.vault!.rows());
writeFileSync(
  demoMasked,
  [exportHeader(true, 'display'), ...demoDisplay, ...(await read(demo2))].map(toJsonlLine).join(''),
);
const demoEvents = (await read(demo1)).length;
async function verifyTimes(file: string, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const io = bufferIo({ cwd: dir });
    if ((await runCli(['verify', file], io)) !== 0) throw new Error(`verify ${file}: ${io.out()}`);
  }
  return (n * demoEvents) / ((performance.now() - started) / 1000);
}
await verifyTimes(demoUnmasked, 3);
await verifyTimes(demoMasked, 3);
const d1 = await verifyTimes(demoUnmasked, 20);
const d2 = await verifyTimes(demoMasked, 20);
console.log(
  `verify (demo log)        unmasked format-1 export ${d1.toFixed(0)} events/s   masked format-2 export ${d2.toFixed(0)} events/s   ratio ${(d2 / d1).toFixed(2)} (target ≈ 1.00, ${demoEvents} events)`,
);
rmSync(dir, { recursive: true, force: true });
