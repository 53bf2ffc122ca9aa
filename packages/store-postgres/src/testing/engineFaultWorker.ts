// Engine commands with quotas against the fault clusters, for `seconds`, while
// the suite restarts, freezes and kills the primary and fails over. In rounds:
// submit, accept and publicise a few applications, then file them all at once
// under the test pack's quota (at most 2 per occupation, shared by every
// worker), then revoke the filings of the previous round (their places go
// back). Every command is repeated with the same commandId after
// StoreUnavailableError until it has a definite answer, as docs/engine.md tells
// callers to. Reports each outcome as a JSON line. Usage:
//   engineFaultWorker.ts <connectionString> <schema> <worker> <occupations,comma> <seconds>
import { CertflowError, createEngine, StoreUnavailableError, type Command } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/testing';
import { CENTRE, uscc } from '../../../core/src/readModels/readModels.fixtures.js';
import { postgresStore } from '../postgresStore.js';
import { coreOrigin, emit } from './processFixture.js';

const [url, schema, workerArg, occupationList, secondsArg] = process.argv.slice(2);
const worker = Number(workerArg);
const occupations = occupationList!.split(',');
const until = Date.now() + Number(secondsArg) * 1000;
const PER_ROUND = 3;
const store = postgresStore({
  connectionString: url!,
  schema: schema!,
  pool: { max: 3 },
  connectTimeoutMs: 2_000,
  appendTimeoutMs: 20_000,
});
let now = new Date('2020-06-01T10:00:00+08:00');
const engine = createEngine({
  store,
  rulePacks: [testRulePack],
  calendar: testCalendar(),
  clock: () => now,
  maxRetries: 50,
});
const provincial = { id: 'shandong-center', role: 'provincial-center' as const };
const counts = { commands: 0, attempts: 0, unknown: 0, notWritten: 0, raw: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
emit({ core: coreOrigin() });

/** Runs a command until it has a definite answer; StoreUnavailableError (either outcome) means: repeat it, same commandId. */
async function settle(command: Command): Promise<{ ok: true } | { ok: false; code: string }> {
  counts.commands++;
  for (let attempt = 0, delay = 20; attempt < 2_000; attempt++, delay = Math.min(delay * 2, 500)) {
    counts.attempts++;
    try {
      await engine.execute(command);
      return { ok: true };
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        if (e.outcome === 'unknown') counts.unknown++;
        else counts.notWritten++;
        await sleep(delay * (0.5 + Math.random()));
        continue;
      }
      if (e instanceof CertflowError) return { ok: false, code: e.code };
      counts.raw++;
      emit({ raw: { commandId: command.commandId, error: String(e), stack: (e as Error).stack ?? '' } });
      await sleep(delay);
    }
  }
  throw new Error(`${command.commandId}: no definite answer after 2000 attempts`);
}

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
const actor = { id: `org-e${worker}`, role: 'applicant' as const };

let previous: string[] = [];
let n = 0;
for (let round = 1; Date.now() < until; round++) {
  const apps = Array.from({ length: PER_ROUND }, () => {
    const i = n++;
    return {
      streamId: `application-e${worker}-${i}`,
      occupation: occupations[(i + worker) % occupations.length]!,
      uscc: uscc(`52370100MJE${String(worker * 100_000 + i).padStart(6, '0')}`),
    };
  });
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
  now = new Date('2020-06-10T10:00:00+08:00');
  const outcomes = await Promise.all(
    apps.map(async (a) => {
      const r = await settle(
        command('CompleteFiling', a.streamId, `${a.streamId}-file`, CENTRE, { organizationCode: '0001' }),
      );
      emit({ filing: { streamId: a.streamId, occupation: a.occupation, round, ...r } });
      return r.ok;
    }),
  );
  // The previous round's filings are revoked: their places go back for the next round to contend for.
  now = new Date('2020-06-12T10:00:00+08:00');
  for (const streamId of previous) {
    await must(command('RevokeFiling', streamId, `${streamId}-revoke`, provincial, { reason: '抽查不合格' }));
    emit({ revoked: streamId });
  }
  previous = apps.filter((_, i) => outcomes[i]).map((a) => a.streamId);
  emit({ round });
}
emit({ done: counts });
await store.close();
