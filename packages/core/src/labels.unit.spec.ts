import { describe, expect, it } from 'vitest';
import { ROLES } from './event.js';
import { LABELS, label } from './labels.js';
import { ALL_COMMANDS } from './domain/vocabulary.js';
import { applicationMachine } from './streams/application/machine.js';
import { certificateMachine } from './streams/certificate/machine.js';
import { examMachine } from './streams/exam/machine.js';
import { EVENTS, EVENT_CATALOGUE } from './streams/catalogue.js';

/** Every state of a machine, dotted as StreamState.state gives it. */
function statesOf(node: { states: Record<string, unknown> }, prefix = ''): string[] {
  return Object.entries(node.states).flatMap(([k, child]) => {
    const id = `${prefix}${k}`;
    return [id, ...statesOf(child as { states: Record<string, unknown> }, `${id}.`)];
  });
}

describe('the label table', () => {
  it('names every event type, command, role and machine state in Chinese and English', () => {
    const events = new Set([
      ...Object.values(EVENTS).flat(),
      ...Object.values(EVENT_CATALOGUE).flatMap((t) => Object.keys(t)),
    ]);
    for (const e of events) expect(LABELS.events, e).toHaveProperty(e);
    for (const c of ALL_COMMANDS) expect(LABELS.commands, c).toHaveProperty(c);
    for (const r of ROLES) expect(LABELS.roles, r).toHaveProperty(r);
    const machines = { application: applicationMachine, exam: examMachine, certificate: certificateMachine };
    for (const [m, machine] of Object.entries(machines)) {
      const states = statesOf(machine.root as unknown as { states: Record<string, unknown> });
      expect(Object.keys(LABELS.states[m as keyof typeof machines]).sort(), m).toEqual(states.sort());
    }
  });

  it('has both languages for every label, and no label is left in the wrong language', () => {
    const all = [
      LABELS.events,
      LABELS.commands,
      LABELS.roles,
      LABELS.outcomes,
      LABELS.decisions,
      LABELS.deadlineStatuses,
      LABELS.integrity,
      ...Object.values(LABELS.states),
    ];
    for (const group of all) {
      for (const [key, l] of Object.entries(group)) {
        expect(l['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
        expect(l.en, key).toMatch(/^[a-z ]+$/);
      }
    }
  });

  it('gives the labels the report shows', () => {
    expect(label('events', 'ApplicationSubmitted', 'zh-CN')).toBe('申请已提交');
    expect(label('roles', 'city-center', 'zh-CN')).toBe('市鉴定中心');
    expect(label('states', 'filed.active', 'zh-CN', 'application')).toBe('备案有效');
    expect(['pass', 'fail', 'review'].map((o) => label('outcomes', o, 'zh-CN'))).toEqual([
      '通过',
      '不通过',
      '待专家评审',
    ]);
    expect(label('events', 'SomethingNew', 'zh-CN')).toBe('SomethingNew');
  });
});
