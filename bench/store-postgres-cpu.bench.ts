// The CPU an append costs, without the commit's wait for the disk: one
// connection with synchronous_commit off sends appends one after another, in
// alternating chunks, three ways:
//
//   append_batch    migration 3, what the store sends: the canonical texts joined by newlines
//   append_events   migration 2: the same work, with the texts as text[] parameters
//   raw pg          BEGIN, a multi-row INSERT of the same rows, COMMIT (no hashing,
//                   no head check, no position lock; three round trips)
//
// Each prints the time per append (client and server together: building the
// parameters, the round trips, the function) and the ratio against raw pg.
// With the disk out of the way this is where the store's own work shows; the
// end-to-end ratios with synchronous commits are in store-postgres.bench.ts.
// Needs PostgreSQL (CERTFLOW_PG_URL, default postgres://postgres@127.0.0.1:5432/test).
//
//   node --import tsx bench/store-postgres-cpu.bench.ts
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { canonicalJson } from '@certflow/core';
import { postgresStore } from '@certflow/store-postgres';

const url = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `certflow_bench_cpu_${randomBytes(3).toString('hex')}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const CHUNK = 100;

const client = new pg.Client({ connectionString: url });
await client.connect();
const dropSchema = () => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
// An interrupted run leaves nothing behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void dropSchema().finally(() => process.exit(130)));
}

try {
  const store = postgresStore({ connectionString: url, schema });
  await store.streamVersion('exam-warm'); // migrates
  await store.close();
  await client.query('SET synchronous_commit = off');

  let seq = 0;
  const forms = (n: number) =>
    Array.from({ length: n }, () => {
      seq++;
      return {
        type: 'ScoreRecorded',
        data: canonicalJson({
          applicant: '济南市技工学校',
          occupation: '6-18-01-01',
          level: 3,
          seq,
          scores: [88.5, 92, 79.25],
        }),
        meta: canonicalJson({
          at: '2020-06-01T09:00:00+08:00',
          actor: { id: 'jinan-center', role: 'city-center' },
          commandId: `cmd-${seq}`,
          correlationId: 'bench',
        }),
      };
    });
  let streams = 0;
  const nextStream = () => `exam-cpu-${++streams}`;

  const ways: Record<string, (n: number) => Promise<unknown>> = {
    append_batch: (n) => {
      const es = forms(n);
      const s = nextStream();
      return client.query({
        name: 'batch',
        text: `SELECT * FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7)`,
        values: [
          s,
          JSON.stringify(s),
          0,
          es.map((e) => e.type),
          es.map((e) => JSON.stringify(e.type)).join('\n'),
          es.map((e) => e.data).join('\n'),
          es.map((e) => e.meta).join('\n'),
        ],
      });
    },
    append_events: (n) => {
      const es = forms(n);
      const s = nextStream();
      return client.query({
        name: 'events',
        text: `SELECT * FROM "${schema}".append_events($1, $2, $3, $4, $5, $6, $7)`,
        values: [
          s,
          JSON.stringify(s),
          0,
          es.map((e) => e.type),
          es.map((e) => JSON.stringify(e.type)),
          es.map((e) => e.data),
          es.map((e) => e.meta),
        ],
      });
    },
    'raw pg': async (n) => {
      const es = forms(n);
      const values: unknown[] = [nextStream()];
      const tuples = es.map((e, i) => {
        const b = values.length;
        values.push(i + 1, e.type, e.data, e.meta, i === 0 ? null : 'a'.repeat(64), 'b'.repeat(64));
        return `($1,$${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6})`;
      });
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO "${schema}".events (stream_id, version, type, data, meta, prev_hash, hash) VALUES ${tuples.join(',')}`,
        values,
      );
      await client.query('COMMIT');
    },
  };

  console.log(
    `PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version}, synchronous_commit off; ` +
      `${ROUNDS} rounds of ${CHUNK} appends per way, alternating; time per append, client and server`,
  );
  for (const n of [1, 10]) {
    const names = Object.keys(ways);
    const totals = new Map<string, number>(names.map((k) => [k, 0]));
    for (let round = -1; round < ROUNDS; round++) {
      const order = names.map((_, i) => names[(i + Math.max(round, 0)) % names.length]!);
      for (const name of order) {
        const t0 = performance.now();
        for (let k = 0; k < CHUNK; k++) await ways[name]!(n);
        if (round >= 0) totals.set(name, totals.get(name)! + (performance.now() - t0));
      }
    }
    const us = (name: string) => (totals.get(name)! / (ROUNDS * CHUNK)) * 1000;
    const base = us('raw pg');
    const cells = names.map(
      (name) =>
        `${name} ${us(name).toFixed(0).padStart(4)} µs${name === 'raw pg' ? '' : ` (${(base / us(name)).toFixed(2)}×)`}`,
    );
    console.log(`${String(n).padStart(2)} event${n === 1 ? ' ' : 's'}: ${cells.join('   ')}`);
  }
  console.log('(×: raw pg time / this time, so above 1 is faster than raw pg)');
} finally {
  await dropSchema();
  await client.end();
}
