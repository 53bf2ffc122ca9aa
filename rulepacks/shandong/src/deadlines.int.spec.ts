// 四（三） 「评价机构对认定结果进行不少于5个工作日公示」 through engine.execute with the
// real China calendar (its published 2020 arrangement): ConfirmResults on the day
// before the 5th working day after the publicity started (refused), on it and after
// it (in time), across 端午 (06-25..06-27 off, Sunday 06-28 a working day) and
// 国庆·中秋 (10-01..10-08 off, Saturday 10-10 a working day).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import { createEngine, memoryStore, RuleViolationError, type Command } from '@certflow/core';
import { caseFacts, loadRuleCases } from '@certflow/core/testing';
import shandong from './index.js';

const file = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const profile = caseFacts(file, { name: 'base', asOf: '2020-05-20', expect: { outcome: 'needs-review' } }) as Record<
  string,
  unknown
>;
const plan = (file.bases!.PlanExam as { plan: Record<string, unknown> & { roster: { idNumber: string }[] } }).plan;
const org = { id: 'org-sd', role: 'applicant' } as const;
const centre = { id: 'osta-jinan', role: 'city-center' } as const;
const expert = { id: 'expert-sd', role: 'expert' } as const;
const calendar = createChinaCalendar();

/** Files the base profile, runs an exam on `examDate`, starts the results publicity on `publicityOn` and confirms on `confirmOn`. */
async function confirm(examDate: string, publicityOn: string, confirmOn: string): Promise<string> {
  let now = new Date('2020-05-20T10:00:00+08:00');
  const engine = createEngine({ store: memoryStore(), rulePacks: [shandong], calendar, clock: () => now });
  let n = 0;
  const exec = (
    on: string,
    type: string,
    actor: { id: string; role: string },
    payload: unknown = {},
    streamId = 'application-sd-0001',
  ) => {
    now = new Date(`${on}T10:00:00+08:00`);
    return engine.execute({ commandId: `c${++n}`, streamId, type, actor, payload } as Command);
  };
  await exec('2020-05-20', 'SubmitApplication', org, { ...profile, rulePack: 'shandong' });
  await exec('2020-05-21', 'AcceptApplication', centre);
  await exec('2020-05-22', 'RecordEvaluation', expert, {
    findings: { 'influence-and-experience': { outcome: 'pass', note: '影响力与经验经专家评估' } },
  });
  await exec('2020-05-25', 'StartPublicity', centre);
  await exec('2020-06-05', 'CompleteFiling', centre, { organizationCode: '0001' });
  await exec('2020-06-08', 'PlanExam', org, { ...plan, examDate }, 'exam-sd');
  await exec('2020-06-08', 'FileExamPlan', org, {}, 'exam-sd');
  await exec(
    examDate,
    'RecordResults',
    org,
    { results: [{ idNumber: plan.roster[0]!.idNumber, passed: true, score: 80 }] },
    'exam-sd',
  );
  await exec(publicityOn, 'StartResultsPublicity', org, {}, 'exam-sd');
  try {
    const r = await exec(confirmOn, 'ConfirmResults', centre, {}, 'exam-sd');
    return r.events.map((e) => e.type).join(',');
  } catch (e) {
    if (e instanceof RuleViolationError)
      return `refused: ${e.findings.map((f) => `${f.ruleId} ${/on or after (\d{4}-\d{2}-\d{2})/.exec(f.message ?? '')?.[1]}`).join(',')}`;
    throw e;
  }
}

describe('results-publicity-period: at least 5 working days, across holidays and 调休', () => {
  it('publicity from 2020-06-23 across 端午 (06-28 working): 06-30 refused, 07-01 the first day allowed, 07-02 allowed', async () => {
    expect(await confirm('2020-06-22', '2020-06-23', '2020-06-30')).toBe(
      'refused: results-publicity-period 2020-07-01',
    );
    expect(await confirm('2020-06-22', '2020-06-23', '2020-07-01')).toBe('ResultsConfirmed');
    expect(await confirm('2020-06-22', '2020-06-23', '2020-07-02')).toBe('ResultsConfirmed');
  });

  it('publicity from 2020-09-29 across 国庆·中秋 (10-10 working): 10-12 refused, 10-13 the first day allowed, 10-14 allowed', async () => {
    expect(await confirm('2020-09-28', '2020-09-29', '2020-10-12')).toBe(
      'refused: results-publicity-period 2020-10-13',
    );
    expect(await confirm('2020-09-28', '2020-09-29', '2020-10-13')).toBe('ResultsConfirmed');
    expect(await confirm('2020-09-28', '2020-09-29', '2020-10-14')).toBe('ResultsConfirmed');
  });
});
