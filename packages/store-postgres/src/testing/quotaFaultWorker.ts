// Drives filings that contend for the test pack's quota (at most 2 per
// occupation) through the engine and a PostgreSQL store reached over a proxy
// that loses replies and cuts connections. Every command is repeated with the
// same commandId until it has a definite answer (done, or refused with a
// certflow error other than StoreUnavailableError), as docs/engine.md tells
// callers to. Reports each outcome as a JSON line. Usage:
//   quotaFaultWorker.ts <connectionString> <schema> <worker> <applications> <occupations,comma> <goFile> <secondGoFile>
import pg from 'pg';
import { CertflowError, createEngine, StoreUnavailableError, type Command } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';
import { goWhenFileExists } from '../../../core/src/readModels/engineWorkload.fixtures.js';
import { CENTRE, uscc } from '../../../core/src/readModels/readModels.fixtures.js';
import { postgresStore } from '../postgresStore.js';
import { coreOrigin, emit } from './processFixture.js';

const [url, schema, workerArg, applications, occupations, goFile, secondGoFile] = process.argv.slice(2);
const worker = Number(workerArg);
// A pool of the worker's own: every client gets an 'error' listener for its whole life. A client
// the store has checked out (a migration, a transaction) emits 'error' when its connection is cut,
// and without a listener that would end the process; the failed query itself still rejects.
const pool = new pg.Pool({ connectionString: url!, max: 3, connectionTimeoutMillis: 3000 });
pool.on('error', () => undefined);
pool.on('connect', (client) => void client.on('error', () => undefined));
const store = postgresStore({ schema: schema!, pool });
let now = new Date('2020-06-01T10:00:00+08:00');
const engine = createEngine({
  store,
  rulePacks: [testRulePack],
  calendar: testCalendar(),
  clock: () => now,
  maxRetries: 50,
});
const provincial = { id: 'shandong-center', role: 'provincial-center' as const };
const counts = { attempts: 0, unknown: 0, notWritten: 0, raw: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
emit({ core: coreOrigin() });

/** Runs a command until it has a definite answer; StoreUnavailableError (either outcome) means: repeat it, same commandId. */
async function settle(command: Command): Promise<{ ok: true; version: number } | { ok: false; code: string }> {
  for (let attempt = 0; attempt < 400; attempt++) {
    counts.attempts++;
    try {
      const r = await engine.execute(command);
      return { ok: true, version: r.version };
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        if (e.outcome === 'unknown') counts.unknown++;
        else counts.notWritten++;
        await sleep(5 + Math.random() * 25);
        continue;
      }
      if (e instanceof CertflowError) return { ok: false, code: e.code };
      counts.raw++;
      emit({ raw: { commandId: command.commandId, error: String(e), stack: (e as Error).stack ?? '' } });
      await sleep(10);
    }
  }
  throw new Error(`${command.commandId}: no definite answer after 400 attempts`);
}

const apps = Array.from({ length: Number(applications) }, (_, i) => ({
  streamId: `application-w${worker}-${i}`,
  occupation: occupations!.split(',')[(i + worker) % occupations!.split(',').length]!,
  uscc: uscc(`52370100MJD${String(worker * 1000 + i).padStart(6, '0')}`),
}));
const actor = { id: `org-w${worker}`, role: 'applicant' as const };
const command = (
  type: Command['type'],
  streamId: string,
  commandId: string,
  by: Command['actor'],
  payload: unknown,
): Command => ({ type, streamId, commandId, actor: by, payload }) as Command;
const must = async (c: Command) => {
  const r = await settle(c);
  if (!r.ok) throw new Error(`${c.type} on ${c.streamId} refused: ${r.code}`);
};

for (const a of apps) {
  now = new Date('2020-06-01T10:00:00+08:00');
  const profile = testProfile({ name: `评价机构 ${a.streamId}`, uscc: a.uscc, occupationCode: a.occupation });
  await must(
    command('SubmitApplication', a.streamId, `${a.streamId}-submit`, actor, { ...profile, rulePack: 'test-pack' }),
  );
  now = new Date('2020-06-02T10:00:00+08:00');
  await must(command('AcceptApplication', a.streamId, `${a.streamId}-accept`, CENTRE, {}));
  now = new Date('2020-06-03T10:00:00+08:00');
  await must(command('StartPublicity', a.streamId, `${a.streamId}-publicity`, CENTRE, {}));
}
emit({ ready: true });
await goWhenFileExists(goFile!)();

now = new Date('2020-06-10T10:00:00+08:00');
const file = async (a: (typeof apps)[number], round: number) => {
  const r = await settle(
    command('CompleteFiling', a.streamId, `${a.streamId}-file-${round}`, CENTRE, { organizationCode: '0001' }),
  );
  emit({ filing: { streamId: a.streamId, occupation: a.occupation, round, ...r } });
  return r.ok;
};
const outcomes = await Promise.all(apps.map((a) => file(a, 1)));
// Every worker finishes its first round before any revokes.
emit({ firstRound: true });
await goWhenFileExists(secondGoFile!)();
// Revoke one filing of this worker (its places go back), then file the refused ones again: they contend for what was freed.
const revoked = apps.find((_, i) => outcomes[i]);
if (revoked) {
  now = new Date('2020-06-12T10:00:00+08:00');
  await must(
    command('RevokeFiling', revoked.streamId, `${revoked.streamId}-revoke`, provincial, { reason: '抽查不合格' }),
  );
  emit({ revoked: revoked.streamId });
}
now = new Date('2020-06-13T10:00:00+08:00');
await Promise.all(apps.filter((_, i) => !outcomes[i]).map((a) => file(a, 2)));
emit({ done: counts });
await store.close();
await pool.end();
