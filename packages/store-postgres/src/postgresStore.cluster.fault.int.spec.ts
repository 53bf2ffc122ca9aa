import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyLog, type StoredEvent } from '@certflow/core';
import pg from 'pg';
import { testEvents } from '@certflow/core/testing';
import { postgresStore, postgresStoreWithHooks } from './postgresStore.js';
import { clusterControl, faultClusters } from './testing/faultClusters.js';
import { testSchemaName } from './testing/pgTestEnv.js';
import { spawnWorker } from './testing/processFixture.js';

const clusters = faultClusters();
const faultWorker = fileURLToPath(new URL('./testing/faultWorker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function collect(iter: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

describe.skipIf(clusters === undefined)('postgresStore on a primary with a synchronous standby: restarts, freezes, kills, failover', () => {
  it('readers and subscriptions on the hot standby hold back a later commit until the earlier-positioned transaction ends', { timeout: 60_000 }, async () => {
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
    const reader = postgresStore({ connectionString: primary.url, replicaConnectionString: standby.url, schema, pollIntervalMs: 50 });
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

  it(
    'under multi-process load: 0 acknowledged events lost, 0 duplicated, every subscription delivery in order, every chain verifies',
    { timeout: 240_000 },
    async () => {
      const { primary, standby } = clusters!;
      const schema = testSchemaName('cluster');
      // Writers list both hosts: after the primary dies and the standby is
      // promoted they find the new primary themselves.
      const writerUrl = `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/postgres?target_session_attrs=read-write`;
      const readerUrl = standby.url;
      const streams = Array.from({ length: 6 }, (_, i) => `exam-cluster-${i}`).join(',');
      const seconds = 45;

      // The subscriber reads from the hot standby; its checkpoints go to the primary.
      const reader = postgresStore({ connectionString: writerUrl, replicaConnectionString: readerUrl, schema, connectTimeoutMs: 2_000 });
      await reader.streamVersion('exam-cluster-0'); // creates the schema
      const delivered: number[] = [];
      const sub = reader.subscribe({
        name: 'cluster-fault',
        handler: (e) => void delivered.push(e.position),
        retry: { initialDelayMs: 20, maxDelayMs: 500 },
      });

      const workers = Array.from({ length: 3 }, (_, i) => spawnWorker(faultWorker, [writerUrl, schema, `w${i}`, streams, String(seconds)]));
      const faults: string[] = [];
      try {
        for (const w of workers) expect((await w.next((m) => 'core' in m)).core).toBe('source');
        const acks = () => workers.reduce((n, w) => n + w.messages.filter((m) => 'ack' in m).length, 0);
        const progress = async (label: string) => {
          const before = acks();
          for (let i = 0; i < 200 && acks() < before + 5; i++) await sleep(100);
          faults.push(`${label} (+${acks() - before} acks)`);
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

        const exits = await Promise.all(workers.map((w) => w.done));
        for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
      } finally {
        for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      }

      // Everything now lives on the promoted standby.
      const after = postgresStore({ connectionString: standby.url, schema });
      try {
        const all = await collect(after.readAll());
        const ids = all.map((e) => (e.data as { id: string }).id);
        const acked = workers.flatMap((w) => w.messages.filter((m) => 'ack' in m).flatMap((m) => (m.ack as { ids: string[] }).ids));
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
        await reader.close();
        await after.close();
      }
    },
  );
});
