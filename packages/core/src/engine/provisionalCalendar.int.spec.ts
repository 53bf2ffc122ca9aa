// Deadlines on a year whose arrangement is not published (2027 for the
// built-in data), then on the same year added from a year file. The 2027
// file is a test fixture (made up), not the real 2027 arrangement.
// Test-only import: core does not depend on @certflow/calendar.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CalendarCoverageError, createChinaCalendar, parseYearFile } from '@certflow/calendar';
import {
  CertflowError,
  ProvisionalCalendarError,
  RuleViolationError,
  checkHistory,
  createEngine,
  memoryStore,
  openDeadlines,
  prettifyError,
  type Command,
  type WorkingDayCalendar,
} from '@certflow/core';
import { testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';
import { centre, org } from './scenario.fixtures.js';

const FIXTURE = parseYearFile(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../calendar/fixtures/year-2027.fixture.json', import.meta.url)), 'utf8'),
  ),
);
const provisional = createChinaCalendar();
const published = createChinaCalendar({ years: { '2027': FIXTURE.published } });

const APP = 'application-p1';
const EXAM = 'exam-p1';
let n = 0;
const c = (type: Command['type'], actor: Command['actor'], payload: unknown, streamId: string): Command =>
  ({ type, streamId, actor, commandId: `${type}-${++n}`, payload }) as Command;

/** A filing completed in November 2026, then an exam planned on 2026-12-01 for Monday 2027-10-11. */
async function planned(examDate = '2027-10-11') {
  const store = memoryStore();
  let now = new Date('2026-11-02T10:00:00+08:00');
  const engineOn = (calendar: WorkingDayCalendar) =>
    createEngine({ store, rulePacks: [testRulePack], calendar, clock: () => now });
  const engine = engineOn(provisional);
  const at = async (instant: string, command: Command) => {
    now = new Date(instant);
    return engine.execute(command);
  };
  await at('2026-11-02T10:00:00+08:00', c('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, APP));
  await at('2026-11-03T10:00:00+08:00', c('AcceptApplication', centre, {}, APP));
  await at('2026-11-04T10:00:00+08:00', c('StartPublicity', centre, {}, APP));
  await at('2026-11-16T10:00:00+08:00', c('CompleteFiling', centre, { organizationCode: '0001' }, APP));
  const plan = await at('2026-12-01T10:00:00+08:00', c('PlanExam', org, testExamPlan(APP, examDate), EXAM));
  return { store, engineOn, plan, setNow: (i: string) => (now = new Date(i)) };
}

describe('an exam in a year whose arrangement is not published', () => {
  it('PlanExam is accepted; its lead-time deadline is listed provisional with its computed date and the statutory rule', async () => {
    const { store, engineOn, plan } = await planned();
    expect(plan.state.state).toBe('planned');
    const items = await engineOn(provisional).deadlines({ now: new Date('2026-12-01T12:00:00+08:00') });
    const lead = items.find((d) => d.deadlineId === 'plan-lead-time')!;
    // Five working days before 2027-10-11 on the statutory rule alone: 10-08, 10-07, 10-06, 10-05, 10-04.
    expect(lead).toMatchObject({ streamId: EXAM, due: '2027-10-04', status: 'provisional', computedStatus: 'open' });
    expect(lead.basis).toEqual([
      {
        year: 2027,
        source: 'provisional',
        cite: expect.objectContaining({ document: expect.stringContaining('国务院令第795号'), clause: '第二条' }),
      },
    ]);
    // The read model agrees with the whole-log computation.
    const model = await openDeadlines(store, { rulePacks: [testRulePack], calendar: provisional });
    expect(
      model.list({ now: new Date('2026-12-01T12:00:00+08:00') }).find((d) => d.deadlineId === 'plan-lead-time'),
    ).toEqual(lead);
    await model.stop();
  });

  it('filing the plan is decided on the provisional calendar, never refused for the year being unpublished; a refusal says it is provisional', async () => {
    const early = await planned();
    early.setNow('2027-10-01T10:00:00+08:00'); // provisional due 2027-10-04: in time
    expect((await early.engineOn(provisional).execute(c('FileExamPlan', org, {}, EXAM))).state.state).toBe('planFiled');

    const late = await planned();
    late.setNow('2027-10-05T10:00:00+08:00');
    const err = await late
      .engineOn(provisional)
      .execute(c('FileExamPlan', org, {}, EXAM))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleViolationError);
    expect((err as RuleViolationError).findings[0]).toMatchObject({
      ruleId: 'plan-lead-time',
      params: { due: '2027-10-04', provisional: true, calendar: [{ year: 2027, source: 'provisional' }] },
    });
    // The same day on the published year is refused too, on its own due date and citation.
    const onPublished = await late
      .engineOn(published)
      .execute(c('FileExamPlan', org, {}, EXAM))
      .catch((e: unknown) => e);
    expect(((onPublished as RuleViolationError).findings[0] as { params?: unknown }).params).toEqual({
      due: '2027-09-28',
      anchor: '2027-10-11',
      today: '2027-10-05',
      calendar: [{ year: 2027, source: 'host', cite: FIXTURE.published.cite }],
    });
  });

  it('when the year is published the due date moves; deadlines() recomputes and tick records the deadline it now finds missed', async () => {
    const { engineOn } = await planned();
    const day = new Date('2027-09-30T12:00:00+08:00');
    // Provisional: due 2027-10-04, not yet missed; tick records nothing.
    expect(await engineOn(provisional).tick(day)).toEqual([]);
    // Published (the fixture: 10-01..10-07 off, Saturday 10-09 a make-up day): due 2027-09-28.
    const after = await engineOn(published).deadlines({ now: day });
    expect(after.find((d) => d.deadlineId === 'plan-lead-time')).toMatchObject({
      due: '2027-09-28',
      status: 'overdue',
      basis: [{ year: 2027, source: 'host', cite: FIXTURE.published.cite }],
    });
    const recorded = await engineOn(published).tick(day);
    expect(recorded.map((e) => [e.streamId, e.type])).toEqual([[EXAM, 'DeadlineMissed']]);
    expect(recorded[0]!.data).toMatchObject({
      deadlineId: 'plan-lead-time',
      due: '2027-09-28',
      detectedOn: '2027-09-30',
      calendar: [{ year: 2027, source: 'host', cite: FIXTURE.published.cite }],
    });
    expect((recorded[0]!.data as { provisional?: boolean }).provisional).toBeUndefined();
    expect(await engineOn(published).tick(day)).toEqual([]); // idempotent
    expect(
      (await engineOn(published).deadlines({ now: day })).find((d) => d.deadlineId === 'plan-lead-time')?.status,
    ).toBe('overdue');
  });

  it("records the host year's citation as plain JSON, even when the host's cite object holds an undefined member", async () => {
    const { engineOn } = await planned();
    const loose = createChinaCalendar({
      years: { '2027': { ...FIXTURE.published, cite: { ...FIXTURE.published.cite, url: undefined } } },
    });
    const recorded = await engineOn(loose).tick(new Date('2027-09-30T12:00:00+08:00'));
    expect(recorded.map((e) => e.type)).toEqual(['DeadlineMissed']);
    expect((recorded[0]!.data as { calendar: { cite: object }[] }).calendar[0]!.cite).toEqual(FIXTURE.published.cite);
  });

  it('a deadline missed on provisional days is recorded as provisional, citing the statutory rule', async () => {
    const { engineOn } = await planned();
    const recorded = await engineOn(provisional).tick(new Date('2027-10-05T12:00:00+08:00'));
    expect(recorded.map((e) => e.type)).toEqual(['DeadlineMissed']);
    expect(recorded[0]!.data).toMatchObject({
      due: '2027-10-04',
      provisional: true,
      calendar: [{ year: 2027, source: 'provisional' }],
    });
  });
});

/**
 * An application submitted on Friday 2027-09-24: acceptance is due within 10 working days
 * (flagged, not refused). Provisionally due 2027-10-11 (only 10-01..03 off); on the fixture's
 * published 2027 due 2027-10-13 (Sunday 09-26 and Saturday 10-09 are make-up days, 10-01..07 off).
 */
async function submittedLate() {
  const store = memoryStore();
  let now = new Date('2027-09-24T10:00:00+08:00');
  const engineOn = (calendar: WorkingDayCalendar) =>
    createEngine({ store, rulePacks: [testRulePack], calendar, clock: () => now });
  await engineOn(provisional).execute(
    c('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, 'application-w1'),
  );
  return { store, engineOn, setNow: (i: string) => (now = new Date(i)) };
}

describe('a DeadlineMissed recorded on provisional days that the published year withdraws', () => {
  it('the published year moves the due date later: tick withdraws the miss (outcome open), then records the new miss once that date passes', async () => {
    const { store, engineOn } = await submittedLate();
    const missed = await engineOn(provisional).tick(new Date('2027-10-12T12:00:00+08:00'));
    expect(missed.map((e) => e.type)).toEqual(['DeadlineMissed']);
    expect(missed[0]!.data).toMatchObject({ deadlineId: 'acceptance', due: '2027-10-11', provisional: true });

    const withdrawn = await engineOn(published).tick(new Date('2027-10-12T12:00:00+08:00'));
    expect(withdrawn.map((e) => [e.streamId, e.type])).toEqual([['application-w1', 'DeadlineMissedWithdrawn']]);
    expect(withdrawn[0]!.data).toEqual({
      deadlineId: 'acceptance',
      step: 'AcceptApplication',
      kind: 'within',
      anchor: '2027-09-24',
      due: '2027-10-13',
      missedDue: '2027-10-11',
      missedOn: '2027-10-12',
      outcome: 'open',
      detectedOn: '2027-10-12',
      cite: testRulePack.deadlines.find((d) => d.id === 'acceptance')!.cite,
      calendar: [{ year: 2027, source: 'host', cite: FIXTURE.published.cite }],
    });
    expect(await engineOn(published).tick(new Date('2027-10-12T12:00:00+08:00'))).toEqual([]); // idempotent
    const item = (await engineOn(published).deadlines({ now: new Date('2027-10-12T12:00:00+08:00') })).find(
      (d) => d.deadlineId === 'acceptance',
    );
    expect(item).toMatchObject({ due: '2027-10-13', status: 'open' });

    // The read model keeps the miss, marked withdrawn.
    const model = await openDeadlines(store, { rulePacks: [testRulePack], calendar: published });
    expect(model.missed('application-w1')).toMatchObject([
      {
        deadlineId: 'acceptance',
        due: '2027-10-11',
        provisional: true,
        withdrawn: { due: '2027-10-13', outcome: 'open', detectedOn: '2027-10-12' },
      },
    ]);
    expect(model.missed('application-w1', { standing: true })).toEqual([]);

    // Past the published due date the deadline is missed again, on published days.
    const again = await engineOn(published).tick(new Date('2027-10-14T12:00:00+08:00'));
    expect(again.map((e) => e.type)).toEqual(['DeadlineMissed']);
    expect(again[0]!.data).toMatchObject({ deadlineId: 'acceptance', due: '2027-10-13', detectedOn: '2027-10-14' });
    expect((again[0]!.data as { provisional?: boolean }).provisional).toBeUndefined();
    await model.waitUntilCaughtUp();
    expect(model.missed('application-w1', { standing: true })).toMatchObject([{ due: '2027-10-13' }]);
    await model.stop();
    // A miss recorded on published days is never withdrawn, even on the provisional calendar.
    expect(await engineOn(provisional).tick(new Date('2027-10-14T12:00:00+08:00'))).toEqual([]);
  });

  it('a step flagged late on provisional days but on time on the published year: tick withdraws the miss as met', async () => {
    const { engineOn, setNow } = await submittedLate();
    setNow('2027-10-12T10:00:00+08:00');
    const accepted = await engineOn(provisional).execute(c('AcceptApplication', centre, {}, 'application-w1'));
    expect(accepted.events.map((e) => e.type)).toEqual(['DeadlineMissed', 'ApplicationAccepted']);
    expect(await engineOn(provisional).tick(new Date('2027-10-20T12:00:00+08:00'))).toEqual([]);
    const withdrawn = await engineOn(published).tick(new Date('2027-10-20T12:00:00+08:00'));
    expect(withdrawn.map((e) => e.type)).toEqual(['DeadlineMissedWithdrawn']);
    expect(withdrawn[0]!.data).toMatchObject({
      deadlineId: 'acceptance',
      due: '2027-10-13',
      missedDue: '2027-10-11',
      outcome: 'met',
      doneOn: '2027-10-12',
    });
    expect(await engineOn(published).tick(new Date('2027-10-20T12:00:00+08:00'))).toEqual([]);
  });

  it('on an exam stream too: the plan-lead-time miss is withdrawn when the published days move the due date later, and the plan can then be filed', async () => {
    // A made-up published 2027 (test data, not an arrangement) with Saturday 10-09 and Sunday 10-10 worked:
    // five working days before Monday 10-11 are then 10-10 back to 10-06 (provisionally 10-08 back to 10-04).
    const generous = createChinaCalendar({
      years: {
        '2027': {
          cite: { document: '测试数据：2027年（虚构）', date: '2026-11-20' },
          days: [
            ...['2027-10-01', '2027-10-02', '2027-10-03'].map((date) => ({
              date,
              kind: 'holiday' as const,
              name: '国庆节',
            })),
            ...['2027-10-09', '2027-10-10'].map((date) => ({ date, kind: 'workday' as const, name: '补班（测试）' })),
          ],
        },
      },
    });
    const { engineOn, setNow } = await planned();
    const day = new Date('2027-10-05T12:00:00+08:00');
    expect((await engineOn(provisional).tick(day)).map((e) => [e.type, (e.data as { due: string }).due])).toEqual([
      ['DeadlineMissed', '2027-10-04'],
    ]);
    const withdrawn = await engineOn(generous).tick(day);
    expect(withdrawn.map((e) => [e.streamId, e.type])).toEqual([[EXAM, 'DeadlineMissedWithdrawn']]);
    expect(withdrawn[0]!.data).toMatchObject({
      deadlineId: 'plan-lead-time',
      kind: 'before',
      due: '2027-10-06',
      missedDue: '2027-10-04',
      outcome: 'open',
    });
    setNow('2027-10-06T10:00:00+08:00');
    const filed = await engineOn(generous).execute(c('FileExamPlan', org, {}, EXAM));
    expect(filed.state.state).toBe('planFiled');
    expect(filed.events.map((e) => e.type)).toEqual(['ExamPlanFiled']);
  });

  it('checkHistory accepts a withdrawal of a recorded miss, and flags one of a deadline never missed', async () => {
    const { store, engineOn } = await submittedLate();
    await engineOn(provisional).tick(new Date('2027-10-12T12:00:00+08:00'));
    await engineOn(published).tick(new Date('2027-10-12T12:00:00+08:00'));
    const events = [];
    for await (const e of store.readAll()) events.push(e);
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'DeadlineMissed', 'DeadlineMissedWithdrawn']);
    expect(checkHistory(events)).toEqual({ ok: true, violations: [] });
    const forged = events.filter((e) => e.type !== 'DeadlineMissed').map((e, i) => ({ ...e, version: i + 1 }));
    expect(checkHistory(forged).violations.map((v) => [v.type, v.rule])).toEqual([
      ['DeadlineMissedWithdrawn', 'machine-accepts'],
    ]);
  });

  it('a published year that leaves the step late keeps the miss', async () => {
    const { engineOn } = await submittedLate();
    await engineOn(provisional).tick(new Date('2027-10-15T12:00:00+08:00'));
    // Published due 2027-10-13 is also past on 10-15: the provisional miss stands (the due date differs, the outcome does not).
    expect(await engineOn(published).tick(new Date('2027-10-15T12:00:00+08:00'))).toEqual([]);
  });

  it('the same answers whatever the host time zone', async () => {
    const run = async () => {
      const { engineOn } = await submittedLate();
      await engineOn(provisional).tick(new Date('2027-10-11T20:00:00Z')); // 10-12 04:00 in China
      return (await engineOn(published).tick(new Date('2027-10-12T03:00:00Z'))).map((e) => e.data);
    };
    const results: unknown[] = [];
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        results.push(await run());
      }
    } finally {
      process.env.TZ = saved;
    }
    expect(results[0]).toMatchObject([{ missedOn: '2027-10-12', due: '2027-10-13', outcome: 'open' }]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});

describe("the engine's policy for provisional days", () => {
  it("provisional: 'refuse' throws ProvisionalCalendarError for a step a provisional deadline constrains, records nothing, and tick records no provisional miss", async () => {
    const { store, setNow } = await planned();
    const strict = (calendar: WorkingDayCalendar) =>
      createEngine({
        store,
        rulePacks: [testRulePack],
        calendar,
        provisional: 'refuse',
        clock: () => new Date('2027-10-01T10:00:00+08:00'),
      });
    setNow('2027-10-01T10:00:00+08:00');
    const err = await strict(provisional)
      .execute(c('FileExamPlan', org, {}, EXAM))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionalCalendarError);
    expect(err).toMatchObject({
      code: 'CALENDAR_PROVISIONAL',
      deadlineId: 'plan-lead-time',
      step: 'FileExamPlan',
      due: '2027-10-04',
      years: [2027],
    });
    expect((err as ProvisionalCalendarError).format('zh-CN')).toContain('尚未公布放假安排的 2027 年');
    expect((await strict(provisional).load(EXAM)).version).toBe(1);
    expect(await strict(provisional).tick(new Date('2027-10-05T12:00:00+08:00'))).toEqual([]);
    // The deadline is still listed, provisional, and the default policy decides the same step.
    expect(
      (await strict(provisional).deadlines({ now: new Date('2027-10-01T12:00:00+08:00') })).find(
        (d) => d.deadlineId === 'plan-lead-time',
      )?.status,
    ).toBe('provisional');
    // Once the year is published the refusing engine decides on it: on 10-01 the published due date (09-28) has passed.
    const late = await strict(published)
      .execute(c('FileExamPlan', org, {}, EXAM))
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(RuleViolationError);
  });
});

describe('one date outside the calendar does not fail the whole log', () => {
  it('deadlines() and tick() carry on; the uncovered item has its own status; the step it constrains gets the calendar error', async () => {
    const { engineOn, setNow } = await planned('2029-03-05');
    const strict = createChinaCalendar({ provisionalYears: 1 }); // covers to 2027: 2029 is beyond
    const now = new Date('2026-12-02T12:00:00+08:00');
    const items = await engineOn(strict).deadlines({ now });
    const lead = items.find((d) => d.deadlineId === 'plan-lead-time')!;
    expect(lead).toMatchObject({
      streamId: EXAM,
      due: null,
      status: 'uncovered',
      error: { code: 'CALENDAR_COVERAGE', year: 2029 },
    });
    expect(items[items.length - 1]).toBe(lead); // uncovered items come last
    expect(await engineOn(strict).tick(now)).toEqual([]);
    setNow('2026-12-02T12:00:00+08:00');
    const err = await engineOn(strict)
      .execute(c('FileExamPlan', org, {}, EXAM))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CalendarCoverageError);
    expect(err).toBeInstanceOf(CertflowError); // core recognises the calendar's errors
    expect(prettifyError(err, 'zh-CN')).toContain('2029 年，不在日历覆盖范围');
  });
});

describe("core recognises the calendar's errors without the calendar depending on core", () => {
  it('instanceof CertflowError holds for them, not for subclasses; prettifyError lists a validation error by field', () => {
    let err: unknown;
    try {
      createChinaCalendar({ years: { '2027': { cite: { document: '', date: '2026-13-01' }, days: [] } } } as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CertflowError);
    expect(err).not.toBeInstanceOf(RuleViolationError);
    expect((err as CertflowError).code).toBe('VALIDATION');
    expect(prettifyError(err)).toContain('→ at years.2027.cite.date');
    expect(new Error('plain')).not.toBeInstanceOf(CertflowError);
    expect({ code: 'X' }).not.toBeInstanceOf(CertflowError);
  });
});
