// docs/calendar.md: a deadline computed on a provisional year, then on the published year.
// The 2027 year file is a made-up test fixture, not the real 2027 arrangement.
import { readFileSync } from 'node:fs';
import { createChinaCalendar, parseYearFile } from '@certflow/calendar';
import { createEngine, memoryStore, type Command, type WorkingDayCalendar } from '@certflow/core';
import { testExamPlan, testProfile, testRulePack } from '@certflow/core/fixtures';

const store = memoryStore();
let clock = new Date('2026-11-02T10:00:00+08:00');
const engine = (calendar: WorkingDayCalendar) => createEngine({ store, rulePacks: [testRulePack], calendar, clock: () => clock });
const org = { id: 'org-1', role: 'applicant' } as const;
const centre = { id: 'centre', role: 'city-center' } as const;
let n = 0;
async function run(at: string, type: Command['type'], actor: Command['actor'], payload: unknown, streamId: string) {
  clock = new Date(at);
  await engine(createChinaCalendar()).execute({ type, actor, payload, streamId, commandId: `c${++n}` } as Command);
}
await run('2026-11-02T10:00:00+08:00', 'SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, 'application-1');
await run('2026-11-03T10:00:00+08:00', 'AcceptApplication', centre, {}, 'application-1');
await run('2026-11-04T10:00:00+08:00', 'StartPublicity', centre, {}, 'application-1');
await run('2026-11-16T10:00:00+08:00', 'CompleteFiling', centre, { organizationCode: '0001' }, 'application-1');

// #region provisional
// On 2026-12-01 an exam is planned for Monday 2027-10-11; the plan must be filed 5 working days before.
await run('2026-12-01T10:00:00+08:00', 'PlanExam', org, testExamPlan('application-1', '2027-10-11'), 'exam-1');
const now = new Date('2027-09-30T12:00:00+08:00');

const provisional = createChinaCalendar(); // 2027 is not published: statutory holidays and weekends only
const before = (await engine(provisional).deadlines({ now })).find((d) => d.deadlineId === 'plan-lead-time')!;
console.log(before.status, before.computedStatus, before.due, before.basis?.[0]?.source); // provisional open 2027-10-04 provisional
console.log((await engine(provisional).tick(now)).length); // 0

// The 2027 notice is out: add its year file (checked as `certflow calendar check` does).
const year = parseYearFile(JSON.parse(readFileSync('packages/calendar/fixtures/year-2027.fixture.json', 'utf8')));
const published = createChinaCalendar({ years: { [year.year]: year.published } });
const after = (await engine(published).deadlines({ now })).find((d) => d.deadlineId === 'plan-lead-time')!;
console.log(after.status, after.due, after.basis?.[0]?.source); // overdue 2027-09-28 host
const recorded = await engine(published).tick(now);
console.log(recorded.map((e) => `${e.type} ${(e.data as { due: string }).due}`)); // [ 'DeadlineMissed 2027-09-28' ]
// #endregion provisional
