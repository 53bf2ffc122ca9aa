// 三（三）2 「评价机构应于职业技能等级认定工作结束后10个工作日内,将认定结果向市鉴定中心进行备案」
// through engine.execute with the real China calendar (its published 2021 arrangement):
// the results recorded the day before the last day, on it and the day after, across 中秋
// (09-19..09-21 off, Saturday 09-18 a working day) and 国庆 (10-01..10-07 off, Sunday
// 09-26 and Saturday 10-09 working days). A late record is flagged (DeadlineMissed), not refused.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import { createEngine, memoryStore, type Command } from '@certflow/core';
import { caseFacts, loadRuleCases, testRoster } from '@certflow/core/testing';
import fujianFuzhou from './index.js';

const file = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const profile = caseFacts(file, { name: 'base', asOf: '2021-05-06', expect: { outcome: 'eligible' } }) as Record<
  string,
  unknown
>;
const org = { id: 'org-fz', role: 'applicant' } as const;
const city = { id: 'osta-fuzhou', role: 'city-center' } as const;
const province = { id: 'osta-fujian', role: 'provincial-center' } as const;
const calendar = createChinaCalendar();

/** Files the base profile on 2021-05-20 and plans an exam for `examDate` on 2024-04-01: the state it reaches or the refusal's reason. */
async function planLate(examDate: string): Promise<string> {
  let now = new Date('2021-05-06T10:00:00+08:00');
  const engine = createEngine({ store: memoryStore(), rulePacks: [fujianFuzhou], calendar, clock: () => now });
  let n = 0;
  const exec = (
    on: string,
    type: string,
    actor: { id: string; role: string },
    payload: unknown = {},
    streamId = 'application-fz',
  ) => {
    now = new Date(`${on}T10:00:00+08:00`);
    return engine.execute({ commandId: `c${++n}`, streamId, type, actor, payload } as Command);
  };
  await exec('2021-05-06', 'SubmitApplication', org, { ...profile, rulePack: 'fujian-fuzhou' });
  await exec('2021-05-07', 'AcceptApplication', city);
  await exec('2021-05-08', 'StartPublicity', city);
  const filed = await exec('2021-05-20', 'CompleteFiling', province, { organizationCode: '0107' });
  const validUntil = (filed.events.find((e) => e.type === 'FilingCompleted')!.data as { validUntil: string })
    .validUntil;
  const plan = {
    filingStreamId: 'application-fz',
    occupation: { code: '6-18-01-01', level: 5 },
    examDate,
    site: { name: '福州鼓楼考点', sequence: '000018' },
    roster: testRoster(1),
    proctors: [{ id: 'p1', name: '黄监考' }],
    evaluators: [{ id: 'e1', name: '林考评' }],
    supervisors: [{ id: 's1', name: '许督导' }],
  };
  try {
    const r = await exec('2024-04-01', 'PlanExam', org, plan, 'exam-fz');
    return `valid until ${validUntil}: ${(r.state as { state: string }).state}`;
  } catch (e) {
    return `valid until ${validUntil}: refused ${(e as { code: string }).code}`;
  }
}

/** Files the base profile, plans an exam ending on `examEndDate` (plan filed in time) and records its results on `recordedOn`. */
async function recordResults(examDate: string, examEndDate: string | undefined, recordedOn: string) {
  let now = new Date('2021-05-06T10:00:00+08:00');
  const engine = createEngine({ store: memoryStore(), rulePacks: [fujianFuzhou], calendar, clock: () => now });
  let n = 0;
  const exec = (
    on: string,
    type: string,
    actor: { id: string; role: string },
    payload: unknown = {},
    streamId = 'application-fz',
  ) => {
    now = new Date(`${on}T10:00:00+08:00`);
    return engine.execute({ commandId: `c${++n}`, streamId, type, actor, payload } as Command);
  };
  await exec('2021-05-06', 'SubmitApplication', org, { ...profile, rulePack: 'fujian-fuzhou' });
  await exec('2021-05-07', 'AcceptApplication', city);
  await exec('2021-05-08', 'StartPublicity', city);
  await exec('2021-05-20', 'CompleteFiling', province, { organizationCode: '0107' });
  const plan = {
    filingStreamId: 'application-fz',
    occupation: { code: '6-18-01-01', level: 5 },
    examDate,
    ...(examEndDate ? { examEndDate } : {}),
    site: { name: '福州鼓楼考点', sequence: '000018' },
    roster: testRoster(1),
    proctors: [{ id: 'p1', name: '黄监考' }],
    evaluators: [{ id: 'e1', name: '林考评' }],
    supervisors: [{ id: 's1', name: '许督导' }],
  };
  await exec('2021-08-02', 'PlanExam', org, plan, 'exam-fz');
  await exec('2021-08-02', 'FileExamPlan', org, {}, 'exam-fz');
  const recorded = await exec(
    recordedOn,
    'RecordResults',
    org,
    { results: [{ idNumber: testRoster(1)[0]!.idNumber, passed: true, score: 80 }] },
    'exam-fz',
  );
  return recorded.events.map((e) =>
    e.type === 'DeadlineMissed'
      ? `DeadlineMissed ${(e.data as { deadlineId: string; due: string }).deadlineId} due ${(e.data as { due: string }).due}`
      : e.type,
  );
}

describe('results-filing: 10 working days after the exam ends, across holidays and 调休', () => {
  it('exam ending 2021-09-17 (before 中秋; 09-18 and 09-26 working): 09-30 in time, 10-08 the last day, 10-09 late', async () => {
    expect(await recordResults('2021-09-16', '2021-09-17', '2021-09-30')).toEqual(['ResultsRecorded']);
    expect(await recordResults('2021-09-16', '2021-09-17', '2021-10-08')).toEqual(['ResultsRecorded']);
    expect(await recordResults('2021-09-16', '2021-09-17', '2021-10-09')).toEqual([
      'DeadlineMissed results-filing due 2021-10-08',
      'ResultsRecorded',
    ]);
  });

  it('exam ending 2021-09-28 (before 国庆; 10-09 working): 10-15 in time, 10-18 the last day, 10-19 late', async () => {
    expect(await recordResults('2021-09-27', '2021-09-28', '2021-10-15')).toEqual(['ResultsRecorded']);
    expect(await recordResults('2021-09-27', '2021-09-28', '2021-10-18')).toEqual(['ResultsRecorded']);
    expect(await recordResults('2021-09-27', '2021-09-28', '2021-10-19')).toEqual([
      'DeadlineMissed results-filing due 2021-10-18',
      'ResultsRecorded',
    ]);
  });

  it('a one-day exam (examDate only) counts from its day: exam 2021-09-28, last day 10-18, 10-19 late', async () => {
    expect(await recordResults('2021-09-28', undefined, '2021-10-18')).toEqual(['ResultsRecorded']);
    expect(await recordResults('2021-09-28', undefined, '2021-10-19')).toEqual([
      'DeadlineMissed results-filing due 2021-10-18',
      'ResultsRecorded',
    ]);
  });
});

describe('三（二）3 资质有效期 3 年: the day before, the last day and the day after', () => {
  it('a filing completed 2021-05-20 is valid to 2024-05-19: exams on 05-18 and 05-19 are planned, on 05-20 refused', async () => {
    expect(await planLate('2024-05-18')).toBe('valid until 2024-05-19: planned');
    expect(await planLate('2024-05-19')).toBe('valid until 2024-05-19: planned');
    expect(await planLate('2024-05-20')).toBe('valid until 2024-05-19: refused INVALID_TRANSITION');
  });
});
