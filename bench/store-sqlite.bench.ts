// sqliteStore against raw better-sqlite3 doing the same work on the same rows
// in the same process: one transaction per append (BEGIN IMMEDIATE), WAL,
// synchronous=FULL, the stream head and max position read in the transaction,
// a JSON payload and a SHA-256 chained to the previous row. What certflow adds
// on top: validation (zod), RFC 8785 canonical JSON for the hash, the typed
// envelope. Reads: raw SELECT + JSON.parse of data and meta per row.
//
// Emmett's SQLite store (@event-driven-io/emmett-sqlite 0.42.4 on node-sqlite3)
// is not compared: it installs, but appends through one store failed with
// SQLITE_BUSY ("cannot commit transaction - SQL statements in progress"), some
// as uncaught 'error' events that end the process, so no fair timing was possible.
//
//   node --import tsx bench/store-sqlite.bench.ts
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConcurrencyError, type EventStore, type NewEvent } from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'certflow-bench-sqlite-'));
let files = 0;
const freshFile = () => join(dir, `bench-${++files}.db`);

const SINGLE = 2_000;
const BATCHES = 400;
const CONCURRENT = 8;
const STREAM_LEN = 1_000;
const READ_REPEATS = 20;
const RACES = 250;

const meta = (i: number): NewEvent['meta'] => ({
  at: '2020-06-01T09:00:00+08:00',
  actor: { id: 'jinan-center', role: 'city-center' },
  commandId: `cmd-${i}`,
  correlationId: 'bench',
});
const payload = (i: number) => ({ applicant: '济南市技工学校', occupation: '6-18-01-01', level: 3, seq: i, scores: [88.5, 92, 79.25] });
const newEvent = (i: number): NewEvent => ({ type: 'ScoreRecorded', data: payload(i), meta: meta(i) });

// ---- raw better-sqlite3 -------------------------------------------------------------
function rawDb(file: string, synchronous: 'FULL' | 'NORMAL') {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
    data TEXT NOT NULL, meta TEXT NOT NULL, prev_hash TEXT, hash TEXT NOT NULL, UNIQUE (stream_id, version)) STRICT`);
  const head = db.prepare('SELECT version, hash FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1').raw();
  const maxPos = db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const readStream = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version').raw();
  const readAll = db.prepare('SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT ?').raw();
  const append = db.transaction((streamId: string, events: NewEvent[]) => {
    const h = head.get(streamId) as [number, string] | undefined;
    let version = h?.[0] ?? 0;
    let prev = h?.[1] ?? null;
    let position = maxPos.get() as number;
    for (const e of events) {
      const data = JSON.stringify(e.data);
      const m = JSON.stringify(e.meta);
      const hash = createHash('sha256').update(`${prev ?? ''}|${streamId}|${++version}|${++position}|${e.type}|${data}|${m}`).digest('hex');
      insert.run(position, streamId, version, e.type, data, m, prev, hash);
      prev = hash;
    }
  });
  type Row = [number, string, number, string, string, string, string | null, string];
  const toObj = (r: Row) => ({ position: r[0], streamId: r[1], version: r[2], type: r[3], data: JSON.parse(r[4]), meta: JSON.parse(r[5]), prevHash: r[6], hash: r[7] });
  return {
    append: (streamId: string, events: NewEvent[]) => append.immediate(streamId, events),
    readStream: (streamId: string) => (readStream.all(streamId) as Row[]).map(toObj),
    readAll: () => {
      let n = 0;
      for (let from = 0; ; ) {
        const rows = readAll.all(from, 500) as Row[];
        for (const r of rows) if (toObj(r)) n++;
        if (rows.length < 500) return n;
        from = rows[rows.length - 1]![0] + 1;
      }
    },
    close: () => db.close(),
  };
}

// ---- workloads ----------------------------------------------------------------------
interface Target {
  append(streamId: string, events: NewEvent[], expected: number): Promise<unknown> | unknown;
  readStream(streamId: string): Promise<unknown[]> | unknown[];
  readAll(): Promise<number> | number;
  close(): Promise<void> | void;
}

function certflowTarget(synchronous: 'FULL' | 'NORMAL' = 'FULL'): Target {
  const store: EventStore = sqliteStore({ file: freshFile(), synchronous });
  return {
    append: (s, events, expected) => store.append(s, events, { expectedVersion: expected }),
    readStream: (s) => store.readStream(s),
    readAll: async () => {
      let n = 0;
      for await (const _ of store.readAll()) n++;
      return n;
    },
    close: () => store.close(),
  };
}
function rawTarget(synchronous: 'FULL' | 'NORMAL' = 'FULL'): Target {
  const raw = rawDb(freshFile(), synchronous);
  return { append: (s, e) => raw.append(s, e), readStream: raw.readStream, readAll: raw.readAll, close: () => void raw.close() };
}

/** One unit of work; `i` counts units. Returns how many operations it did. */
type Step = (t: Target, i: number) => Promise<number>;

const single: Step = async (t, i) => {
  await t.append(`application-s${i % 50}`, [newEvent(i)], Math.floor(i / 50));
  return 1;
};
const batchOf10: Step = async (t, i) => {
  await t.append(`exam-b${i % 20}`, Array.from({ length: 10 }, (_, k) => newEvent(i * 10 + k)), Math.floor(i / 20) * 10);
  return 10;
};
const concurrent: Step = async (t, i) => {
  await Promise.all(Array.from({ length: CONCURRENT }, (_, w) => t.append(`quota-c${w}`, [newEvent(i)], i)));
  return CONCURRENT;
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
function report(label: string, unit: string, c: { ops: number; ms: number }, r: { ops: number; ms: number }, baseline = 'raw') {
  const cRate = (c.ops / c.ms) * 1000;
  const rRate = (r.ops / r.ms) * 1000;
  const ratio = cRate / rRate;
  const goal = baseline === 'raw' && ratio < 0.5 ? '  (below the 0.5× goal)' : '';
  console.log(
    `${label.padEnd(40)} certflow ${fmt(cRate).padStart(9)} ${unit}/s   ${baseline.padStart(6)} ${fmt(rRate).padStart(9)} ${unit}/s   ratio ${ratio.toFixed(2)}×${goal}`,
  );
}

/**
 * Runs `units` steps on both targets, alternating in chunks, so the disk's
 * fsync latency (which dominates under synchronous=FULL and drifts) hits both alike.
 */
async function compare(label: string, unit: string, step: Step, units: number, synchronous: 'FULL' | 'NORMAL' = 'FULL') {
  const c = certflowTarget(synchronous);
  const r = rawTarget(synchronous);
  const total = { c: { ops: 0, ms: 0 }, r: { ops: 0, ms: 0 } };
  // Warm up both (statement caches, JIT) outside the measurement.
  const warm = 20;
  for (let i = 0; i < warm; i++) {
    await step(c, i);
    await step(r, i);
  }
  const chunk = 25;
  for (let from = warm; from < warm + units; from += chunk) {
    for (const [key, t] of [['c', c], ['r', r]] as const) {
      const t0 = performance.now();
      for (let i = from; i < Math.min(warm + units, from + chunk); i++) total[key].ops += await step(t, i);
      total[key].ms += performance.now() - t0;
    }
  }
  await c.close();
  await r.close();
  report(label, unit, total.c, total.r);
}

async function compareReads() {
  const c = certflowTarget();
  const r = rawTarget();
  for (const t of [c, r]) {
    for (let v = 0; v < STREAM_LEN; v += 10) await t.append('application-long', Array.from({ length: 10 }, (_, k) => newEvent(v + k)), v);
    for (let i = 0; i < 4_000; i++) await t.append(`exam-r${i % 40}`, [newEvent(i)], Math.floor(i / 40));
  }
  const stream = async (t: Target) => {
    let n = 0;
    for (let i = 0; i < READ_REPEATS; i++) n += (await t.readStream('application-long')).length;
    return n;
  };
  const all = async (t: Target) => {
    let n = 0;
    for (let i = 0; i < 5; i++) n += await t.readAll();
    return n;
  };
  for (const [label, work] of [
    [`  readStream (${fmt(STREAM_LEN)}-event stream)`, stream],
    [`  readAll (${fmt(STREAM_LEN + 4_000)}-event log)`, all],
  ] as const) {
    let bc = { ops: 0, ms: Infinity };
    let br = { ops: 0, ms: Infinity };
    const timeIt = async (fn: () => Promise<number>) => {
      const t0 = performance.now();
      const ops = await fn();
      return { ops, ms: performance.now() - t0 };
    };
    for (let round = 0; round < 5; round++) {
      const mc = await timeIt(() => work(c));
      const mr = await timeIt(() => work(r));
      if (mc.ms < bc.ms) bc = mc;
      if (mr.ms < br.ms) br = mr;
    }
    report(label, 'events', bc, br);
  }
  await c.close();
  await r.close();
}

async function noStreamRace() {
  const file = freshFile();
  const a = sqliteStore({ file });
  const b = sqliteStore({ file }); // a second connection to the same file
  const tally = { oneStore: { exactlyOne: 0, other: 0 }, twoConnections: { exactlyOne: 0, other: 0 } };
  for (let i = 0; i < RACES; i++) {
    for (const [key, x, y] of [['oneStore', a, a], ['twoConnections', a, b]] as const) {
      const streamId = `quota-race-${key}-${i}`;
      const results = await Promise.allSettled([
        x.append(streamId, [newEvent(1)], { expectedVersion: 'no-stream' }),
        y.append(streamId, [newEvent(2)], { expectedVersion: 'no-stream' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled').length;
      const lostCleanly = results.every((r) => r.status === 'fulfilled' || r.reason instanceof ConcurrencyError);
      const stored = (await a.readStream(streamId)).length;
      if (won === 1 && lostCleanly && stored === 1) tally[key].exactlyOne++;
      else tally[key].other++;
    }
  }
  await a.close();
  await b.close();
  console.log(`'no-stream' race, ${RACES} trials of two appends to a fresh stream:`);
  console.log(`  one store:                       exactly one winner ${tally.oneStore.exactlyOne}, anything else ${tally.oneStore.other}`);
  console.log(`  two connections to one file:     exactly one winner ${tally.twoConnections.exactlyOne}, anything else ${tally.twoConnections.other}`);
  return tally.oneStore.other + tally.twoConnections.other;
}

try {
  console.log('sqliteStore vs raw better-sqlite3, same process, WAL, one transaction per append');
  console.log('synchronous=FULL (the default; an fsync per commit):');
  await compare(`  append: single events (${fmt(SINGLE)})`, 'appends', single, SINGLE);
  await compare(`  append: batches of 10 (${fmt(BATCHES)})`, 'events', batchOf10, BATCHES);
  await compare(`  append: ${CONCURRENT} concurrent appenders`, 'appends', concurrent, SINGLE / CONCURRENT);
  console.log("synchronous=NORMAL (opt-in; no fsync per commit, so certflow's own work shows):");
  await compare(`  append: single events (${fmt(SINGLE)})`, 'appends', single, SINGLE, 'NORMAL');
  await compare(`  append: batches of 10 (${fmt(BATCHES)})`, 'events', batchOf10, BATCHES, 'NORMAL');
  await compare(`  append: ${CONCURRENT} concurrent appenders`, 'appends', concurrent, SINGLE / CONCURRENT, 'NORMAL');
  console.log('reads (best of 5):');
  await compareReads();
  const bad = await noStreamRace();
  if (bad > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
