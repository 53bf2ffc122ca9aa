// Test-only helpers: a small, realistic log built with memoryStore, written
// as JSONL to a temporary directory. Not exported from the package.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEngine,
  idCardCheckCharacter,
  memoryStore,
  type Actor,
  type Command,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRoster, testRulePack } from '@certflow/core/testing';

export const ID_1 = `37010219900101123${idCardCheckCharacter('37010219900101123')}`;
export const ID_2 = `35010219851231002${idCardCheckCharacter('35010219851231002')}`;
export const mask = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

export const CITE = {
  document: '鲁人社字〔2020〕50号',
  clause: '二、（一）',
  text: '具有独立法人资格',
};

const meta = (
  at: string,
  id: string,
  role: NewEvent['meta']['actor']['role'],
  commandId: string,
): NewEvent['meta'] => ({
  at,
  actor: { id, role },
  commandId,
  correlationId: 'fixture',
  rulePack: { id: 'shandong', version: '1.0.0' },
});

/** Two streams: an application with a screening decision, an exam with a roster and a missed deadline. */
export async function buildFixtureLog(): Promise<StoredEvent[]> {
  const store = memoryStore();
  await store.append(
    'application-jinan-001',
    [
      {
        type: 'ApplicationSubmitted',
        data: {
          organization: { name: '济南某职业培训学校', contact: { name: '张三', idNumber: ID_1 } },
          decision: {
            outcome: 'ineligible',
            rulePack: { id: 'shandong', version: '1.0.0', hash: 'abc' },
            findings: [
              {
                ruleId: 'shandong.independent-legal-person',
                outcome: 'fail',
                message: 'not an independent legal person',
                cite: CITE,
              },
              {
                ruleId: 'national.levels',
                outcome: 'pass',
                cite: { document: '人社部发〔2019〕90号', clause: '三', text: '职业技能等级分为五级' },
              },
            ],
          },
        },
        meta: meta('2020-06-01T09:00:00+08:00', 'jinan-org-001', 'applicant', 'c1'),
      },
      {
        type: 'ApplicationAccepted',
        data: { deadline: { id: 'acceptance', due: '2020-06-08', met: true } },
        meta: meta('2020-06-03T10:00:00+08:00', 'jinan-center', 'city-center', 'c2'),
      },
    ],
    { expectedVersion: 'no-stream' },
  );
  await store.append(
    'exam-2020-001',
    [
      {
        type: 'ExamPlanned',
        data: {
          roster: [
            { name: '李四', idNumber: ID_1 },
            { name: '王五', note: `证件 ${ID_2} 已核验` },
          ],
          byId: { [ID_2]: 'present' },
        },
        meta: meta('2020-07-01T09:00:00+08:00', 'jinan-org-001', 'applicant', 'c3'),
      },
      {
        type: 'DeadlineMissed',
        data: {
          deadlineId: 'exam-plan-lead-time',
          due: '2020-07-03',
          cite: { document: '鲁人社字〔2020〕50号', clause: '四', text: '提前5个工作日' },
        },
        meta: meta('2020-07-04T00:00:00+08:00', 'certflow', 'system', 'tick-1'),
      },
    ],
    { expectedVersion: 'no-stream' },
  );
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return events;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'certflow-cli-'));
}

export function writeJsonl(file: string, lines: unknown[]): string {
  writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return file;
}

const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-jinan', role: 'city-center' };

/** Runs a filing, an exam of three (two pass) and its two certificates on a store with a vault: event format 2. */
export async function formatTwoLog<S extends EventStore>(store: S): Promise<S> {
  const roster = testRoster();
  let now = new Date('2020-06-01T10:00:00+08:00');
  const engine = createEngine({ store, rulePacks: [testRulePack], calendar: testCalendar(), clock: () => now });
  let n = 0;
  const run = async (type: string, actor: Actor, payload: unknown, streamId: string, day: string) => {
    now = new Date(`2020-06-${day}T10:00:00+08:00`);
    await engine.execute({ type, streamId, actor, commandId: `c-${++n}`, payload } as Command);
  };
  const APP = 'application-a1';
  const EXAM = 'exam-e1';
  await run('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, APP, '01');
  await run('AcceptApplication', centre, {}, APP, '02');
  await run('StartPublicity', centre, {}, APP, '03');
  await run('CompleteFiling', centre, { organizationCode: '0001' }, APP, '10');
  await run('PlanExam', org, testExamPlan(APP, '2020-06-22'), EXAM, '11');
  await run('FileExamPlan', org, {}, EXAM, '15');
  await run(
    'RecordResults',
    org,
    { results: roster.map((c, i) => ({ idNumber: c.idNumber, passed: i !== 1, score: i !== 1 ? 80 : 40 })) },
    EXAM,
    '22',
  );
  await run('StartResultsPublicity', org, {}, EXAM, '23');
  await run('ConfirmResults', centre, {}, EXAM, '30');
  await run('IssueCertificates', org, {}, EXAM, '30');
  return store;
}
