// The pack through engine.execute, as a host runs it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import {
  createEngine,
  InvalidTransitionError,
  memoryStore,
  RuleViolationError,
  ValidationError,
  type Actor,
  type CommandType,
  type Decision,
} from '@certflow/core';
import { loadRuleCases } from '@certflow/core/testing';
import shanghai from './index.js';

const cases = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-shanghai', role: 'provincial-center' };
const APP = 'application-sh-001';

function setup() {
  let now = new Date('2020-12-01T09:00:00+08:00');
  let n = 0;
  const engine = createEngine({
    store: memoryStore(),
    rulePacks: [shanghai],
    calendar: createChinaCalendar(),
    clock: () => now,
  });
  const run = (day: string, type: CommandType, actor: Actor, payload: unknown = {}, streamId = APP) => {
    now = new Date(`${day}T10:00:00+08:00`);
    return engine.execute({ type, streamId, actor, commandId: `${type}-${++n}`, payload: payload as never });
  };
  return { run, engine };
}
const profile = (occupation: Record<string, unknown> = {}, drop: string[] = []) => {
  const p = structuredClone(cases.base) as { occupations: Record<string, unknown>[] };
  p.occupations[0] = { ...p.occupations[0], ...occupation };
  for (const k of drop) delete p.occupations[0]![k];
  return { ...p, rulePack: shanghai.id };
};
const findings = (d: Decision, outcome: string) =>
  d.findings
    .filter((f) => f.outcome === outcome)
    .map((f) => f.ruleId)
    .sort();

describe('二（一） 「由人力资源社会保障部门组织实施」', () => {
  it('an occupation out of the catalog by 2020-09-30 whose implementing body is not known is a review, never a pass', async () => {
    const { run } = setup();
    const d = (await run('2020-12-01', 'SubmitApplication', org, profile({}, ['implementedByHrAuthorities'])))
      .decision as Decision;
    expect(d.outcome).toBe('needs-review');
    expect(findings(d, 'review')).toEqual(['evaluation-experience', 'occupation-scope', 'wide-influence']);
    expect(d.findings.find((f) => f.ruleId === 'occupation-scope')).toMatchObject({
      path: ['occupations', 0, 'implementedByHrAuthorities'],
      cite: { clause: '二' },
    });
  });
  it('one implemented by another department, neither new nor urgently needed, is screened out and cannot be accepted', async () => {
    const { run } = setup();
    const d = (
      await run(
        '2020-12-01',
        'SubmitApplication',
        org,
        profile({ implementedByHrAuthorities: false, newOccupation: false, urgentlyNeededInShanghai: false }),
      )
    ).decision as Decision;
    expect(d.outcome).toBe('ineligible');
    expect(findings(d, 'fail')).toEqual(['occupation-scope']);
    await expect(run('2020-12-02', 'AcceptApplication', centre)).rejects.toBeInstanceOf(RuleViolationError);
  });
  it('one implemented by the human-resources authorities passes 二', async () => {
    const { run } = setup();
    const d = (await run('2020-12-01', 'SubmitApplication', org, profile())).decision as Decision;
    expect(findings(d, 'review')).toEqual(['evaluation-experience', 'wide-influence']);
  });
});

describe('二: 技能人员职业 only', () => {
  it('a professional-technical occupation (2-02-10-09) is screened ineligible', async () => {
    const { run } = setup();
    const d = (
      await run('2020-12-01', 'SubmitApplication', org, profile({ code: '2-02-10-09', name: '工程测量工程技术人员' }))
    ).decision as Decision;
    expect(d.outcome).toBe('ineligible');
    expect(d.findings.filter((f) => f.outcome === 'fail')).toMatchObject([
      { ruleId: 'skill-type-occupation', cite: { document: '沪人社职〔2020〕439号', clause: '二' } },
    ]);
  });
});

const expert: Actor = { id: 'expert-1', role: 'expert' };
/** An application through evaluation and publicity, ready for CompleteFiling. */
async function inPublicity() {
  const s = setup();
  await s.run('2020-12-01', 'SubmitApplication', org, profile());
  await s.run('2020-12-02', 'AcceptApplication', centre);
  await s.run('2020-12-10', 'RecordEvaluation', expert, {
    findings: {
      'wide-influence': { outcome: 'pass', note: '专家论证' },
      'evaluation-experience': { outcome: 'pass', note: '专家论证' },
    },
  });
  await s.run('2020-12-11', 'StartPublicity', centre);
  return s;
}

describe("三（三） 「出具备案回执(含…备案有效期…)」: the filing carries the receipt's validity", () => {
  it("CompleteFiling without the receipt's validUntil is refused and nothing is written", async () => {
    const s = await inPublicity();
    await expect(s.run('2020-12-21', 'CompleteFiling', centre, { organizationCode: '0001' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await s.engine.load(APP)).state).toBe('publicity');
  });
  it('with it the filing records validUntil, and 五（三） scope changes are held to it: on the last day allowed, the day after refused', async () => {
    const s = await inPublicity();
    const filed = await s.run('2020-12-21', 'CompleteFiling', centre, {
      organizationCode: '0001',
      validUntil: '2023-12-20',
    });
    expect(filed.events[0]!.data).toMatchObject({ validUntil: '2023-12-20' });
    const add = {
      add: [
        {
          code: '6-18-01-02',
          name: '铣工',
          levels: [5],
          standard: 'national',
          accessType: false,
          evaluators: 4,
          catalogExitDate: '2020-07-31',
          implementedByHrAuthorities: true,
        },
      ],
    };
    const late = await s.run('2023-12-21', 'AmendScope', centre, add).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(RuleViolationError);
    expect((late as RuleViolationError).findings.map((f) => f.ruleId)).toContain('amend-within-validity');
    const onTime = await s.run('2023-12-20', 'AmendScope', centre, add);
    expect(onTime.events.map((e) => e.type)).toEqual(['ScopeAmended']);
  });
});

describe('四（三）: an organization removed from the catalog issues no certificates', () => {
  it('after RevokeFiling, PlanExam under the filing is refused', async () => {
    const s = await inPublicity();
    await s.run('2020-12-21', 'CompleteFiling', centre, { organizationCode: '0001', validUntil: '2023-12-20' });
    await s.run('2021-03-01', 'RevokeFiling', centre, {
      reason: 'vicious-competition: 沪人社职〔2020〕439号 四（三）',
    });
    const plan = {
      filingStreamId: APP,
      occupation: { code: '6-18-01-01', level: 4 },
      examDate: '2021-04-20',
      site: { name: '上海考点', sequence: '000001' },
      roster: [{ idNumber: '510104199901011236', name: '张三' }],
      proctors: [{ id: 'p1', name: '监考' }],
      evaluators: [{ id: 'e1', name: '考评' }],
      supervisors: [{ id: 's1', name: '督导' }],
    };
    await expect(s.run('2021-03-02', 'PlanExam', org, plan, 'exam-sh-001')).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });
});
