import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import { createEngine, memoryStore, type Command, type StoredEvent } from '@certflow/core';
import { testExamPlan, testProfile, testRulePack } from '@certflow/core/testing';
import { bufferIo } from '../io.js';
import { computeDeadlines } from '../report/deadlines.js';
import { runCli } from '../runCli.js';
import { tempDir } from '../testFixtures.js';

// A made-up 2027 arrangement marked "fixture": true — test data, not the real 2027 notice.
const FIXTURE = fileURLToPath(new URL('../../../calendar/fixtures/year-2027.fixture.json', import.meta.url));

async function cli(args: string[], files: Record<string, string> = {}) {
  const dir = tempDir();
  copyFileSync(FIXTURE, join(dir, '2027.json'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const io = bufferIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('certflow calendar check', () => {
  it('accepts the fixture year file and says it is a fixture', async () => {
    const r = await cli(['calendar', 'check', '2027.json']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔ 2027.json: 2027, 28 holidays, 5 make-up workdays');
    expect(r.out).toContain('marked as a test fixture');
  });

  it('lists every problem with its path and exits 1', async () => {
    const bad = {
      format: 'certflow-calendar-year/1',
      year: 2027,
      notice: { title: '某通知', number: '没有文号', date: '2026-11-20' },
      holidays: [{ date: '2027-02-30', name: '春节' }],
      workdays: [{ date: '2027-03-03', name: '补春节' }],
    };
    const r = await cli(['calendar', 'check', 'bad.json', '--json'], { 'bad.json': JSON.stringify(bad) });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.issues.map((i: { path: (string | number)[] }) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['notice.number', 'holidays.0.date']),
    );

    const weekday = {
      ...bad,
      notice: { ...bad.notice, number: '国办发明电〔2026〕1号' },
      holidays: [{ date: '2027-01-01', name: '元旦' }],
    };
    const r2 = await cli(['calendar', 'check', 'weekday.json'], { 'weekday.json': JSON.stringify(weekday) });
    expect(r2.code).toBe(1);
    expect(r2.out).toContain('2027-03-03 is a weekday: a make-up workday (调休上班) is a Saturday or Sunday');
    expect(r2.out).toContain('2027-02-05 (春节) is a statutory holiday');
    expect((await cli(['calendar', 'check', 'broken.json'], { 'broken.json': '{' })).code).toBe(1);
  });

  it('a missing file is a usage error', async () => {
    expect((await cli(['calendar', 'check', 'nope.json'])).code).toBe(2);
    expect((await cli(['calendar', 'frobnicate', 'x'])).code).toBe(2);
    expect((await cli(['calendar', 'show', '27'])).code).toBe(2);
  });
});

describe('certflow calendar show', () => {
  it('2027 without a year file: provisional, the statutory holidays with their clause', async () => {
    const r = await cli(['calendar', 'show', '2027']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2027: provisional — the arrangement is not published');
    expect(r.out).toContain('国务院令第795号');
    expect(r.out).toContain('2027-02-05  Fri  holiday');
    expect(r.out).toContain('「春节，放假4天（农历除夕、正月初一至初三）」');
    expect(r.out).toContain('254 working days in 2027 (provisional).');
  });

  it('2027 with the year file: published, its make-up workdays, marked as a fixture', async () => {
    const r = await cli(['calendar', 'show', '2027', '--year', '2027.json', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ year: 2027, fixture: true, workdays: 248, basis: { year: 2027, source: 'host' } });
    expect(
      json.days.filter((d: { kind: string }) => d.kind === 'makeup-workday').map((d: { date: string }) => d.date),
    ).toEqual(['2027-01-30', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);
    const text = await cli(['calendar', 'show', '2027', '--year', '2027.json']);
    expect(text.out).toContain('TEST FIXTURE, not a real arrangement');
  });

  it('a year beyond the provisional years exits 2 (an argument out of range) with the coverage error', async () => {
    const r = await cli(['calendar', 'show', '2031', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'CALENDAR_COVERAGE', year: 2031 });
  });
});

describe('report deadlines on an unpublished or uncovered year', () => {
  async function examEvents(examDate: string): Promise<StoredEvent[]> {
    const store = memoryStore();
    let now = new Date('2026-11-02T10:00:00+08:00');
    const engine = createEngine({
      store,
      rulePacks: [testRulePack],
      calendar: createChinaCalendar(),
      clock: () => now,
    });
    const org = { id: 'org-1', role: 'applicant' } as const;
    const centre = { id: 'centre', role: 'city-center' } as const;
    let n = 0;
    const run = (at: string, type: Command['type'], actor: Command['actor'], payload: unknown, streamId: string) => {
      now = new Date(at);
      return engine.execute({ type, actor, payload, streamId, commandId: `c${++n}` } as Command);
    };
    await run(
      '2026-11-02T10:00:00+08:00',
      'SubmitApplication',
      org,
      { ...testProfile(), rulePack: 'test-pack' },
      'application-r1',
    );
    await run('2026-11-03T10:00:00+08:00', 'AcceptApplication', centre, {}, 'application-r1');
    await run('2026-11-04T10:00:00+08:00', 'StartPublicity', centre, {}, 'application-r1');
    await run('2026-11-16T10:00:00+08:00', 'CompleteFiling', centre, { organizationCode: '0001' }, 'application-r1');
    await run('2026-12-01T10:00:00+08:00', 'PlanExam', org, testExamPlan('application-r1', examDate), 'exam-r1');
    return store.readStream('exam-r1');
  }

  it('a provisional due date is listed and says so; an uncovered one is listed with the reason, not left out', async () => {
    const provisional = computeDeadlines(await examEvents('2027-10-11'), testRulePack, createChinaCalendar());
    expect(provisional).toEqual([expect.objectContaining({ id: 'plan-lead-time', status: 'open', due: '2027-10-04' })]);
    expect(provisional[0]!.detail).toContain('provisional: 2027 not published, computed from 全国年节及纪念日放假办法');
    const uncovered = computeDeadlines(
      await examEvents('2029-03-05'),
      testRulePack,
      createChinaCalendar({ provisionalYears: 1 }),
    );
    expect(uncovered).toEqual([expect.objectContaining({ id: 'plan-lead-time', status: 'open' })]);
    expect(uncovered[0]!.due).toBeUndefined();
    expect(uncovered[0]!.detail).toContain('due date not computed');
    expect(uncovered[0]!.detail).toContain('2029');
  });
});
