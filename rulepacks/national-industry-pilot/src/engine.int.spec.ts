// The pack through engine.execute, as a host runs it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import {
  createEngine,
  memoryStore,
  RuleViolationError,
  type Actor,
  type CommandType,
  type Decision,
} from '@certflow/core';
import { loadRuleCases } from '@certflow/core/testing';
import pilot from './index.js';

const cases = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-osta', role: 'provincial-center' };
const APP = 'application-pilot-001';

function setup() {
  let now = new Date('2020-10-15T09:00:00+08:00');
  let n = 0;
  const engine = createEngine({
    store: memoryStore(),
    rulePacks: [pilot],
    calendar: createChinaCalendar(),
    clock: () => now,
  });
  const run = (day: string, type: CommandType, actor: Actor, payload: unknown = {}, streamId = APP) => {
    now = new Date(`${day}T10:00:00+08:00`);
    return engine.execute({ type, streamId, actor, commandId: `${type}-${++n}`, payload: payload as never });
  };
  return { run };
}
const expert: Actor = { id: 'expert-1', role: 'expert' };
const withOccupation = (code: string, name: string) => {
  const p = structuredClone(cases.base) as { occupations: Record<string, unknown>[] };
  p.occupations[0] = { ...p.occupations[0], code, name };
  return { ...p, rulePack: pilot.id };
};

describe('二（二）: only 技能人员职业 are in the pilot', () => {
  it('a professional-technical occupation (2-02-10-09) is screened ineligible and cannot be accepted', async () => {
    const { run } = setup();
    const submitted = await run(
      '2020-10-15',
      'SubmitApplication',
      org,
      withOccupation('2-02-10-09', '工程测量工程技术人员'),
    );
    const decision = submitted.decision as Decision;
    expect(decision.outcome).toBe('ineligible');
    expect(decision.findings.filter((f) => f.outcome === 'fail')).toMatchObject([
      { ruleId: 'skill-type-occupation', cite: { clause: '二（二）' }, path: ['occupations', 0, 'code'] },
    ]);
    const err = await run('2020-10-16', 'AcceptApplication', centre).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleViolationError);
    expect((err as RuleViolationError).findings.map((f) => f.ruleId)).toEqual(['skill-type-occupation']);
  });
  it('a skill occupation (6-29-02-01 筑路工) goes on to the experts', async () => {
    const { run } = setup();
    const submitted = await run('2020-10-15', 'SubmitApplication', org, withOccupation('6-29-02-01', '筑路工'));
    expect((submitted.decision as Decision).outcome).toBe('needs-review');
    expect((await run('2020-10-16', 'AcceptApplication', centre)).state.state).toBe('evaluation');
  });
});

describe('三（一）: a department recommends two organizations', () => {
  it('the first and second organizations recommended by 交通运输部 are filed, the third is refused citing 三（一）', async () => {
    const { run } = setup();
    const file = async (i: number) => {
      const streamId = `application-pilot-00${i}`;
      const applicant: Actor = { id: `org-${i}`, role: 'applicant' };
      await run('2020-10-15', 'SubmitApplication', applicant, withOccupation('6-29-02-01', '筑路工'), streamId);
      await run('2020-10-16', 'AcceptApplication', centre, {}, streamId);
      await run(
        '2020-10-19',
        'RecordEvaluation',
        expert,
        { findings: { 'meets-open-call-criteria': { outcome: 'pass', note: '符合中就培函〔2020〕16号申报条件' } } },
        streamId,
      );
      await run('2020-10-20', 'StartPublicity', centre, {}, streamId);
      return run('2020-10-28', 'CompleteFiling', centre, { organizationCode: `000${i}` }, streamId);
    };
    expect((await file(1)).state.state).toBe('filed.active');
    expect((await file(2)).state.state).toBe('filed.active');
    const err = await file(3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleViolationError);
    expect((err as RuleViolationError).findings[0]).toMatchObject({
      ruleId: 'two-per-department',
      cite: { clause: '三（一）' },
    });
  });
});
