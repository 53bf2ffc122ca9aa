// postgresStore against raw pg doing the same work on the same rows, in one process.
// Raw: one transaction with a multi-row INSERT per append, on a pool of 10.
// Needs PostgreSQL (CERTFLOW_PG_URL, default postgres://postgres@127.0.0.1:5432/test).
// Ratios are store throughput / raw throughput (1.00 = as fast as raw pg).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { EventStore, NewEvent } from '@certflow/core';
import { testEvent } from '@certflow/core/testing';
import { postgresStore } from '@certflow/store-postgres';

const url = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tag = randomBytes(3).toString('hex');
const storeSchema = `certflow_bench_store_${tag}`;
const rawSchema = `certflow_bench_raw_${tag}`;
const REPS = 3;

const store = postgresStore({ connectionString: url, schema: storeSchema, pool: { max: 10 } });
// The raw side writes to an identical table, created by the same migration.
const shape = postgresStore({ connectionString: url, schema: rawSchema });
await Promise.all([store.streamVersion('exam-warm'), shape.streamVersion('exam-warm')]);
await shape.close();
const raw = new pg.Pool({ connectionString: url, max: 10 });

const fakeHash = 'ab'.repeat(32);
async function rawAppend(streamId: string, fromVersion: number, events: NewEvent[]): Promise<void> {
  const client = await raw.connect();
  try {
    await client.query('BEGIN');
    const values: unknown[] = [streamId];
    const tuples = events.map((e, i) => {
      const b = values.length;
      values.push(fromVersion + i + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.meta), i === 0 ? null : fakeHash, fakeHash);
      return `($1,$${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6})`;
    });
    await client.query(
      `INSERT INTO "${rawSchema}".events (stream_id, version, type, data, meta, prev_hash, hash) VALUES ${tuples.join(',')}`,
      values,
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

type Side = 'store' | 'raw';
const batchOf = (n: number) => Array.from({ length: n }, (_, i) => testEvent('Benchmarked', { i, note: '职业技能等级认定', score: 87.5 }));
let streamSeq = 0;

/** Appends `perWorker` batches of `size` events from `workers` concurrent writers, each on its own stream. */
async function appendWork(side: Side, workers: number, perWorker: number, size: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const streamId = `application-b${++streamSeq}`;
      for (let k = 0; k < perWorker; k++) {
        const events = batchOf(size);
        if (side === 'store') await store.append(streamId, events, { expectedVersion: k * size });
        else await rawAppend(streamId, k * size, events);
      }
    }),
  );
  return performance.now() - t0;
}

async function readStreamWork(side: Side, streamId: string, times: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < times; i++) {
    if (side === 'store') {
      if ((await store.readStream(streamId)).length !== 1000) throw new Error('short read');
    } else {
      const { rows } = await raw.query(
        `SELECT position, stream_id, version, type, data, meta, prev_hash, hash FROM "${rawSchema}".events WHERE stream_id = $1 ORDER BY version`,
        [streamId],
      );
      if (rows.length !== 1000) throw new Error('short read');
    }
  }
  return performance.now() - t0;
}

async function readAllWork(side: Side, times: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < times; i++) {
    if (side === 'store') {
      for await (const _ of store.readAll({ batchSize: 500 })) void _;
    } else {
      let after = 0;
      for (;;) {
        const { rows } = await raw.query(
          `SELECT position, stream_id, version, type, data, meta, prev_hash, hash FROM "${rawSchema}".events WHERE position > $1 ORDER BY position LIMIT 500`,
          [after],
        );
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1].position);
      }
    }
  }
  return performance.now() - t0;
}

async function compare(label: string, work: (side: Side) => Promise<number>, unit: string, count: number): Promise<void> {
  await work('store'); // warm both sides
  await work('raw');
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < REPS; i++) {
    s.push(await work('store'));
    r.push(await work('raw'));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = med(s);
  const mr = med(r);
  const rate = (t: number) => ((count / t) * 1000).toFixed(0).padStart(7);
  console.log(`${label.padEnd(34)} store ${rate(ms)} ${unit}/s   raw pg ${rate(mr)} ${unit}/s   ratio ${(mr / ms).toFixed(2)}×`);
}

console.log(`PostgreSQL ${(await raw.query('SHOW server_version')).rows[0].server_version}, synchronous_commit ${(await raw.query('SHOW synchronous_commit')).rows[0].synchronous_commit}`);
await compare('append, single events', (side) => appendWork(side, 1, 300, 1), 'appends', 300);
await compare('append, batches of 10', (side) => appendWork(side, 1, 200, 10), 'events', 2000);
await compare('append, 8 concurrent appenders', (side) => appendWork(side, 8, 60, 1), 'appends', 480);

// Reads: a 1,000-event stream on each side, then the whole log.
const longStore = 'application-long';
const longRaw = 'application-long';
for (let v = 0; v < 1000; v += 100) {
  await store.append(longStore, batchOf(100), { expectedVersion: v });
  await rawAppend(longRaw, v, batchOf(100));
}
await compare('readStream, 1,000-event stream', (side) => readStreamWork(side, side === 'store' ? longStore : longRaw, 20), 'events', 20_000);
const logSize = Number((await raw.query(`SELECT count(*) AS n FROM "${storeSchema}".events`)).rows[0].n);
const rawSize = Number((await raw.query(`SELECT count(*) AS n FROM "${rawSchema}".events`)).rows[0].n);
await compare(`readAll, whole log (${logSize} / ${rawSize} events)`, (side) => readAllWork(side, 5), 'events', 5 * logSize);

// The 'no-stream' race: 250 rounds of 10 appenders, exactly one may win each.
const tally = new Map<number, number>();
for (let round = 0; round < 250; round++) {
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) => store.append(`quota-race${round}`, [testEvent('Reserved', { i })], { expectedVersion: 'no-stream' })),
  );
  const won = results.filter((x) => x.status === 'fulfilled').length;
  tally.set(won, (tally.get(won) ?? 0) + 1);
}
console.log(`'no-stream' race, 250 rounds × 10 appenders: winners per round ${[...tally].map(([w, n]) => `${w} winner(s): ${n} rounds`).join(', ')}`);

await (store as EventStore).close();
await raw.query(`DROP SCHEMA "${storeSchema}" CASCADE`);
await raw.query(`DROP SCHEMA "${rawSchema}" CASCADE`);
await raw.end();
if (tally.size !== 1 || tally.get(1) !== 250) process.exitCode = 1;
