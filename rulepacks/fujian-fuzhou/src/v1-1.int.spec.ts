// fujian-fuzhou 1.1.0: the errors 1.0.0 had, each through engine.execute,
// failing under the released 1.0.0 (kept for replay) and fixed in 1.1.0.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  ForbiddenError,
  memoryStore,
  RuleViolationError,
  type Command,
  type Engine,
  type RulePack,
  type ApplicantProfile,
} from '@certflow/core';
import { caseFacts, foreignCitations, loadRuleCases, testCalendar, testRoster } from '@certflow/core/testing';
import fujianFuzhou, { fujianFuzhou_1_0_0 } from './index.js';

const file = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const profile = caseFacts(file, {
  name: 'base',
  asOf: '2021-05-06',
  expect: { outcome: 'eligible' },
}) as ApplicantProfile;
// 2021: 劳动节 05-01..05-05 off, Saturday 05-08 a working day (调休).
const calendar = testCalendar({
  holidays: ['2021-05-03', '2021-05-04', '2021-05-05', '2021-06-14'],
  workdays: ['2021-05-08'],
});
const org = { id: 'org-fz', role: 'applicant' } as const;
const city = { id: 'osta-fuzhou', role: 'city-center' } as const;
const province = { id: 'osta-fujian', role: 'provincial-center' } as const;
const APP = 'application-fz-1';
const EXAM = 'exam-fz-1';

function setup(pack: RulePack) {
  let now = new Date('2021-05-06T09:00:00+08:00');
  const engine = createEngine({ store: memoryStore(), rulePacks: [pack], calendar, clock: () => now });
  let n = 0;
  const exec = (
    on: string,
    type: string,
    actor: { id: string; role: string },
    payload: unknown = {},
    streamId = APP,
  ) => {
    now = new Date(`${on}T10:00:00+08:00`);
    return engine.execute({ commandId: `c${++n}`, streamId, type, actor, payload } as Command);
  };
  return { engine, exec };
}
async function filed(pack: RulePack): Promise<{ engine: Engine; exec: ReturnType<typeof setup>['exec'] }> {
  const s = setup(pack);
  await s.exec('2021-05-06', 'SubmitApplication', org, { ...profile, rulePack: 'fujian-fuzhou' });
  await s.exec('2021-05-07', 'AcceptApplication', city);
  await s.exec('2021-05-08', 'StartPublicity', city);
  await s.exec('2021-05-20', 'CompleteFiling', pack.version === '1.0.0' ? city : province, {
    organizationCode: '0107',
  });
  return s;
}
const occupation = (code: string) => ({ ...profile.occupations[0], code });

describe('fujian-fuzhou 1.1.0', () => {
  it('keeps 1.0.0 released, with the hash 1.0.0 had, and is the version new applications get', () => {
    expect(fujianFuzhou.version).toBe('1.1.1');
    expect(fujianFuzhou.releases.map((r) => r.version)).toEqual(['1.1.0', '1.0.0']);
    expect(fujianFuzhou_1_0_0.hash).toBe('ad087795ca1ce2ed06eb4d343ecd2b46bed30df0318f3efdec6db5649fb77085');
    expect(fujianFuzhou_1_0_0.knownHashes).toContain(
      'e0d4106511ac1ac3644d4484a2c533bbf816cc611427dffec0b83123f73aeac1',
    );
  });

  it('cites no other region’s notice: 1.0.0’s levels rule quoted 川人社办发〔2020〕20号, 1.1.0 quotes Fuzhou', () => {
    expect(foreignCitations(fujianFuzhou_1_0_0, ['中就培函〔2020〕41号'])).toEqual([
      'rule levels-allowed: 川人社办发〔2020〕20号',
      'levels: 川人社办发〔2020〕20号',
    ]);
    expect(foreignCitations(fujianFuzhou, ['中就培函〔2020〕41号'])).toEqual([]);
  });

  it('三（二）3: filing is the provincial centre’s act; 三（二）1: the initial review is the city centre’s', async () => {
    const s = setup(fujianFuzhou);
    await s.exec('2021-05-06', 'SubmitApplication', org, { ...profile, rulePack: 'fujian-fuzhou' });
    await expect(s.exec('2021-05-07', 'AcceptApplication', province)).rejects.toBeInstanceOf(ForbiddenError);
    await s.exec('2021-05-07', 'AcceptApplication', city);
    await s.exec('2021-05-08', 'StartPublicity', city);
    await expect(s.exec('2021-05-20', 'CompleteFiling', city, { organizationCode: '0107' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const r = await s.exec('2021-05-20', 'CompleteFiling', province, { organizationCode: '0107' });
    expect(r.state.state).toBe('filed.active');
    // Under 1.0.0 a city centre filed it.
    const old = setup(fujianFuzhou_1_0_0);
    await old.exec('2021-05-06', 'SubmitApplication', org, { ...profile, rulePack: 'fujian-fuzhou' });
    await old.exec('2021-05-07', 'AcceptApplication', city);
    await old.exec('2021-05-08', 'StartPublicity', city);
    expect((await old.exec('2021-05-20', 'CompleteFiling', city, { organizationCode: '0107' })).state.state).toBe(
      'filed.active',
    );
  });

  it('二（一）: the first-application cap of 3 does not hold for a later AmendScope', async () => {
    const add = [occupation('6-18-01-02'), occupation('6-18-01-03'), occupation('6-18-01-04')];
    const now = await filed(fujianFuzhou);
    const r = await now.exec('2021-06-01', 'AmendScope', province, { add });
    expect((r.state.context as { scope: unknown[] }).scope).toHaveLength(4);
    const old = await filed(fujianFuzhou_1_0_0);
    await expect(old.exec('2021-06-01', 'AmendScope', city, { add })).rejects.toBeInstanceOf(RuleViolationError);
  });

  it('三（三）2: a plan with examDate only still has its results-filing deadline (10 working days after the exam)', async () => {
    const plan = {
      filingStreamId: APP,
      occupation: { code: '6-18-01-01', level: 5 },
      examDate: '2021-06-04',
      site: { name: '福州鼓楼考点', sequence: '000018' },
      roster: testRoster(1),
      proctors: [{ id: 'p1', name: '黄监考' }],
      evaluators: [{ id: 'e1', name: '林考评' }],
      supervisors: [{ id: 's1', name: '许督导' }],
    };
    const results = { results: [{ idNumber: testRoster(1)[0]!.idNumber, passed: true, score: 80 }] };
    const s = await filed(fujianFuzhou);
    await s.exec('2021-05-20', 'PlanExam', org, plan, EXAM);
    await s.exec('2021-05-20', 'FileExamPlan', org, {}, EXAM);
    // 06-04 + 10 working days (06-14 端午 off) = 06-21; 06-22 is late.
    const late = await s.exec('2021-06-22', 'RecordResults', org, results, EXAM);
    expect(
      late.events.filter((e) => e.type === 'DeadlineMissed').map((e) => (e.data as { deadlineId: string }).deadlineId),
    ).toEqual(['results-filing']);
    // 1.0.0 anchored it on examEndDate alone: the deadline vanished with its anchor. The engine now
    // refuses such a plan (a deadline's anchor is required) rather than let the deadline disappear.
    const old = await filed(fujianFuzhou_1_0_0);
    await expect(old.exec('2021-05-20', 'PlanExam', org, plan, EXAM)).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [expect.objectContaining({ path: ['payload', 'examEndDate'], code: 'required' })],
    });
    const onTime = await filed(fujianFuzhou);
    await onTime.exec('2021-05-20', 'PlanExam', org, plan, EXAM);
    await onTime.exec('2021-05-20', 'FileExamPlan', org, {}, EXAM);
    expect((await onTime.exec('2021-06-21', 'RecordResults', org, results, EXAM)).events.map((e) => e.type)).toEqual([
      'ResultsRecorded',
    ]);
  });
});
