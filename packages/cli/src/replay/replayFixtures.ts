// Test-only: a log recorded by the engine under the core test pack, and a
// second version of that pack that is stricter about evaluation experience.
// Loaded by the replay tests, also through `--packs <this file>`.
import {
  createEngine,
  defineRulePack,
  memoryStore,
  pass,
  review,
  usccCheckCharacter,
  type ApplicantProfile,
  type Rule,
  type RulePack,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';

const experience = testRulePack.rules.find((r) => r.id === 'evaluation-experience')!;

const stricterExperience: Rule<ApplicantProfile> = {
  id: 'evaluation-experience-20000',
  replaces: 'evaluation-experience',
  description: '累计评价不少于2万人次（第二版）',
  cite: experience.cite,
  evaluate: (p) =>
    p.history.personTimesTotal >= 20_000
      ? pass()
      : review('fewer than 20,000 person-times', ['history', 'personTimesTotal']),
};

export const testRulePackV2: RulePack = defineRulePack({
  id: 'test-pack',
  version: '2.0.0',
  extends: testRulePack,
  title: 'certflow 引擎测试规则包（第二版）',
  documents: testRulePack.documents,
  jurisdiction: testRulePack.jurisdiction,
  levels: testRulePack.levels,
  rules: [stricterExperience],
});

const org = { id: 'org-1', role: 'applicant' as const };
const centre = { id: 'centre-jinan', role: 'city-center' as const };

/** Two filings (one eligible and filed, one ineligible) and an exam plan, as the engine records them. */
export async function recordedLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  let now = new Date('2020-06-01T09:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  const at = (iso: string) => (now = new Date(iso));
  const app = 'application-a1';
  await engine.applications.submit({ streamId: app, actor: org, payload: { ...testProfile(), rulePack: 'test-pack' } });
  const bad = {
    ...testProfile({ name: '另一机构', uscc: `52370100MJD123460${usccCheckCharacter('52370100MJD123460')}` }),
  };
  bad.organization = { ...bad.organization, creditClean: false };
  await engine.applications.submit({
    streamId: 'application-a2',
    actor: { id: 'org-2', role: 'applicant' },
    payload: { ...bad, rulePack: 'test-pack' },
  });
  at('2020-06-02T10:00:00+08:00');
  await engine.applications.accept({ streamId: app, actor: centre });
  at('2020-06-03T10:00:00+08:00');
  await engine.applications.startPublicity({ streamId: app, actor: centre });
  at('2020-06-10T10:00:00+08:00');
  await engine.applications.completeFiling({ streamId: app, actor: centre, payload: { organizationCode: '0001' } });
  at('2020-06-11T10:00:00+08:00');
  await engine.exams.plan({ streamId: 'exam-e1', actor: org, payload: testExamPlan(app, '2020-06-22') });
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return events;
}
