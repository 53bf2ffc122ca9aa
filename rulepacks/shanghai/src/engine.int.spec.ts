// The pack through engine.execute, as a host runs it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import { createEngine, memoryStore, RuleViolationError, type Actor, type CommandType, type Decision } from '@certflow/core';
import { loadRuleCases } from '@certflow/core/testing';
import shanghai from './index.js';

const cases = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-shanghai', role: 'provincial-center' };
const APP = 'application-sh-001';

function setup() {
  let now = new Date('2020-12-01T09:00:00+08:00');
  let n = 0;
  const engine = createEngine({ store: memoryStore(), rulePacks: [shanghai], calendar: createChinaCalendar(), clock: () => now });
  const run = (day: string, type: CommandType, actor: Actor, payload: unknown = {}) => {
    now = new Date(`${day}T10:00:00+08:00`);
    return engine.execute({ type, streamId: APP, actor, commandId: `${type}-${++n}`, payload: payload as never });
  };
  return { run };
}
const profile = (occupation: Record<string, unknown> = {}, drop: string[] = []) => {
  const p = structuredClone(cases.base) as { occupations: Record<string, unknown>[] };
  p.occupations[0] = { ...p.occupations[0], ...occupation };
  for (const k of drop) delete p.occupations[0]![k];
  return { ...p, rulePack: shanghai.id };
};
const findings = (d: Decision, outcome: string) => d.findings.filter((f) => f.outcome === outcome).map((f) => f.ruleId).sort();

describe('二（一） 「由人力资源社会保障部门组织实施」', () => {
  it('an occupation out of the catalog by 2020-09-30 whose implementing body is not known is a review, never a pass', async () => {
    const { run } = setup();
    const d = (await run('2020-12-01', 'SubmitApplication', org, profile({}, ['implementedByHrAuthorities']))).decision as Decision;
    expect(d.outcome).toBe('needs-review');
    expect(findings(d, 'review')).toEqual(['evaluation-experience', 'occupation-scope', 'wide-influence']);
    expect(d.findings.find((f) => f.ruleId === 'occupation-scope')).toMatchObject({ path: ['occupations', 0, 'implementedByHrAuthorities'], cite: { clause: '二' } });
  });
  it('one implemented by another department, neither new nor urgently needed, is screened out and cannot be accepted', async () => {
    const { run } = setup();
    const d = (await run('2020-12-01', 'SubmitApplication', org, profile({ implementedByHrAuthorities: false, newOccupation: false, urgentlyNeededInShanghai: false }))).decision as Decision;
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
    const d = (await run('2020-12-01', 'SubmitApplication', org, profile({ code: '2-02-10-09', name: '工程测量工程技术人员' }))).decision as Decision;
    expect(d.outcome).toBe('ineligible');
    expect(d.findings.filter((f) => f.outcome === 'fail')).toMatchObject([{ ruleId: 'skill-type-occupation', cite: { document: '沪人社职〔2020〕439号', clause: '二' } }]);
  });
});
