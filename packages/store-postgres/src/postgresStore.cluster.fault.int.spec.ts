import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyLog, type StoredEvent } from '@certflow/core';
import pg from 'pg';
import { testEvents, testRulePack } from '@certflow/core/testing';
import { postgresStore, postgresStoreWithHooks } from './postgresStore.js';
import { clusterControl, faultClusters } from './testing/faultClusters.js';
import { testSchemaName } from './testing/pgTestEnv.js';
import { spawnWorker } from './testing/processFixture.js';

const clusters = faultClusters();
const faultWorker = fileURLToPath(new URL('./testing/faultWorker.ts', import.meta.url));
const engineWorker = fileURLToPath(new URL('./testing/engineFaultWorker.ts', import.meta.url));
const OCCUPATIONS = ['6-18-01-01', '6-18-01-02'];
const QUOTA_MAX = testRulePack.quotas.find((q) => q.id === 'per-occupation')!.max;

interface Filing {
  streamId: string;
  occupation: string;
  round: number;
  ok: boolean;
  code?: string;
}

/**
 * What the engine workers left in their schema, checked: every chain verifies,
 * nothing acknowledged is missing, nothing is recorded twice, the quota is
 * never exceeded in commit order, and no place is leaked.
 */
function checkEngineLog(all: StoredEvent[], filings: Filing[], revoked: Set<string>) {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of all) (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
  for (const [streamId, events] of byStream) {
    expect(
      events.map((e) => e.version),
      streamId,
    ).toEqual(events.map((_, i) => i + 1));
    expect(verifyLog(events).ok, streamId).toBe(true);
  }
  let duplicated = 0;
  for (const [streamId, events] of byStream) {
    if (streamId.startsWith('quota-')) continue;
    // Each commandId recorded one batch (consecutive events that appear nowhere else).
    const runs = events.map((e) => e.meta.commandId).filter((id, i, ids) => i === 0 || ids[i - 1] !== id);
    duplicated += runs.length - new Set(runs).size;
    for (const type of ['ApplicationSubmitted', 'FilingCompleted', 'FilingRevoked'])
      duplicated += Math.max(0, events.filter((e) => e.type === type).length - 1);
  }
  const okFilings = filings
    .filter((f) => f.ok)
    .map((f) => f.streamId)
    .sort();
  const stored = all
    .filter((e) => e.type === 'FilingCompleted')
    .map((e) => e.streamId)
    .sort();
  const storedRevoked = new Set(all.filter((e) => e.type === 'FilingRevoked').map((e) => e.streamId));
  const lost =
    okFilings.filter((s) => !stored.includes(s)).length + [...revoked].filter((s) => !storedRevoked.has(s)).length;
  // Every filing refused was refused by the quota, and every one reported done is stored (and nothing else).
  expect(new Set(filings.filter((f) => !f.ok).map((f) => f.code))).toEqual(
    new Set(filings.some((f) => !f.ok) ? ['RULE_VIOLATION'] : []),
  );
  expect(stored).toEqual(okFilings);
  // In commit order, the filings in force per occupation never pass the maximum.
  const occupationOf = new Map(filings.map((f) => [f.streamId, f.occupation]));
  const inForce = new Map<string, Set<string>>(OCCUPATIONS.map((c) => [c, new Set()]));
  let overflows = 0;
  for (const e of all) {
    const set = inForce.get(occupationOf.get(e.streamId) ?? '');
    if (!set) continue;
    if (e.type === 'FilingCompleted') set.add(e.streamId);
    else if (e.type === 'FilingRevoked') set.delete(e.streamId);
    if (set.size > QUOTA_MAX) overflows++;
  }
  let leaked = 0;
  for (const code of OCCUPATIONS) {
    const quota = `quota-per-occupation-${code}`;
    const holders = new Set<string>();
    for (const e of byStream.get(quota) ?? []) {
      const holder = (e.data as { holder: string }).holder;
      if (e.type === 'QuotaPlaceReserved') {
        if (holders.has(holder)) duplicated++;
        holders.add(holder);
      } else holders.delete(holder);
      if (holders.size > QUOTA_MAX) overflows++;
    }
    // The holders at the end are exactly the filings of that occupation still in force.
    const expected = [...inForce.get(code)!].sort();
    leaked += [...holders].filter((h) => !expected.includes(h)).length;
    expect([...holders].sort(), quota).toEqual(expected);
  }
  return { lost, duplicated, overflows, leaked, recorded: stored.length, refused: filings.length - okFilings.length };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

describe.skipIf(clusters === undefined)(
  'postgresStore on a primary with a synchronous standby: restarts, freezes, kills, failover',
  () => {
    it('readers and subscriptions on the hot standby hold back a later commit until the earlier-positioned transaction ends', {
      timeout: 60_000,
    }, async () => {
      const { primary, standby } = clusters!;
      const schema = testSchemaName('standby');
      let releaseA!: () => void;
      const heldA = new Promise<void>((r) => (releaseA = r));
      let reachedA!: () => void;
      const reached = new Promise<void>((r) => (reachedA = r));
      const writer = postgresStoreWithHooks(
        { connectionString: primary.url, schema },
        {
          async afterReserve(streamId) {
            if (streamId !== 'application-A') return;
            reachedA();
            await heldA;
          },
        },
      );
      const reader = postgresStore({
        connectionString: primary.url,
        replicaConnectionString: standby.url,
        schema,
        pollIntervalMs: 50,
      });
      const onStandby = new pg.Client({ connectionString: standby.url });
      await onStandby.connect();
      try {
        await writer.append('exam-0', testEvents(1), { expectedVersion: 'no-stream' });
        const seen: string[] = [];
        const sub = reader.subscribe({ name: 'standby-watch', handler: (e) => void seen.push(e.streamId) });
        await sub.waitUntilCaughtUp();
        const appendA = writer.append('application-A', testEvents(1), { expectedVersion: 'no-stream' });
        await reached;
        await writer.append('application-B', testEvents(1), { expectedVersion: 'no-stream' });
        // remote_apply: B is already visible on the standby, A is not.
        const rows = await onStandby.query(`SELECT stream_id FROM "${schema}".events ORDER BY position`);
        expect(rows.rows.map((r) => r.stream_id)).toEqual(['exam-0', 'application-B']);
        await sleep(300);
        expect(seen).toEqual(['exam-0']);
        let readDone = false;
        const reading = collect(reader.readAll()).then((events) => {
          readDone = true;
          return events.map((e) => e.streamId);
        });
        await sleep(300);
        expect(readDone).toBe(false);
        releaseA();
        await appendA;
        expect(await reading).toEqual(['exam-0', 'application-A', 'application-B']);
        await sub.waitUntilCaughtUp();
        expect(seen).toEqual(['exam-0', 'application-A', 'application-B']);
        await sub.stop();
      } finally {
        releaseA();
        await onStandby.end();
        await reader.close();
        await writer.close();
      }
    });

    it('under multi-process load: 0 acknowledged events lost, 0 duplicated, every subscription delivery in order, every chain verifies', {
      timeout: 240_000,
    }, async () => {
      const { primary, standby } = clusters!;
      const schema = testSchemaName('cluster');
      // Writers list both hosts: after the primary dies and the standby is
      // promoted they find the new primary themselves.
      const writerUrl = `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/postgres?target_session_attrs=read-write`;
      const readerUrl = standby.url;
      const streams = Array.from({ length: 6 }, (_, i) => `exam-cluster-${i}`).join(',');
      const seconds = 45;

      // The subscriber reads from the hot standby; its checkpoints go to the primary.
      const reader = postgresStore({
        connectionString: writerUrl,
        replicaConnectionString: readerUrl,
        schema,
        connectTimeoutMs: 2_000,
      });
      await reader.streamVersion('exam-cluster-0'); // creates the schema
      // The engine workload has a schema of its own, watched by a subscription on the standby too.
      const engineSchema = testSchemaName('cluster_engine');
      const engineReader = postgresStore({
        connectionString: writerUrl,
        replicaConnectionString: readerUrl,
        schema: engineSchema,
        connectTimeoutMs: 2_000,
      });
      await engineReader.streamVersion('quota-x');
      const engineDelivered: number[] = [];
      const engineSub = engineReader.subscribe({
        name: 'cluster-fault-engine',
        handler: (e) => void engineDelivered.push(e.position),
        retry: { initialDelayMs: 20, maxDelayMs: 500 },
      });
      const delivered: number[] = [];
      const sub = reader.subscribe({
        name: 'cluster-fault',
        handler: (e) => void delivered.push(e.position),
        retry: { initialDelayMs: 20, maxDelayMs: 500 },
      });

      const workers = Array.from({ length: 3 }, (_, i) =>
        spawnWorker(faultWorker, [writerUrl, schema, `w${i}`, streams, String(seconds)]),
      );
      const engines = Array.from({ length: 2 }, (_, i) =>
        spawnWorker(engineWorker, [writerUrl, engineSchema, String(i + 1), OCCUPATIONS.join(','), String(seconds)]),
      );
      const faults: string[] = [];
      try {
        for (const w of [...workers, ...engines]) expect((await w.next((m) => 'core' in m)).core).toBe('source');
        const acks = () => workers.reduce((n, w) => n + w.messages.filter((m) => 'ack' in m).length, 0);
        const engineSteps = () =>
          engines.reduce((n, w) => n + w.messages.filter((m) => 'filing' in m || 'revoked' in m).length, 0);
        // After each fault both workloads make progress again before the next one.
        const progress = async (label: string) => {
          const before = acks();
          const engineBefore = engineSteps();
          for (let i = 0; i < 200 && (acks() < before + 5 || engineSteps() < engineBefore + 3); i++) await sleep(100);
          faults.push(`${label} (+${acks() - before} acks, +${engineSteps() - engineBefore} filings/revocations)`);
        };

        await progress('warm-up');
        clusterControl.restart(primary);
        await progress('primary restarted');
        await clusterControl.freeze(primary, 3_000);
        await progress('primary frozen 3 s (SIGSTOP)');
        clusterControl.kill(primary);
        await clusterControl.start(primary);
        await progress('primary killed (SIGKILL) and started');
        await clusterControl.freeze(standby, 2_000);
        await progress('standby frozen 2 s (SIGSTOP)');
        // The primary dies for good; the synchronous standby takes over.
        clusterControl.kill(primary);
        clusterControl.promote(standby);
        await progress('primary killed, standby promoted');

        const exits = await Promise.all([...workers, ...engines].map((w) => w.done));
        exits.forEach(
          (exit, i) =>
            void expect(exit.code, `${i < workers.length ? 'store' : 'engine'} worker ${i}: ${exit.stderr}`).toBe(0),
        );
      } finally {
        for (const w of [...workers, ...engines]) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      }

      // Everything now lives on the promoted standby.
      const after = postgresStore({ connectionString: standby.url, schema });
      const engineAfter = postgresStore({ connectionString: standby.url, schema: engineSchema });
      try {
        // The engine workload: no raw error reached a caller, and the log holds exactly what the callers were told.
        expect(engines.flatMap((w) => w.messages.filter((m) => 'raw' in m))).toEqual([]);
        const engineAll = await collect(engineAfter.readAll());
        const filings = engines.flatMap((w) => w.messages.filter((m) => 'filing' in m).map((m) => m.filing as Filing));
        const revoked = new Set(
          engines.flatMap((w) => w.messages.filter((m) => 'revoked' in m).map((m) => m.revoked as string)),
        );
        const engineCounts = engines.map((w) => w.messages.find((m) => 'done' in m)!.done as Record<string, number>);
        const engineTotal = (k: string) => engineCounts.reduce((n, c) => n + (c[k] ?? 0), 0);
        const engine = checkEngineLog(engineAll, filings, revoked);
        await engineSub.waitUntilCaughtUp();
        const engineDistinct = [...new Set(engineDelivered)];
        console.log(
          `cluster fault suite, engine: ${engineTotal('commands')} engine commands (${engineTotal('attempts')} attempts) by ${engines.length} processes through ${faults.length - 1} faults ` +
            `(a restart, a kill and restart, two freezes, a kill and failover), ${engineTotal('unknown')} outcome-unknown and ${engineTotal('notWritten')} not-written errors retried with the same commandId; ` +
            `${engine.recorded} filings recorded, ${engine.refused} refused by the quota, ${revoked.size} revoked; ` +
            `lost ${engine.lost}, duplicated ${engine.duplicated}, quota overflows ${engine.overflows}, leaked places ${engine.leaked}; ` +
            `subscription: ${engineDelivered.length} deliveries of ${engineDistinct.length} events (${engineAll.length} stored)`,
        );
        expect(engine).toMatchObject({ lost: 0, duplicated: 0, overflows: 0, leaked: 0 });
        expect(engine.recorded).toBeGreaterThan(0);
        expect(engine.refused).toBeGreaterThan(0);
        expect(revoked.size).toBeGreaterThan(0);
        expect(engineDistinct).toEqual(engineAll.map((e) => e.position));
        for (let i = 1; i < engineDelivered.length; i++)
          expect(engineDelivered[i]).toBeGreaterThan(engineDelivered[i - 1]!);

        const all = await collect(after.readAll());
        const ids = all.map((e) => (e.data as { id: string }).id);
        const acked = workers.flatMap((w) =>
          w.messages.filter((m) => 'ack' in m).flatMap((m) => (m.ack as { ids: string[] }).ids),
        );
        const stored = new Set(ids);
        const lost = acked.filter((id) => !stored.has(id));
        const duplicated = ids.length - stored.size;
        const counts = workers.map((w) => w.messages.find((m) => 'done' in m)!.done as Record<string, number>);
        const total = (k: string) => counts.reduce((n, c) => n + (c[k] ?? 0), 0);

        await sub.waitUntilCaughtUp();
        const health = await sub.health();
        const distinct = [...new Set(delivered)];
        console.log(
          `cluster fault suite: ${acked.length} events acknowledged in ${workers.reduce((n, w) => n + w.messages.filter((m) => 'ack' in m).length, 0)} appends, ` +
            `${all.length} stored, lost ${lost.length}, duplicated ${duplicated}; ` +
            `faults: ${faults.join('; ')}; ` +
            `writer errors retried: ${total('unavailable')} not-written, ${total('unknown')} unknown (${total('recovered')} found committed); ` +
            `subscription: ${delivered.length} deliveries of ${distinct.length} events, ${health.retries} store errors retried`,
        );
        expect(lost).toEqual([]);
        expect(duplicated).toBe(0);
        expect(stored.size).toBe(all.length);
        // Every acknowledged event is stored, and nothing but them and the
        // appends whose outcome was unknown (recovered by the retry) is.
        expect(acked.length).toBe(all.length);
        for (const streamId of streams.split(',')) {
          const events = all.filter((e) => e.streamId === streamId);
          expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
          expect(verifyLog(events).ok).toBe(true);
        }
        expect(distinct).toEqual(all.map((e) => e.position));
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]).toBeGreaterThan(delivered[i - 1]!);
      } finally {
        await sub.stop();
        await engineSub.stop();
        await reader.close();
        await engineReader.close();
        await after.close();
        await engineAfter.close();
      }
    });
  },
);
