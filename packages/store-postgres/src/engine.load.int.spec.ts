import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FilingCatalog, verifyLog, type StoredEvent } from '@certflow/core';
import { testRulePack } from '@certflow/core/testing';
import type { Ack } from '../../core/src/readModels/engineWorkload.fixtures.js';
import { postgresStore } from './postgresStore.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';
import { spawnWorker } from './testing/processFixture.js';

const { skip } = await postgresForTests();
const engineWorker = fileURLToPath(new URL('./testing/engineWorker.ts', import.meta.url));

const WORKERS = 4;
const APPLICATIONS = 6;
const OCCUPATIONS = ['6-18-01-01', '6-18-01-02', '6-18-01-03'];
const QUOTA_MAX = testRulePack.quotas.find((q) => q.id === 'per-occupation')!.max;
const SHARED = ['exam-shared-a', 'exam-shared-b'];

describe.skipIf(skip)('engine on PostgreSQL: four processes filing against one quota', () => {
  const schema = testSchemaName('engine_load');
  afterAll(() => dropSchemas([schema]));

  it('keeps every quota, loses and duplicates nothing, chains verify, and live readers see every event once', {
    timeout: 180_000,
  }, async () => {
    const store = postgresStore({ connectionString: PG_URL, schema, pollIntervalMs: 50 });
    try {
      await store.streamVersion('quota-x'); // migrate before the workers race to
      const seen: StoredEvent[] = [];
      const sub = store.subscribe({ name: 'engine-load-watch', handler: (e) => void seen.push(e) });
      const catalog = new FilingCatalog(store, { rulePacks: [testRulePack] });
      await catalog.start();
      const goFile = join(mkdtempSync(join(tmpdir(), 'certflow-engine-load-')), 'go');
      const workers = Array.from({ length: WORKERS }, (_, i) =>
        spawnWorker(engineWorker, [
          PG_URL,
          schema,
          String(i + 1),
          String(APPLICATIONS),
          OCCUPATIONS.join(','),
          SHARED.join(','),
          goFile,
        ]),
      );
      // Every worker submits its applications, then waits: the filings start everywhere at once, so they race.
      await Promise.all(
        workers.map((w) =>
          Promise.race([
            w.next((m) => 'ready' in m),
            w.done.then((x) => Promise.reject(new Error(`worker exited before it was ready: ${x.stderr}`))),
          ]),
        ),
      );
      writeFileSync(goFile, '');
      const exits = await Promise.all(workers.map((w) => w.done));
      for (const x of exits) expect(x, x.stderr).toMatchObject({ code: 0 });
      for (const w of workers) expect(w.messages.find((m) => 'core' in m)?.core).toBe('source');
      const acks = workers.flatMap((w) => w.messages.filter((m) => 'ack' in m).map((m) => m.ack as Ack));
      const refused = workers.flatMap((w) =>
        w.messages
          .filter((m) => 'refused' in m)
          .map((m) => m.refused as { streamId: string; occupation: string; code: string }),
      );
      const retries = workers.map((w) => (w.messages.find((m) => 'done' in m)!.done as { retries: number }).retries);

      const all: StoredEvent[] = [];
      for await (const e of store.readAll()) all.push(e);

      // Every stream's versions are 1..n and every hash chain verifies.
      const byStream = new Map<string, StoredEvent[]>();
      for (const e of all) (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
      for (const [streamId, events] of byStream)
        expect(
          events.map((e) => e.version),
          streamId,
        ).toEqual(events.map((_, i) => i + 1));
      expect(verifyLog(all)).toMatchObject({ ok: true });

      // What the workers were told is exactly what the machine and shared streams hold: nothing lost, nothing extra, nothing twice.
      const key = (streamId: string, v: { version: number; position: number; type: string }) =>
        `${streamId}#${v.version}@${v.position}:${v.type}`;
      const acked = acks.flatMap((a) => a.events.map((e) => key(a.streamId, e)));
      expect(new Set(acked).size).toBe(acked.length);
      const stored = all.filter((e) => !e.streamId.startsWith('quota-')).map((e) => key(e.streamId, e));
      expect([...acked].sort()).toEqual([...stored].sort());

      // The quota held: at most QUOTA_MAX filings per occupation, every refusal a rule violation, and the reservation streams agree.
      const filedBy = new Map<string, string[]>();
      for (const e of all.filter((x) => x.type === 'FilingCompleted')) {
        const code = (e.data as { scope: { code: string }[] }).scope[0]!.code;
        filedBy.set(code, [...(filedBy.get(code) ?? []), e.streamId]);
      }
      for (const code of OCCUPATIONS) {
        expect(filedBy.get(code)?.length, code).toBe(QUOTA_MAX);
        const holders = new Set<string>();
        for (const e of byStream.get(`quota-per-occupation-${code}`) ?? []) {
          const holder = (e.data as { holder: string }).holder;
          if (e.type === 'QuotaPlaceReserved') holders.add(holder);
          else holders.delete(holder);
        }
        expect([...holders].sort(), code).toEqual([...filedBy.get(code)!].sort());
      }
      expect(refused.length).toBe(WORKERS * APPLICATIONS - OCCUPATIONS.length * QUOTA_MAX);
      expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['RULE_VIOLATION']));

      // A subscriber and a read model that ran during the load saw every event exactly once.
      await sub.waitUntilCaughtUp();
      await sub.stop();
      expect(seen.map((e) => e.position)).toEqual(all.map((e) => e.position));
      await catalog.waitUntilCaughtUp();
      expect(
        catalog
          .list()
          .map((e) => e.streamId)
          .sort(),
      ).toEqual([...filedBy.values()].flat().sort());
      expect(new Set(catalog.list().map((e) => e.status))).toEqual(new Set(['suspended']));
      await catalog.stop();
      console.log(
        `engine load: ${all.length} events by ${WORKERS} processes, ${acks.length} acknowledged commands and appends, ` +
          `${refused.length} filings refused by the quota, ${retries.join('+')} append retries`,
      );
    } finally {
      await store.close();
    }
  });
});
