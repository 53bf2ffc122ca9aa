import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyLog, type StoredEvent } from '@certflow/core';
import { testRulePack } from '@certflow/core/testing';
import { postgresStore } from './postgresStore.js';
import { startFaultProxy } from './testing/faultProxy.js';
import { PG_URL, dropSchemas, postgresForTests, testSchemaName } from './testing/pgTestEnv.js';
import { spawnWorker } from './testing/processFixture.js';

const { skip } = await postgresForTests();
const worker = fileURLToPath(new URL('./testing/quotaFaultWorker.ts', import.meta.url));

const WORKERS = 3;
const APPLICATIONS = 4;
const OCCUPATIONS = ['6-18-01-01', '6-18-01-02'];
const QUOTA_MAX = testRulePack.quotas.find((q) => q.id === 'per-occupation')!.max;

interface Filing {
  streamId: string;
  occupation: string;
  round: number;
  ok: boolean;
  code?: string;
}

describe.skipIf(skip)('engine on PostgreSQL behind a proxy that loses replies and cuts connections', () => {
  const schema = testSchemaName('quota_fault');
  afterAll(() => dropSchemas([schema]));

  it('three processes filing against one quota: it is never exceeded, no place is leaked, nothing is duplicated', {
    timeout: 240_000,
  }, async () => {
    const direct = postgresStore({ connectionString: PG_URL, schema });
    const target = new URL(PG_URL);
    const proxy = await startFaultProxy(
      { host: target.hostname, port: Number(target.port || 5432) },
      { seed: 13, dropRate: 0.02 },
    );
    const viaProxy = new URL(PG_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    let killer: NodeJS.Timeout | undefined;
    try {
      await direct.streamVersion('quota-x'); // migrate before the workers start
      const dir = mkdtempSync(join(tmpdir(), 'certflow-quota-fault-'));
      const [goFile, secondGoFile] = [join(dir, 'go'), join(dir, 'second')];
      const workers = Array.from({ length: WORKERS }, (_, i) =>
        spawnWorker(worker, [
          viaProxy.toString(),
          schema,
          String(i + 1),
          String(APPLICATIONS),
          OCCUPATIONS.join(','),
          goFile,
          secondGoFile,
        ]),
      );
      await Promise.all(
        workers.map((w) =>
          Promise.race([
            w.next((m) => 'ready' in m),
            w.done.then((x) => Promise.reject(new Error(`worker exited before it was ready: ${x.stderr}`))),
          ]),
        ),
      );
      // Filings start everywhere at once; meanwhile every connection is cut every 100 ms (a server restart as clients see it;
      // often enough that a short run on a fast machine still sees some cut).
      proxy.dropRate = 0.04;
      // Most statements that record a filing (4 in 5) lose their reply: committed, and the caller never hears of it.
      proxy.target = { text: 'FilingCompleted', rate: 0.8 };
      killer = setInterval(() => proxy.killAll(), 100);
      writeFileSync(goFile, '');
      await Promise.all(
        workers.map((w) =>
          Promise.race([
            w.next((m) => 'firstRound' in m),
            w.done.then((x) => Promise.reject(new Error(`worker exited in its first round: ${x.stderr}`))),
          ]),
        ),
      );
      writeFileSync(secondGoFile, '');
      const exits = await Promise.all(workers.map((w) => w.done));
      clearInterval(killer);
      for (const x of exits) expect(x, x.stderr).toMatchObject({ code: 0 });
      for (const w of workers) expect(w.messages.find((m) => 'core' in m)?.core).toBe('source');
      // No raw error reached a caller of the engine.
      expect(workers.flatMap((w) => w.messages.filter((m) => 'raw' in m))).toEqual([]);
      const filings = workers.flatMap((w) => w.messages.filter((m) => 'filing' in m).map((m) => m.filing as Filing));
      const revoked = new Set(
        workers.flatMap((w) => w.messages.filter((m) => 'revoked' in m).map((m) => m.revoked as string)),
      );
      const counts = workers.map(
        (w) =>
          w.messages.find((m) => 'done' in m)!.done as {
            attempts: number;
            unknown: number;
            notWritten: number;
            raw: number;
          },
      );

      const all: StoredEvent[] = [];
      for await (const e of direct.readAll()) all.push(e);
      expect(verifyLog(all)).toMatchObject({ ok: true });
      const byStream = new Map<string, StoredEvent[]>();
      for (const e of all) (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);

      // Nothing duplicated: on every stream each commandId recorded one batch (its events are
      // consecutive and appear nowhere else), and each application was submitted and filed at most once.
      for (const [streamId, events] of byStream) {
        if (streamId.startsWith('quota-')) continue;
        const runs = events.map((e) => e.meta.commandId).filter((id, i, ids) => i === 0 || ids[i - 1] !== id);
        expect(new Set(runs).size, streamId).toBe(runs.length);
        expect(
          events.filter((e) => e.type === 'ApplicationSubmitted'),
          streamId,
        ).toHaveLength(1);
        expect(events.filter((e) => e.type === 'FilingCompleted').length, streamId).toBeLessThanOrEqual(1);
      }
      expect(filings.filter((f) => f.round === 1)).toHaveLength(WORKERS * APPLICATIONS);

      // Every filing the workers were told about is what the streams hold.
      const okFilings = filings
        .filter((f) => f.ok)
        .map((f) => f.streamId)
        .sort();
      const stored = all
        .filter((e) => e.type === 'FilingCompleted')
        .map((e) => e.streamId)
        .sort();
      expect(okFilings).toEqual(stored);
      expect(new Set(filings.filter((f) => !f.ok).map((f) => f.code))).toEqual(new Set(['RULE_VIOLATION']));

      // The quota is never exceeded: in commit order, the filings in force per occupation never pass the maximum.
      const occupationOf = new Map(filings.map((f) => [f.streamId, f.occupation]));
      const inForceNow = new Map<string, Set<string>>(OCCUPATIONS.map((c) => [c, new Set()]));
      let overflows = 0;
      for (const e of all) {
        const set = inForceNow.get(occupationOf.get(e.streamId) ?? '');
        if (!set) continue;
        if (e.type === 'FilingCompleted') set.add(e.streamId);
        else if (e.type === 'FilingRevoked') set.delete(e.streamId);
        if (set.size > QUOTA_MAX) overflows++;
      }
      expect(overflows).toBe(0);

      for (const code of OCCUPATIONS) {
        const quota = `quota-per-occupation-${code}`;
        // The quota is never exceeded, at any point of its reservation stream.
        const holders = new Set<string>();
        let most = 0;
        for (const e of byStream.get(quota) ?? []) {
          const holder = (e.data as { holder: string }).holder;
          if (e.type === 'QuotaPlaceReserved') {
            expect(holders.has(holder), `${quota}@${e.version}: ${holder} twice`).toBe(false);
            holders.add(holder);
          } else holders.delete(holder);
          most = Math.max(most, holders.size);
        }
        expect(most, quota).toBeLessThanOrEqual(QUOTA_MAX);
        // No place is leaked: the holders at the end are exactly the filings of that occupation still in force.
        const inForce = stored.filter(
          (s) => !revoked.has(s) && filings.find((f) => f.streamId === s)!.occupation === code,
        );
        expect([...holders].sort(), quota).toEqual(inForce.sort());
        // The first round filled the quota (more applications than places, and nothing leaked).
        expect(filings.filter((f) => f.round === 1 && f.ok && f.occupation === code)).toHaveLength(QUOTA_MAX);
      }
      const s = proxy.stats();
      expect(s.droppedReplies).toBeGreaterThan(0);
      expect(s.targetedDrops).toBeGreaterThan(0);
      expect(s.killed).toBeGreaterThan(0);
      const sum = (k: 'attempts' | 'unknown' | 'notWritten') => counts.reduce((n, c) => n + c[k], 0);
      console.log(
        `quota fault: ${sum('attempts')} engine command attempts by ${WORKERS} processes, ${s.droppedReplies + s.targetedDrops} replies lost (${s.targetedDrops} of statements recording a filing) and ${s.killed} connections cut ` +
          `(${s.connections} connections), ${sum('unknown')} outcome-unknown and ${sum('notWritten')} not-written errors retried; ` +
          `${okFilings.length} filings recorded, ${filings.filter((f) => !f.ok).length} refused by the quota, ${revoked.size} revoked; ${overflows} quota overflows, 0 leaked places, 0 duplicates`,
      );
    } finally {
      clearInterval(killer);
      await proxy.close();
      await direct.close();
    }
  });
});
