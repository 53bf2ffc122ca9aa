// No exam step after the plan and no certificate while the organization's
// filing is not active: suspended, revoked, expired by its event or by its
// date, or when the exam is held after the filing's validity ended.
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  InvalidTransitionError,
  memoryStore,
  type Command,
  type EventStore,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testExamPlan, testRulePack, type GivenCommand } from '@certflow/core/testing';
import { APP, centre, CONFIRMED, cmd, EXAM, FILED, org, PLAN_FILED, RESULTS, results } from './scenario.fixtures.js';

function setup(store: EventStore = memoryStore()) {
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  const run = async (commands: GivenCommand[]) => {
    for (const { at, ...c } of commands) {
      if (at) now = new Date(at);
      await engine.execute(c as Command);
    }
  };
  const exec = async (c: GivenCommand) => {
    const { at, ...rest } = c;
    if (at) now = new Date(at);
    return engine.execute(rest as Command);
  };
  return { engine, store, run, exec };
}
async function count(store: EventStore): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}
const certificates = async (store: EventStore) => {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) if (e.streamId.startsWith('certificate-')) out.push(e);
  return out;
};
const issue = (at = '2020-06-30T11:00:00+08:00') => cmd('IssueCertificates', org, {}, EXAM, at);

describe('exam steps and certificates need an active filing', () => {
  it('a suspended filing issues no certificate until the suspension is lifted', async () => {
    const { store, run, exec, engine } = setup();
    await run([
      ...CONFIRMED,
      cmd('SuspendFiling', centre, { reason: '双随机抽查发现问题' }, APP, '2020-06-30T10:00:00+08:00'),
    ]);
    const before = await count(store);
    const refused = await exec(issue()).catch((e) => e);
    expect(refused).toBeInstanceOf(InvalidTransitionError);
    expect(refused.params.reason).toContain('is not an active filing (filed.suspended)');
    expect(await count(store)).toBe(before);
    expect((await engine.load(EXAM)).state).toBe('resultsConfirmed');

    await exec(cmd('ReinstateFiling', centre, {}, APP, '2020-07-01T10:00:00+08:00'));
    await exec(issue('2020-07-01T11:00:00+08:00'));
    expect(await certificates(store)).toHaveLength(2);
  });

  it('a revoked filing stops an exam in progress: its results are not recorded', async () => {
    const { store, run, exec } = setup();
    await run([...PLAN_FILED, cmd('RevokeFiling', centre, { reason: '违规' }, APP, '2020-06-21T10:00:00+08:00')]);
    const before = await count(store);
    await expect(exec(cmd('RecordResults', org, results(), EXAM, '2020-06-22T10:00:00+08:00'))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      params: { reason: expect.stringMatching(/not an active filing \(revoked\)/) },
    });
    expect(await count(store)).toBe(before);
  });

  it('a filing past its validUntil stops the exam even before a tick records FilingExpired', async () => {
    const { store, run, exec } = setup();
    // FILED completes on 2020-06-10: valid 3 years, to 2023-06-09.
    await run([
      ...FILED,
      cmd('PlanExam', org, testExamPlan(APP, '2023-06-08'), EXAM, '2023-05-04T10:00:00+08:00'),
      cmd('FileExamPlan', org, {}, EXAM, '2023-05-10T10:00:00+08:00'),
    ]);
    const before = await count(store);
    await expect(exec(cmd('RecordResults', org, results(), EXAM, '2023-06-12T10:00:00+08:00'))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      params: { reason: expect.stringMatching(/expired after 2023-06-09/) },
    });
    expect(await count(store)).toBe(before);
    // On the last day of validity it still proceeds.
    const { run: run2, exec: exec2 } = setup();
    await run2([
      ...FILED,
      cmd('PlanExam', org, testExamPlan(APP, '2023-06-08'), EXAM, '2023-05-04T10:00:00+08:00'),
      cmd('FileExamPlan', org, {}, EXAM, '2023-05-10T10:00:00+08:00'),
    ]);
    await expect(exec2(cmd('RecordResults', org, results(), EXAM, '2023-06-09T10:00:00+08:00'))).resolves.toMatchObject(
      { state: { state: 'resultsRecorded' } },
    );
  });

  it('an exam dated after the filing expires is not planned', async () => {
    const { run, exec } = setup();
    await run(FILED);
    await expect(
      exec(cmd('PlanExam', org, testExamPlan(APP, '2023-06-12'), EXAM, '2023-05-04T10:00:00+08:00')),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      params: { reason: expect.stringMatching(/would be held after the filing expires \(2023-06-09\)/) },
    });
    await expect(
      exec(cmd('PlanExam', org, testExamPlan(APP, '2023-06-09'), EXAM, '2023-05-04T10:00:00+08:00')),
    ).resolves.toMatchObject({ state: { state: 'planned' } });
  });

  it('an expired filing (FilingExpired recorded) issues no certificate', async () => {
    const { store, run, exec } = setup();
    await run(RESULTS);
    await store.append(
      APP,
      [
        {
          type: 'FilingExpired',
          data: { validUntil: '2020-06-25', expiredOn: '2020-06-26' },
          meta: {
            commandId: 'x',
            correlationId: 'x',
            causationId: null,
            actor: { id: 'system', role: 'system' },
            at: '2020-06-26T00:00:00.000Z',
            rulePack: { id: 'test-pack', version: '1.0.0' },
          } as never,
        },
      ],
      { expectedVersion: 4 },
    );
    await expect(exec(cmd('StartResultsPublicity', org, {}, EXAM, '2020-06-26T10:00:00+08:00'))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      params: { reason: expect.stringMatching(/not an active filing \(expired\)/) },
    });
  });
});
