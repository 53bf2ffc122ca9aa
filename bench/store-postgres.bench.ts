// postgresStore against raw pg doing the same work on the same rows, in one
// process, and against Emmett's PostgreSQL store (@event-driven-io/emmett-postgresql
// 0.42.0) doing the same appends and reads.
//
// Raw: one transaction with a multi-row INSERT per append (BEGIN, INSERT, COMMIT)
// on a pool of 10, into a table of the store's own shape (same columns, keys
// and defaults). Reads: the same SELECTs the store sends, rows parsed by pg.
// Emmett: getPostgreSQLEventStore on a pool of 10, in a database of its own
// (its tables live in `public`); reads through its readStream and its
// readMessagesBatch (the global log in batches of 500).
//
// The three are measured in alternating chunks (order rotating each round), so
// drift in the machine's load and in fsync latency hits each alike. Ratios are
// throughput / raw pg throughput (1.00 = as fast as raw pg).
// Needs PostgreSQL (CERTFLOW_PG_URL, default postgres://postgres@127.0.0.1:5432/test).
//
//   node --import tsx bench/store-postgres.bench.ts
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { STREAM_DOES_NOT_EXIST, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { NewEvent } from '@certflow/core';
import { postgresStore } from '@certflow/store-postgres';

const url = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tag = randomBytes(3).toString('hex');
const storeSchema = `certflow_bench_store_${tag}`;
const rawSchema = `certflow_bench_raw_${tag}`;
const emmettDb = `certflow_bench_emmett_${tag}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const RACES = 250;

const admin = new pg.Pool({ connectionString: url, max: 10 });
const raw = admin;
await admin.query(`CREATE DATABASE ${emmettDb}`);
// An interrupted run (Ctrl-C, kill, or a closed pipe such as `| head`) drops
// what it created; a finished run drops it at the end.
let cleaningUp = false;
const interrupted = (why: string) => {
  if (cleaningUp) return;
  cleaningUp = true;
  // Dropping the Emmett database ends its pool's connections, and work in
  // flight fails: expected now, the process is on its way out.
  process.on('uncaughtException', () => undefined);
  const cleanup = new pg.Client({ connectionString: url });
  void cleanup
    .connect()
    .then(() => cleanup.query(`DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE`))
    .then(() => cleanup.query(`DROP SCHEMA IF EXISTS "${rawSchema}" CASCADE`))
    .then(() => cleanup.query(`DROP DATABASE IF EXISTS ${emmettDb} WITH (FORCE)`))
    .catch((e: Error) => console.error(`cleanup after ${why} failed: ${e.message}`))
    .finally(() => process.exit(130));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => interrupted(signal));
process.stdout.on('error', () => interrupted('a closed output'));
const emmettUrl = (() => {
  const u = new URL(url);
  u.pathname = `/${emmettDb}`;
  return u.toString();
})();

// ---- the events -----------------------------------------------------------------------
let seq = 0;
const meta = (): NewEvent['meta'] => ({
  at: '2020-06-01T09:00:00+08:00',
  actor: { id: 'jinan-center', role: 'city-center' },
  commandId: `cmd-${++seq}`,
  correlationId: 'bench',
});
const newEvent = (): NewEvent => ({
  type: 'ScoreRecorded',
  data: { applicant: '济南市技工学校', occupation: '6-18-01-01', level: 3, seq, scores: [88.5, 92, 79.25] },
  meta: meta(),
});
const batchOf = (n: number) => Array.from({ length: n }, newEvent);

// ---- the three targets --------------------------------------------------------------------
interface Target {
  name: string;
  /** `expected` is the stream's version before the append (0 = a new stream). */
  append(streamId: string, events: NewEvent[], expected: number): Promise<unknown>;
  readStream(streamId: string): Promise<number>;
  readAll(): Promise<number>;
}

const store = postgresStore({ connectionString: url, schema: storeSchema, pool: { max: 10 } });
// The raw side writes to an identical table, created by the same migration.
const shape = postgresStore({ connectionString: url, schema: rawSchema });
await Promise.all([store.streamVersion('exam-warm'), shape.streamVersion('exam-warm')]);
await shape.close();

const certflow: Target = {
  name: 'certflow',
  append: (s, events, expected) =>
    store.append(s, events, { expectedVersion: expected === 0 ? 'no-stream' : expected }),
  readStream: async (s) => (await store.readStream(s)).length,
  async readAll() {
    let n = 0;
    for await (const _ of store.readAll({ batchSize: 500 })) n++;
    return n;
  },
};

const fakeHash = 'ab'.repeat(32);
const SELECT = 'SELECT position, stream_id, version, type, data, meta, prev_hash, hash';
const rawPg: Target = {
  name: 'raw pg',
  async append(streamId, events, fromVersion) {
    const client = await raw.connect();
    try {
      await client.query('BEGIN');
      const values: unknown[] = [streamId];
      const tuples = events.map((e, i) => {
        const b = values.length;
        values.push(
          fromVersion + i + 1,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.meta),
          i === 0 ? null : fakeHash,
          fakeHash,
        );
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
  },
  async readStream(streamId) {
    return (await raw.query(`${SELECT} FROM "${rawSchema}".events WHERE stream_id = $1 ORDER BY version`, [streamId]))
      .rows.length;
  },
  async readAll() {
    let n = 0;
    for (let after = 0; ; ) {
      const { rows } = await raw.query(
        `${SELECT} FROM "${rawSchema}".events WHERE position > $1 ORDER BY position LIMIT 500`,
        [after],
      );
      n += rows.length;
      if (rows.length < 500) return n;
      after = Number(rows[rows.length - 1].position);
    }
  },
};

// Emmett on its own dumbo pool (pg, max 10), which the reads use too.
const requireFromEmmett = createRequire(createRequire(import.meta.url).resolve('@event-driven-io/emmett-postgresql'));
const { dumbo } = requireFromEmmett('@event-driven-io/dumbo') as {
  dumbo: (o: { connectionString: string; max?: number }) => {
    execute: Parameters<typeof readMessagesBatch>[0];
    close(): Promise<void>;
  };
};
const emmettPool = dumbo({ connectionString: emmettUrl, max: 10 });
const emmettStore = getPostgreSQLEventStore(emmettUrl, { connectionOptions: { dumbo: emmettPool } as never });
await emmettStore.schema.migrate();
const toEmmett = (e: NewEvent): Event =>
  ({ type: e.type, data: e.data as Record<string, unknown>, metadata: e.meta as never }) as Event;
const emmett: Target = {
  name: 'Emmett',
  append: (s, events, expected) =>
    emmettStore.appendToStream(s, events.map(toEmmett), {
      expectedStreamVersion: expected === 0 ? STREAM_DOES_NOT_EXIST : BigInt(expected),
    }),
  readStream: async (s) => (await emmettStore.readStream(s)).events.length,
  async readAll() {
    let n = 0;
    for (let after = 0n; ; ) {
      const batch = await readMessagesBatch(emmettPool.execute, { after, batchSize: 500 });
      n += batch.messages.length;
      if (!batch.areMessagesLeft || batch.messages.length === 0) return n;
      after = batch.currentGlobalPosition;
    }
  },
};

const targets = [certflow, rawPg, emmett];

// ---- measurement ----------------------------------------------------------------------------
type Tally = { ops: number; ms: number; failures: number; firstError?: string };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Runs `chunk(target)` ROUNDS times on every target, the order rotating each
 * round, after one warm-up round. A chunk returns how many operations it did.
 * A chunk that throws counts as a failure (its time is not counted).
 */
async function measure(
  label: string,
  unit: string,
  chunk: (t: Target) => Promise<number>,
): Promise<Map<Target, Tally>> {
  const tallies = new Map(targets.map((t) => [t, { ops: 0, ms: 0, failures: 0 } as Tally]));
  for (let round = -1; round < ROUNDS; round++) {
    const order = targets.map((_, i) => targets[(i + Math.max(round, 0)) % targets.length]!);
    for (const t of order) {
      const tally = tallies.get(t)!;
      const t0 = performance.now();
      try {
        const ops = await chunk(t);
        if (round >= 0) {
          tally.ops += ops;
          tally.ms += performance.now() - t0;
        }
      } catch (e) {
        tally.failures++;
        tally.firstError ??= `${(e as Error).name}: ${(e as Error).message}`.slice(0, 160);
      }
    }
  }
  const rate = (x: Tally) => (x.ms > 0 ? (x.ops / x.ms) * 1000 : 0);
  const base = rate(tallies.get(rawPg)!);
  const cells = targets.map((t) => {
    const x = tallies.get(t)!;
    const r = rate(x);
    const ratio = t === rawPg ? '' : ` (${(r / base).toFixed(2)}×)`;
    const failed = x.failures > 0 ? ` [${x.failures}/${ROUNDS + 1} chunks failed]` : '';
    return `${t.name} ${fmt(r).padStart(7)}${ratio}${failed}`;
  });
  const c = rate(tallies.get(certflow)!);
  const e = rate(tallies.get(emmett)!);
  console.log(
    `${label.padEnd(32)} ${unit}/s: ${cells.join('   ')}   certflow/Emmett ${e > 0 ? (c / e).toFixed(2) : '—'}×`,
  );
  for (const t of targets) {
    const x = tallies.get(t)!;
    if (x.firstError) console.log(`    ${t.name} failed: ${x.firstError}`);
  }
  return tallies;
}

let streamSeq = 0;
/** `workers` concurrent writers, each on its own new stream, each appending `perWorker` batches of `size`. */
const appendChunk = (workers: number, perWorker: number, size: number) => async (t: Target) => {
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const streamId = `application-b${++streamSeq}`;
      for (let k = 0; k < perWorker; k++) await t.append(streamId, batchOf(size), k * size);
    }),
  );
  return workers * perWorker * size;
};

console.log(
  `PostgreSQL ${(await raw.query('SHOW server_version')).rows[0].server_version}, synchronous_commit ${(await raw.query('SHOW synchronous_commit')).rows[0].synchronous_commit}; ${ROUNDS} rounds of alternating chunks; ratios against raw pg`,
);
await measure('append, single events', 'appends', appendChunk(1, 40, 1));
await measure('append, batches of 10', 'events', appendChunk(1, 20, 10));
await measure('append, 8 concurrent appenders', 'appends', appendChunk(8, 10, 1));

// Reads: a 1,000-event stream on each side, then the whole log.
for (const t of targets) for (let v = 0; v < 1000; v += 100) await t.append('application-long', batchOf(100), v);
await measure('readStream, 1,000-event stream', 'events', async (t) => {
  let n = 0;
  for (let i = 0; i < 5; i++) n += await t.readStream('application-long');
  if (n !== 5000) throw new Error(`short read: ${n}`);
  return n;
});
const sizes = await Promise.all(targets.map((t) => t.readAll()));
await measure(`readAll, whole log (${sizes.map(fmt).join(' / ')})`, 'events', (t) => t.readAll());

// The 'no-stream' race: two appenders, each on its own connection, create one
// new stream at the same moment; exactly one may win.
async function race(t: Target): Promise<{ one: number; both: number; other: number }> {
  const r = { one: 0, both: 0, other: 0 };
  for (let i = 0; i < RACES; i++) {
    const streamId = `quota-race-${tag}-${i}`;
    const results = await Promise.allSettled([
      t.append(streamId, [newEvent()], 0),
      t.append(streamId, [newEvent()], 0),
    ]);
    const won = results.filter((x) => x.status === 'fulfilled').length;
    const stored = await t.readStream(streamId);
    if (won === 1 && stored === 1) r.one++;
    else if (won === 2) r.both++;
    else r.other++;
  }
  return r;
}
console.log(`'no-stream' race, ${RACES} trials of two concurrent appends to a new stream:`);
const ours = await race(certflow);
console.log(`  certflow  exactly one winner ${ours.one}, both won ${ours.both}, anything else ${ours.other}`);
const theirs = await race(emmett);
console.log(`  Emmett    exactly one winner ${theirs.one}, both won ${theirs.both}, anything else ${theirs.other}`);

await store.close();
await emmettStore.close();
await emmettPool.close();
await raw.query(`DROP SCHEMA "${storeSchema}" CASCADE`);
await raw.query(`DROP SCHEMA "${rawSchema}" CASCADE`);
await admin.query(`DROP DATABASE ${emmettDb} WITH (FORCE)`);
await admin.end();
if (ours.one !== RACES) process.exitCode = 1;
