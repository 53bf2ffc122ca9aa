// The worst case of bench/personal-data.bench.ts alone, for profiling: exam
// events with a roster of 30 new candidates (身份证号 and name each), then their
// 30 results, one append per transaction, as format 1 (values in clear, no
// vault) and format 2 (personalizePayload, then the append with its vault
// rows), on SQLite or on PostgreSQL (BENCH_STORE=postgres; CERTFLOW_PG_URL,
// default postgres://postgres@127.0.0.1:5432/test). Prints, per append of each
// kind (roster, results), the CPU time of each part and the wall time of the
// store's calls: where the time of a format-2 append goes. The first exam of
// each store (migrations, the vault's secret) is not timed. Set TMPDIR to a
// tmpfs to leave fsync out of SQLite's numbers.
//
//   BENCH_APPENDS=300 node --import tsx bench/personal-appends.ts
//   BENCH_FORMAT=2 node --cpu-prof --import tsx bench/personal-appends.ts   (one format only)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { markPersonalFormat, personalizePayload, type EventStore, type NewEvent } from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';
import { postgresStore } from '@certflow/store-postgres';
import { examEvents, meta, resultFields, rosterFields } from './personal/workload.js';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 300);
const STORE = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite';
const FORMATS = process.env.BENCH_FORMAT ? [process.env.BENCH_FORMAT === '2'] : [false, true];
const dir = mkdtempSync(join(tmpdir(), 'certflow-bench-appends-'));

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Milliseconds of each part, summed over the appends of one kind. */
interface Parts {
  personalize: number;
  resolve: number;
  resolveWall: number;
  mark: number;
  append: number;
  appendWall: number;
  total: number;
  totalWall: number;
}
const PARTS: (keyof Parts)[] = [
  'personalize',
  'resolve',
  'resolveWall',
  'mark',
  'append',
  'appendWall',
  'total',
  'totalWall',
];
const zero = (): Parts => Object.fromEntries(PARTS.map((k) => [k, 0])) as unknown as Parts;
const KINDS = ['roster', 'results'] as const;
type Sums = Record<(typeof KINDS)[number], Parts>;
const sums = (): Sums => ({ roster: zero(), results: zero() });

/** Appends one pair (the roster, then the results) and adds the time of each part to `into`. */
async function appendPair(
  store: EventStore,
  p: ReturnType<typeof examEvents>,
  i: number,
  format2: boolean,
  into: Sums,
) {
  const streamId = `exam-b${i}`;
  const steps = [
    ['ExamPlanned', p.plan, rosterFields],
    ['ResultsRecorded', p.results, resultFields],
  ] as const;
  for (const [v, [type, data, fields]] of steps.entries()) {
    const parts = into[KINDS[v]!];
    const started = cpu();
    const startedWall = performance.now();
    if (!format2) {
      await store.append(streamId, [{ type, data: data as NewEvent['data'], meta: meta(i) }], { expectedVersion: v });
      parts.append += cpu() - started;
      parts.appendWall += performance.now() - startedWall;
    } else {
      const vault = {
        ...store.vault!,
        resolve: async (ids: readonly string[]) => {
          const t = cpu();
          const w = performance.now();
          const out = await store.vault!.resolve(ids);
          parts.resolve += cpu() - t;
          parts.resolveWall += performance.now() - w;
          return out;
        },
      };
      const { payload, rows } = await personalizePayload(data, fields, vault);
      let t = cpu();
      parts.personalize += t - started;
      const event = markPersonalFormat({ type, data: payload as NewEvent['data'], meta: meta(i) }, fields);
      parts.mark += cpu() - t;
      t = cpu();
      const w = performance.now();
      await store.append(
        streamId,
        [event],
        rows.length > 0 ? { expectedVersion: v, personal: rows } : { expectedVersion: v },
      );
      parts.append += cpu() - t;
      parts.appendWall += performance.now() - w;
    }
    parts.total += cpu() - started;
    parts.totalWall += performance.now() - startedWall;
  }
}

let files = 0;
const PG_URL = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];
const open = (personal: boolean): EventStore => {
  if (STORE === 'postgres') {
    const schema = `certflow_bench_appends_${process.pid}_${++files}`;
    schemas.push(schema);
    return postgresStore({ connectionString: PG_URL, schema, personal });
  }
  return sqliteStore({ file: join(dir, `a-${++files}.db`), personal });
};

const pairs = Array.from({ length: APPENDS }, (_, i) => examEvents(i));
const total = { f1: sums(), f2: sums() };
let timed = 0;
try {
  // A warm-up round of 20 exams, then two rounds, the formats taking turns.
  for (let round = 0; round < 3; round++) {
    const some = round === 0 ? pairs.slice(0, 20) : pairs;
    if (round > 0) timed += some.length - 1;
    for (const format2 of FORMATS) {
      const store = open(format2);
      await appendPair(store, some[0]!, 0, format2, sums());
      const into = round === 0 ? sums() : total[format2 ? 'f2' : 'f1'];
      for (let i = 1; i < some.length; i++) await appendPair(store, some[i]!, i, format2, into);
      await store.close();
    }
  }
} finally {
  if (schemas.length > 0) {
    const probe = new pg.Client({ connectionString: PG_URL });
    await probe.connect();
    for (const s of schemas) {
      await probe.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await probe.query(`DROP SCHEMA IF EXISTS "${s}_personal" CASCADE`);
    }
    await probe.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
const us = (ms: number) => `${((ms / timed) * 1000).toFixed(0).padStart(5)} µs`;
console.log(`${STORE}, ${timed} exams timed per format (one roster append and one results append each), per append:`);
for (const kind of KINDS) {
  const f1 = total.f1[kind];
  const f2 = total.f2[kind];
  console.log(`  ${kind}`);
  if (FORMATS.includes(false)) console.log(`    format 1  CPU ${us(f1.total)}   wall ${us(f1.totalWall)}`);
  if (FORMATS.includes(true)) {
    console.log(
      `    format 2  CPU ${us(f2.total)}   wall ${us(f2.totalWall)}   CPU: personalizePayload ${us(f2.personalize)} (vault.resolve ${us(f2.resolve)}), markPersonalFormat ${us(f2.mark)}, append ${us(f2.append)}   wall: vault.resolve ${us(f2.resolveWall)}, append ${us(f2.appendWall)}`,
    );
  }
  if (FORMATS.length === 2)
    console.log(
      `    ratio     CPU ${(f2.total / f1.total).toFixed(2)}×   wall ${(f2.totalWall / f1.totalWall).toFixed(2)}×`,
    );
}
