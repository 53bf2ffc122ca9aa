// docs/calendar.md: a deadline computed on a provisional year, then on the published year.
// The 2027 year file is a made-up test fixture, not the real 2027 arrangement.
import { readFileSync } from 'node:fs';
import { createChinaCalendar, parseYearFile } from '@certflow/calendar';
import { createEngine, memoryStore, type Command, type WorkingDayCalendar } from '@certflow/core';
import { testExamPlan, testProfile, testRulePack } from '@certflow/core/fixtures';

const store = memoryStore();
let clock = new Date('2026-11-02T10:00:00+08:00');
const engine = (calendar: WorkingDayCalendar) =>
  createEngine({ store, rulePacks: [testRulePack], calendar, clock: () => clock });
const org = { id: 'org-1', role: 'applicant' } as const;
const centre = { id: 'centre', role: 'city-center' } as const;
let n = 0;
async function run(at: string, type: Command['type'], actor: Command['actor'], payload: unknown, streamId: string) {
  clock = new Date(at);
  await engine(createChinaCalendar()).execute({ type, actor, payload, streamId, commandId: `c${++n}` } as Command);
}
await run(
  '2026-11-02T10:00:00+08:00',
  'SubmitApplication',
  org,
  { ...testProfile(), rulePack: 'test-pack' },
  'application-1',
);
await run('2026-11-03T10:00:00+08:00', 'AcceptApplication', centre, {}, 'application-1');
await run('2026-11-04T10:00:00+08:00', 'StartPublicity', centre, {}, 'application-1');
await run('2026-11-16T10:00:00+08:00', 'CompleteFiling', centre, { organizationCode: '0001' }, 'application-1');

// #region provisional
// On 2026-12-01 an exam is planned for Monday 2027-10-11; the plan must be filed 5 working days before.
await run('2026-12-01T10:00:00+08:00', 'PlanExam', org, testExamPlan('application-1', '2027-10-11'), 'exam-1');
// On Friday 2027-09-24 another application comes in: acceptance is due within 10 working days.
await run(
  '2027-09-24T10:00:00+08:00',
  'SubmitApplication',
  org,
  { ...testProfile(), rulePack: 'test-pack' },
  'application-2',
);
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

// The other way: a miss recorded on provisional days that the published year withdraws.
const oct12 = new Date('2027-10-12T12:00:00+08:00');
const show = (events: { type: string; data: unknown }[]) =>
  events.map((e) => `${e.type} ${JSON.stringify(e.data, ['due', 'provisional', 'outcome'])}`);
// A tick on 10-12 on the provisional calendar: application-2's acceptance was due 10-11 (10-04..08 count as working days).
console.log(show(await engine(provisional).tick(oct12))); // [ 'DeadlineMissed {"due":"2027-10-11","provisional":true}' ]

// The next tick with the year file: Sunday 09-26 and Saturday 10-09 are working days, 10-04..07 are not: due 10-13.
console.log(show(await engine(published).tick(oct12))); // [ 'DeadlineMissedWithdrawn {"due":"2027-10-13","outcome":"open"}' ]
// #endregion provisional
