// The pack's findings in the engine's locale: createEngine({ locale, findingTexts }).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import {
  createEngine,
  memoryStore,
  prettifyError,
  RuleViolationError,
  type Actor,
  type CommandType,
  type Locale,
} from '@certflow/core';
import { loadRuleCases } from '@certflow/core/testing';
import shanghai from '../index.js';
import { findings } from './index.js';

const cases = loadRuleCases(fileURLToPath(new URL('../..', import.meta.url)));
const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-shanghai', role: 'provincial-center' };

async function refusal(locale: Locale) {
  let now = new Date('2020-12-01T10:00:00+08:00');
  let n = 0;
  const engine = createEngine({
    store: memoryStore(),
    rulePacks: [shanghai],
    calendar: createChinaCalendar(),
    clock: () => now,
    locale,
    findingTexts: [findings],
  });
  const run = (day: string, type: CommandType, actor: Actor, payload: unknown = {}) => {
    now = new Date(`${day}T10:00:00+08:00`);
    return engine.execute({
      type,
      streamId: 'application-sh-9',
      actor,
      commandId: `${type}-${++n}`,
      payload: payload as never,
    });
  };
  const p = structuredClone(cases.base) as { organization: Record<string, unknown> };
  p.organization.registeredIn = '320000';
  await run('2020-12-01', 'SubmitApplication', org, { ...p, rulePack: shanghai.id });
  return (await run('2020-12-02', 'AcceptApplication', centre).catch((e: unknown) => e)) as RuleViolationError;
}

describe("the engine's locale words the pack's findings", () => {
  it('a refusal reads in Chinese under locale zh-CN, in English by default, with the same data', async () => {
    const zh = await refusal('zh-CN');
    const en = await refusal('en');
    expect(zh).toBeInstanceOf(RuleViolationError);
    expect(zh.message).toContain('AcceptApplication 被拒绝');
    expect(zh.message).toContain('登记地 320000 不在本市（31xxxx）');
    expect(prettifyError(zh, 'zh-CN')).toContain('  ✖ registered-in-shanghai: 登记地 320000 不在本市（31xxxx）');
    expect(en.message).toContain('registered in 320000, not in Shanghai (31xxxx)');
    expect(zh.findings).toEqual(en.findings);
  });
});
