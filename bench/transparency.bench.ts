// The Merkle tree's cost on appends, and the time of an inclusion proof.
//
// Appends: the same store with the tree and with it switched off (the stores'
// benchmark seam), in the same process, interleaved append by append so drift
// hits both alike: single-event appends and batches of 10, on SQLite
// (synchronous FULL, WAL) and PostgreSQL (skipped when no server answers).
// Goal: with the tree ≤ 1.15× without.
//
// Proofs: an RFC 9162 inclusion proof of a random leaf of a 10^6-leaf tree,
// from a MerkleTree in memory, from a SQLite store's stored nodes and from a
// PostgreSQL store's (skipped when no server answers; median and p99). Goal:
// < 1 ms each.
//
//   node --import tsx bench/transparency.bench.ts   (ONLY=appends or ONLY=proofs for one half; STORE=sqlite or STORE=postgres for one store's appends)
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MerkleTree, eventLeafHash, rangeNodes, type EventStore, type NewEvent } from '@certflow/core';
// The stores from their sources, as the seams are: the built packages bundle their own copy of each seam,
// which setting the source's would leave untouched (both sides of the comparison would keep the tree).
import { sqliteStore } from '../packages/store-sqlite/src/index.js';
import { postgresStore } from '../packages/store-postgres/src/index.js';
import { STORED_LEVEL as SQLITE_STORED_LEVEL, treeSeam as sqliteSeam } from '../packages/store-sqlite/src/merkle.js';
import { STORED_LEVEL as PG_STORED_LEVEL, treeSeam as pgSeam } from '../packages/store-postgres/src/merkle.js';

const PG_URL = process.env.CERTFLOW_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'certflow-bench-tree-'));
const ROUNDS = Number(process.env.ROUNDS ?? 6);

const event = (i: number): NewEvent => ({
  type: 'ScoreRecorded',
  data: { applicant: '济南市技工学校', occupation: '6-18-01-01', level: 3, seq: i },
  meta: {
    at: '2020-06-01T09:00:00+08:00',
    actor: { id: 'jinan-center', role: 'city-center' },
    commandId: `cmd-${i}`,
    correlationId: 'bench',
  },
});

let seq = 0;
/** One append's wall time and this process's CPU time during it (user + system, ms). */
type Timing = { ms: number; cpu: number };
async function append(store: EventStore, batch: number): Promise<Timing> {
  const streamId = `application-b${++seq}`;
  const events = Array.from({ length: batch }, (_, j) => event(seq * 100 + j));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await store.append(streamId, events, { expectedVersion: 'no-stream' });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000 };
}

/**
 * Appends to both stores alternately, one append each, the one that goes
 * first switching every time, so that the machine's drift (load, disk
 * latency, which move by several times within seconds on a shared machine)
 * hits both sides alike; blocks of a few hundred appends per side let a
 * shift of the disk's latency land on one side only.
 */
async function paired(
  withTree: EventStore,
  without: EventStore,
  count: number,
  batch: number,
): Promise<{ on: Timing[]; off: Timing[] }> {
  const on: Timing[] = [];
  const off: Timing[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      on.push(await append(withTree, batch));
      off.push(await append(without, batch));
    } else {
      off.push(await append(without, batch));
      on.push(await append(withTree, batch));
    }
  }
  return { on, off };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function compare(
  label: string,
  withTree: EventStore,
  without: EventStore,
  singles: number,
  batches: number,
): Promise<void> {
  await paired(withTree, without, 20, 1); // warm both
  for (const [name, count, batch] of [
    ['single events', singles, 1],
    ['batches of 10 ', batches, 10],
  ] as const) {
    const timed = await paired(withTree, without, ROUNDS * count, batch);
    const on = timed.on.map((t) => t.ms);
    const off = timed.off.map((t) => t.ms);
    const cpuOn = sum(timed.on.map((t) => t.cpu));
    const cpuOff = sum(timed.off.map((t) => t.cpu));
    console.log(
      `${label}: ${name} ${(sum(on) / on.length).toFixed(3)} ms vs ${(sum(off) / off.length).toFixed(3)} ms without the tree → ${(sum(on) / sum(off)).toFixed(2)}× (goal ≤ 1.15×; medians ${median(on).toFixed(3)} vs ${median(off).toFixed(3)} ms → ${(median(on) / median(off)).toFixed(2)}×; CPU ${(cpuOn / 1000).toFixed(2)} s vs ${(cpuOff / 1000).toFixed(2)} s → ${(cpuOn / cpuOff).toFixed(2)}×)`,
    );
  }
}

async function sqliteAppends(): Promise<void> {
  const withTree = sqliteStore({ file: join(dir, 'with.db') });
  sqliteSeam.disabled = true;
  const without = sqliteStore({ file: join(dir, 'without.db') });
  // the seam is read at each append: wrap so each store sees its own setting
  const seamed = (store: EventStore, disabled: boolean): EventStore => ({
    ...store,
    append: async (...args) => {
      sqliteSeam.disabled = disabled;
      return store.append(...args);
    },
  });
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await compare('SQLite', seamed(withTree, false), seamed(without, true), 200, 50);
  sqliteSeam.disabled = false;
  await withTree.close();
  await without.close();
}

async function postgresAppends(): Promise<void> {
  const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch (e) {
    console.log(`PostgreSQL: skipped (${(e as Error).message})`);
    return;
  }
  const schemas = [`bench_tree_on_${process.pid}`, `bench_tree_off_${process.pid}`];
  try {
    const withTree = postgresStore({ connectionString: PG_URL, schema: schemas[0] });
    pgSeam.disabled = true;
    const without = postgresStore({ connectionString: PG_URL, schema: schemas[1] });
    pgSeam.disabled = false;
    await compare('PostgreSQL', withTree, without, 150, 40);
    await withTree.close();
    await without.close();
  } finally {
    // each store's schema and the one beside it that its personal-data vault would use
    for (const s of schemas) await probe.query(`DROP SCHEMA IF EXISTS "${s}", "${s}_personal" CASCADE`);
    await probe.end();
  }
}

async function proofs(): Promise<void> {
  const N = 1_000_000;
  const hashes = Array.from({ length: N }, (_, i) => createHash('sha256').update(`event ${i}`).digest('hex'));
  const tree = new MerkleTree();
  const t0 = performance.now();
  for (const h of hashes) tree.append(eventLeafHash(h));
  console.log(`MerkleTree: 10^6 leaves appended in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const K = 2000;
  // the machine's speed, to read the proof times against: one SHA-256 of a node's 65 bytes
  const block = Buffer.alloc(65, 1);
  let t = performance.now();
  for (let k = 0; k < 100_000; k++) createHash('sha256').update(block).digest();
  const hashMs = (performance.now() - t) / 100_000;
  console.log(`baseline: one SHA-256 of 65 bytes takes ${(hashMs * 1000).toFixed(2)} µs here`);
  t = performance.now();
  for (let k = 0; k < K; k++) tree.inclusionProof(Math.floor(Math.random() * N));
  const memMs = (performance.now() - t) / K;
  console.log(
    `inclusion proof at 10^6 leaves, in memory: ${memMs.toFixed(4)} ms each = ${(memMs / hashMs).toFixed(0)} SHA-256 times (goal < 1 ms)`,
  );

  // the same log in a SQLite store: 10^6 event rows and the nodes it stores (levels from SQLITE_STORED_LEVEL up)
  const file = join(dir, 'million.db');
  await sqliteStore({ file }).close();
  const db = new Database(file);
  const putEvent = db.prepare(
    `INSERT INTO certflow_events (position, stream_id, version, type, data, meta, prev_hash, hash) VALUES (?, ?, 1, 'Bench', '{}', '{}', NULL, ?)`,
  );
  const putNode = db.prepare('INSERT INTO certflow_tree_nodes (level, idx, hash) VALUES (?, ?, ?)');
  db.transaction(() => {
    hashes.forEach((h, i) => void putEvent.run(i + 1, `exam-${i}`, h));
    for (let level = SQLITE_STORED_LEVEL; 2 ** level <= N; level++) {
      for (let idx = 0; (idx + 1) * 2 ** level <= N; idx++) putNode.run(level, idx, Buffer.from(tree.node(level, idx)));
    }
    db.prepare('UPDATE certflow_tree_head SET size = ?, last_position = ?').run(N, N);
  })();
  db.close();
  const store = sqliteStore({ file });
  await store.transparency.inclusionProof(1); // warm
  t = performance.now();
  for (let k = 0; k < K; k++) await store.transparency.inclusionProof(Math.floor(Math.random() * N));
  const dbMs = (performance.now() - t) / K;
  console.log(
    `inclusion proof at 10^6 leaves, SQLite stored nodes: ${dbMs.toFixed(4)} ms each = ${(dbMs / hashMs).toFixed(0)} SHA-256 times (goal < 1 ms)`,
  );
  const root = await store.transparency.root();
  if (Buffer.compare(Buffer.from(root), Buffer.from(tree.root())) !== 0)
    throw new Error('the stored tree and the tree in memory differ');
  await store.close();
  await postgresProofs(tree, hashMs);
}

/** Per-proof times (ms) of `count` proofs of random leaves, one after another: median and p99. */
async function timeProofs(prove: (leaf: number) => Promise<unknown>, n: number, count: number) {
  const times: number[] = [];
  for (let k = 0; k < count; k++) {
    const leaf = Math.floor(Math.random() * n);
    const t0 = performance.now();
    await prove(leaf);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1]!, p99: times[Math.floor(times.length * 0.99)]! };
}

/**
 * The same 10^6-leaf log in a PostgreSQL schema of its own: the event rows
 * generated by the server (their hashes are the ones above: SHA-256 of
 * `event i`), the stored nodes (level ≥ STORED_LEVEL) and the head copied
 * from the tree in memory, then analyzed as autovacuum would. An inclusion
 * proof is one statement (one round trip over the local socket).
 */
async function postgresProofs(tree: MerkleTree, hashMs: number): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`inclusion proof at 10^6 leaves, PostgreSQL: skipped (${(e as Error).message})`);
    return;
  }
  const schema = `bench_tree_proofs_${process.pid}`;
  const s = `"${schema}"`;
  const N = tree.size;
  try {
    const store = postgresStore({ connectionString: PG_URL, schema });
    await store.streamVersion('exam-0'); // the schema and its migrations
    const t0 = performance.now();
    await admin.query('BEGIN');
    await admin.query(
      `INSERT INTO ${s}.events (position, stream_id, version, type, data, meta, prev_hash, hash)
       SELECT i + 1, 'exam-' || i, 1, 'Bench', '{}', '{}', NULL, encode(sha256(convert_to('event ' || i, 'UTF8')), 'hex')
         FROM generate_series(0, $1::integer - 1) AS i`,
      [N],
    );
    await admin.query(`SELECT setval('${s}.event_position', $1)`, [N]);
    const levels: number[] = [];
    const idxs: number[] = [];
    const nodes: Buffer[] = [];
    const flush = async () => {
      await admin.query(
        `INSERT INTO ${s}.tree_nodes (level, idx, hash) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bytea[])`,
        [levels.splice(0), idxs.splice(0), nodes.splice(0)],
      );
    };
    for (let level = PG_STORED_LEVEL; 2 ** level <= N; level++) {
      for (let idx = 0; (idx + 1) * 2 ** level <= N; idx++) {
        levels.push(level);
        idxs.push(idx);
        nodes.push(Buffer.from(tree.node(level, idx)));
        if (levels.length === 20_000) await flush();
      }
    }
    await flush();
    await admin.query(`UPDATE ${s}.tree_head SET size = $1, last_position = $1, frontier = $2::bytea[]`, [
      N,
      rangeNodes(0, N).map((k) => Buffer.from(tree.node(k.level, k.index))),
    ]);
    await admin.query('COMMIT');
    await admin.query(`ANALYZE ${s}.events`);
    await admin.query(`ANALYZE ${s}.tree_nodes`);
    console.log(
      `PostgreSQL: 10^6 events and their stored nodes written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const root = await store.transparency.root();
    if (Buffer.compare(Buffer.from(root), Buffer.from(tree.root())) !== 0)
      throw new Error('the PostgreSQL tree and the tree in memory differ');
    await timeProofs((leaf) => store.transparency.inclusionProof(leaf), N, 200); // warm
    // the floor: one round trip of a statement that reads nothing (over the same socket, a client of its own)
    const trip = await timeProofs(() => admin.query('SELECT 1'), N, 2000);
    console.log(
      `PostgreSQL round trip (SELECT 1) here: median ${trip.median.toFixed(4)} ms, p99 ${trip.p99.toFixed(4)} ms`,
    );
    for (const [label, prove] of [
      ['at its size', (leaf: number) => store.transparency.inclusionProof(leaf)],
      ['at a size given', (leaf: number) => store.transparency.inclusionProof(leaf, N)],
    ] as const) {
      const { median: med, p99 } = await timeProofs(prove, N, 2000);
      console.log(
        `inclusion proof at 10^6 leaves, PostgreSQL (${label}): median ${med.toFixed(4)} ms, p99 ${p99.toFixed(4)} ms each = ${(med / hashMs).toFixed(0)} SHA-256 times (goal < 1 ms)`,
      );
    }
    const proof = await store.transparency.inclusionProof(123_457);
    if (
      proof.map((h) => Buffer.from(h).toString('hex')).join() !==
      tree
        .inclusionProof(123_457)
        .map((h) => Buffer.from(h).toString('hex'))
        .join()
    )
      throw new Error('a PostgreSQL proof differs from the tree in memory');
    await store.close();
  } finally {
    await admin.query('ROLLBACK').catch(() => {});
    await admin.query(`DROP SCHEMA IF EXISTS ${s}, "${schema}_personal" CASCADE`);
    await admin.end();
  }
}

try {
  if (process.env.ONLY !== 'proofs') {
    if (process.env.STORE !== 'postgres') await sqliteAppends();
    if (process.env.STORE !== 'sqlite') await postgresAppends();
  }
  if (process.env.ONLY !== 'appends') await proofs();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
