// sqliteStore against raw better-sqlite3 doing the same work on the same rows
// in the same process: one transaction per append (BEGIN IMMEDIATE), WAL,
// synchronous=FULL, the stream head and max position read in the transaction,
// a JSON payload and a SHA-256 chained to the previous row. What certflow adds
// on top: validation (zod), RFC 8785 canonical JSON for the hash, the typed
// envelope. Reads: raw SELECT + JSON.parse of data and meta per row.
//
// Emmett's SQLite store (@event-driven-io/emmett-sqlite 0.42.4 on node-sqlite3,
// with @event-driven-io/emmett 0.42.0) does the same appends and reads in the
// same chunks, twice: as configured by default (a connection opened per call,
// WAL, synchronous FULL) and with one shared connection. Its failures are
// counted, never hidden: a chunk that throws (or raises an uncaught error)
// counts as failed and its time is not counted. Emmett logs the errors it
// rolls back with console.log; those lines are suppressed here and tallied.
//
//   node --import tsx bench/store-sqlite.bench.ts
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STREAM_DOES_NOT_EXIST, type Event } from '@event-driven-io/emmett';
import {
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import { ConcurrencyError, type EventStore, type NewEvent } from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'certflow-bench-sqlite-'));
let files = 0;
const freshFile = () => join(dir, `bench-${++files}.db`);

const SINGLE = 1_000;
const BATCHES = 300;
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
const payload = (i: number) => ({
  applicant: '济南市技工学校',
  occupation: '6-18-01-01',
  level: 3,
  seq: i,
  scores: [88.5, 92, 79.25],
});
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
      const hash = createHash('sha256')
        .update(`${prev ?? ''}|${streamId}|${++version}|${++position}|${e.type}|${data}|${m}`)
        .digest('hex');
      insert.run(position, streamId, version, e.type, data, m, prev, hash);
      prev = hash;
    }
  });
  type Row = [number, string, number, string, string, string, string | null, string];
  const toObj = (r: Row) => ({
    position: r[0],
    streamId: r[1],
    version: r[2],
    type: r[3],
    data: JSON.parse(r[4]),
    meta: JSON.parse(r[5]),
    prevHash: r[6],
    hash: r[7],
  });
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
  name: string;
  /** Appends at the version the target last saw (re-read after a failure). */
  append(streamId: string, events: NewEvent[]): Promise<unknown> | unknown;
  /** Appends expecting no stream ('no-stream'); for the race. */
  create(streamId: string, events: NewEvent[]): Promise<unknown>;
  readStream(streamId: string): Promise<unknown[]> | unknown[];
  readAll(): Promise<number> | number;
  close(): Promise<void> | void;
}

/** Keeps each stream's version as the target last saw it; after a failed append, reads it back. */
function tracked(
  append: (streamId: string, events: NewEvent[], version: number) => Promise<unknown>,
  versionOf: (streamId: string) => Promise<number>,
): Target['append'] {
  const versions = new Map<string, number>();
  return async (streamId, events) => {
    const v = versions.get(streamId) ?? 0;
    try {
      const r = await append(streamId, events, v);
      versions.set(streamId, v + events.length);
      return r;
    } catch (e) {
      versions.set(streamId, await versionOf(streamId).catch(() => v));
      throw e;
    }
  };
}

function certflowTarget(synchronous: 'FULL' | 'NORMAL' = 'FULL'): Target {
  const store: EventStore = sqliteStore({ file: freshFile(), synchronous });
  return {
    name: 'certflow',
    append: tracked(
      (s, events, v) => store.append(s, events, { expectedVersion: v }),
      async (s) => store.streamVersion(s),
    ),
    create: (s, events) => store.append(s, events, { expectedVersion: 'no-stream' }),
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
  return {
    name: 'raw',
    append: (s, e) => raw.append(s, e),
    create: async (s, e) => raw.append(s, e),
    readStream: raw.readStream,
    readAll: raw.readAll,
    close: () => void raw.close(),
  };
}

const print = console.log.bind(console);
let emmettLogLines = 0;
console.log = () => void emmettLogLines++; // Emmett's own logging of rolled-back errors
/** Errors raised outside any awaited promise (node-sqlite3 'error' events): counted, not fatal. */
let uncaught = 0;
let firstUncaught = '';
process.on('uncaughtException', (e) => {
  uncaught++;
  firstUncaught ||= `${e.name}: ${e.message}`;
});

/** Emmett calls that never settle (a callback lost with a closed connection) fail after 10 s instead of hanging the run. */
const keepAlive = setInterval(() => undefined, 1_000);
let hung = 0;
function settleWithin<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => {
        hung++;
        reject(new Error(`${what} did not settle within 10 s`));
      }, 10_000);
    }),
  ]);
}

function emmettTarget(shared: boolean): Target {
  const fileName = freshFile();
  const connection = shared ? sqliteConnection({ fileName }) : undefined;
  const store: SQLiteEventStore = getSQLiteEventStore(
    connection ? { fileName, connectionOptions: { singleton: true, connection } } : { fileName },
  );
  const reader = connection ?? sqliteConnection({ fileName });
  const ready = reader.command('PRAGMA synchronous = FULL');
  const toEmmett = (e: NewEvent): Event =>
    ({ type: e.type, data: e.data as Record<string, unknown>, metadata: e.meta as never }) as Event;
  return {
    name: shared ? 'Emmett, one connection' : 'Emmett',
    append: tracked(
      async (s, events, v) => {
        await ready;
        return settleWithin(
          store.appendToStream(s, events.map(toEmmett), {
            expectedStreamVersion: v === 0 ? STREAM_DOES_NOT_EXIST : BigInt(v),
          }),
          'appendToStream',
        );
      },
      async (s) => (await settleWithin(store.readStream(s), 'readStream')).events.length,
    ),
    create: async (s, events) => {
      await ready;
      return settleWithin(
        store.appendToStream(s, events.map(toEmmett), { expectedStreamVersion: STREAM_DOES_NOT_EXIST }),
        'appendToStream',
      );
    },
    readStream: async (s) => (await settleWithin(store.readStream(s), 'readStream')).events,
    readAll: async () => {
      let n = 0;
      for (let after = 0n; ; ) {
        const batch = await settleWithin(readMessagesBatch(reader, { after, batchSize: 500 }), 'readMessagesBatch');
        n += batch.messages.length;
        if (!batch.areEventsLeft || batch.messages.length === 0) return n;
        after = batch.currentGlobalPosition;
      }
    },
    close: () => reader.close(),
  };
}

/** One unit of work; `i` counts units. Returns how many operations it did. */
type Step = (t: Target, i: number) => Promise<number>;

const single: Step = async (t, i) => {
  await t.append(`application-s${i % 50}`, [newEvent(i)]);
  return 1;
};
const batchOf10: Step = async (t, i) => {
  await t.append(
    `exam-b${i % 20}`,
    Array.from({ length: 10 }, (_, k) => newEvent(i * 10 + k)),
  );
  return 10;
};
const concurrent: Step = async (t, i) => {
  await Promise.all(Array.from({ length: CONCURRENT }, (_, w) => t.append(`quota-c${w}`, [newEvent(i)])));
  return CONCURRENT;
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
type Tally = { ops: number; ms: number; chunks: number; failed: number; firstError?: string };
function report(label: string, unit: string, targets: Target[], tallies: Tally[]) {
  const rate = (x: Tally) => (x.ms > 0 ? (x.ops / x.ms) * 1000 : 0);
  const base = rate(tallies[1]!);
  const cells = targets.map((t, k) => {
    const x = tallies[k]!;
    const failed = x.failed > 0 ? ` [${x.failed}/${x.chunks} chunks failed]` : '';
    if (k === 1) return `${t.name} ${fmt(rate(x))}`;
    const ratio = rate(x) / base;
    const goal = k === 0 && ratio < 0.5 ? ' below the 0.5× goal' : '';
    return `${t.name} ${fmt(rate(x))} (${ratio.toFixed(2)}×${goal})${failed}`;
  });
  print(`${label.padEnd(38)} ${unit}/s: ${cells.join('   ')}`);
  targets.forEach((t, k) => {
    if (tallies[k]!.firstError) print(`      ${t.name} failed: ${tallies[k]!.firstError}`);
  });
}

/**
 * Runs `units` steps on every target, alternating in chunks (the order
 * rotating), so the disk's fsync latency (which dominates under
 * synchronous=FULL and drifts) hits all alike. certflow first, raw second.
 */
async function compare(
  label: string,
  unit: string,
  step: Step,
  units: number,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
  withEmmett = true,
  chunk = 25,
) {
  const targets = [
    certflowTarget(synchronous),
    rawTarget(synchronous),
    ...(withEmmett ? [emmettTarget(false), emmettTarget(true)] : []),
  ];
  const tallies: Tally[] = targets.map(() => ({ ops: 0, ms: 0, chunks: 0, failed: 0 }));
  const warm = chunk;
  // Each target keeps its own step counter, so a failed chunk does not leave
  // it behind on versions: it resumes from the stream's actual version.
  for (let from = 0, round = 0; from < warm + units; from += chunk, round++) {
    for (let j = 0; j < targets.length; j++) {
      const k = (j + round) % targets.length;
      const t = targets[k]!;
      const x = tallies[k]!;
      const before = uncaught;
      const t0 = performance.now();
      let ops = 0;
      try {
        for (let i = from; i < Math.min(warm + units, from + chunk); i++) ops += await step(t, i);
        if (uncaught > before) throw new Error(firstUncaught);
        if (from >= warm) {
          x.ops += ops;
          x.ms += performance.now() - t0;
        }
      } catch (e) {
        x.failed++;
        x.firstError ??= `${(e as Error).name}: ${(e as Error).message}`.slice(0, 160);
        await resync();
      }
      x.chunks++;
    }
  }
  for (const t of targets) await t.close();
  report(label, unit, targets, tallies);
}

/** After a failed chunk, the streams a step writes may be at any version: later steps then fail too, which is counted. */
async function resync() {
  await new Promise((r) => setTimeout(r, 50)); // let stray callbacks of a failed Emmett call land before the next chunk
}

async function compareReads() {
  const targets = [certflowTarget(), rawTarget(), emmettTarget(false), emmettTarget(true)];
  const failedWrites = targets.map(() => 0);
  for (const [k, t] of targets.entries()) {
    const write = async (streamId: string, events: NewEvent[]) => {
      try {
        await t.append(streamId, events);
      } catch {
        failedWrites[k]!++;
      }
    };
    for (let v = 0; v < STREAM_LEN; v += 10)
      await write(
        'application-long',
        Array.from({ length: 10 }, (_, j) => newEvent(v + j)),
      );
    for (let i = 0; i < 4_000; i++) await write(`exam-r${i % 40}`, [newEvent(i)]);
  }
  targets.forEach((t, k) => {
    if (failedWrites[k]! > 0)
      print(`  (${t.name}: ${failedWrites[k]} of ${STREAM_LEN / 10 + 4_000} appends writing the read data failed)`);
  });
  const stream = async (t: Target) => {
    let n = 0;
    for (let i = 0; i < READ_REPEATS; i++) n += (await t.readStream('application-long')).length;
    if (n !== READ_REPEATS * STREAM_LEN) throw new Error(`short read: ${n}`);
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
    // Best of 7 rounds, the order rotating.
    const best: Tally[] = targets.map(() => ({ ops: 0, ms: Infinity, chunks: 0, failed: 0 }));
    for (let round = 0; round < 7; round++) {
      for (let j = 0; j < targets.length; j++) {
        const k = (j + round) % targets.length;
        const t0 = performance.now();
        try {
          const ops = await work(targets[k]!);
          const ms = performance.now() - t0;
          if (ms < best[k]!.ms) Object.assign(best[k]!, { ops, ms });
        } catch (e) {
          best[k]!.failed++;
          best[k]!.firstError ??= `${(e as Error).name}: ${(e as Error).message}`.slice(0, 160);
        }
        best[k]!.chunks++;
      }
    }
    report(label, 'events', targets, best);
  }
  for (const t of targets) await t.close();
}

async function noStreamRace() {
  const file = freshFile();
  const a = sqliteStore({ file });
  const b = sqliteStore({ file }); // a second connection to the same file
  const ea = emmettTarget(false);
  const es = emmettTarget(true);
  const pair = (x: EventStore, y: EventStore) => ({
    create: (s: string, first: boolean) => (first ? x : y).append(s, [newEvent(1)], { expectedVersion: 'no-stream' }),
    count: async (s: string) => (await a.readStream(s)).length,
    clean: (r: PromiseSettledResult<unknown>) => r.status === 'fulfilled' || r.reason instanceof ConcurrencyError,
  });
  const emmettPair = (t: Target) => ({
    create: (s: string) => t.create(s, [newEvent(1)]),
    count: async (s: string) => (await t.readStream(s)).length,
    clean: () => true,
  });
  const cases = [
    ['certflow, one store', pair(a, a)],
    ['certflow, two connections to one file', pair(a, b)],
    ['Emmett (connection per call)', emmettPair(ea)],
    ['Emmett, one shared connection', emmettPair(es)],
  ] as const;
  print(`'no-stream' race, ${RACES} trials of two concurrent appends to a new stream:`);
  let bad = 0;
  for (const [n, [label, c]] of cases.entries()) {
    const tally = { one: 0, both: 0, none: 0, other: 0 };
    for (let i = 0; i < RACES; i++) {
      const streamId = `quota-race-${n}-${i}`;
      const before = uncaught;
      const results = await Promise.allSettled([c.create(streamId, true), c.create(streamId, false)]);
      await new Promise((r) => setImmediate(r));
      const won = results.filter((r) => r.status === 'fulfilled').length;
      const stored = await c.count(streamId).catch(() => -1);
      if (won === 1 && stored === 1 && results.every(c.clean) && uncaught === before) tally.one++;
      else if (won === 2 || stored === 2) tally.both++;
      else if (won === 0) tally.none++;
      else tally.other++;
    }
    print(
      `  ${label.padEnd(40)} exactly one winner ${tally.one}, both won ${tally.both}, neither ${tally.none}, anything else ${tally.other}`,
    );
    if (label.startsWith('certflow')) bad += RACES - tally.one;
  }
  await a.close();
  await b.close();
  await ea.close();
  await es.close();
  return bad;
}

try {
  print('sqliteStore vs raw better-sqlite3, same process, WAL, one transaction per append');
  print('synchronous=FULL (the default; an fsync per commit):');
  await compare(`  append: single events (${fmt(SINGLE)})`, 'appends', single, SINGLE);
  await compare(`  append: batches of 10 (${fmt(BATCHES)})`, 'events', batchOf10, BATCHES);
  await compare(
    `  append: ${CONCURRENT} concurrent appenders`,
    'appends',
    concurrent,
    SINGLE / CONCURRENT,
    'FULL',
    true,
    4,
  );
  print(
    "synchronous=NORMAL (opt-in; no fsync per commit, so certflow's own work shows; Emmett's connection has no such option):",
  );
  await compare(`  append: single events (${fmt(SINGLE)})`, 'appends', single, SINGLE, 'NORMAL', false);
  await compare(`  append: batches of 10 (${fmt(BATCHES)})`, 'events', batchOf10, BATCHES, 'NORMAL', false);
  await compare(
    `  append: ${CONCURRENT} concurrent appenders`,
    'appends',
    concurrent,
    SINGLE / CONCURRENT,
    'NORMAL',
    false,
    4,
  );
  print('reads (best of 7):');
  await compareReads();
  const bad = await noStreamRace();
  if (emmettLogLines > 0) print(`(Emmett logged ${emmettLogLines} lines of errors it rolled back; suppressed above)`);
  if (hung > 0) print(`(Emmett calls that never settled and were given up after 10 s: ${hung})`);
  if (uncaught > 0)
    print(`(uncaught errors raised outside any awaited call: ${uncaught}, the first: ${firstUncaught})`);
  if (bad > 0) process.exitCode = 1;
} finally {
  clearInterval(keepAlive);
  rmSync(dir, { recursive: true, force: true });
}
