// Deadline and quota cases as data (test/cases.yaml, keys `deadlines` and
// `quotas`), run through the engine as a host would: the base profile is
// filed (submitted, accepted, every criterion under review passed by an
// expert, publicity, filing completed), then an exam plan is filed on a date
// (deadlines) or further organizations are filed (quotas). No vitest here:
// rulePackSuite.ts and hosts' own tests call runDeadlineCase / runQuotaCase.
import {
  createEngine,
  memoryStore,
  RuleViolationError,
  rolesFor,
  usccCheckCharacter,
  type Actor,
  type ApplicantProfile,
  type CommandType,
  type Engine,
  type ExamPlan,
  type RulePack,
  type WorkingDayCalendar,
} from '@certflow/core';
import type { RuleCaseFile } from './ruleCases.js';
import { testRoster } from './fixtures.js';

/**
 * A deadline case: an exam planned for `examDate` whose plan is filed
 * (`FileExamPlan`) on `filedOn`, both China dates after the filing of the
 * base profile is complete (about 20 working days after the base case's date).
 */
export interface DeadlineCase {
  name: string;
  /** First exam day, YYYY-MM-DD. */
  examDate: string;
  /** The day the plan is filed, YYYY-MM-DD. */
  filedOn: string;
  /** `refused`: the engine refuses FileExamPlan (RuleViolationError); `ok`: it records ExamPlanFiled. */
  expect: 'ok' | 'refused';
  /** When refused: the id of the pack's deadline that refuses it. */
  deadline?: string;
}

/**
 * A quota case: `filings` organizations like the base profile (same region,
 * each its own 统一社会信用代码) complete their filing one after another; the
 * last one's `CompleteFiling` is `refused` (the quota is full) or `ok`.
 */
export interface QuotaCase {
  name: string;
  /** How many organizations file, counting the last, whose outcome is checked. */
  filings: number;
  expect: 'ok' | 'refused';
  /** When refused: the id of the pack's quota that refuses it. */
  quota?: string;
}

/** What a timing case came to: the outcome and, when refused, the ids the refusal's findings name. */
export interface TimingOutcome {
  outcome: 'ok' | 'refused';
  refusedBy: string[];
}

interface Run {
  engine: Engine;
  at(date: string): void;
  pack: RulePack;
  calendar: WorkingDayCalendar;
}

/** The base case's date: the first case on the unchanged base profile. */
function baseDate(file: RuleCaseFile): string {
  const base = file.cases.find((c) => !c.set && !c.unset && !c.facts && !c.command);
  if (!base)
    throw new Error('timing cases need a case on the unchanged base profile (its date is when the filing starts)');
  return base.asOf;
}

function start(pack: RulePack, calendar: WorkingDayCalendar): Run {
  let now = new Date();
  const engine = createEngine({ store: memoryStore(), rulePacks: [pack], calendar, clock: () => now });
  return {
    engine,
    pack,
    calendar,
    at: (date) => {
      now = new Date(`${date}T10:00:00+08:00`);
    },
  };
}

const actor = (pack: RulePack, command: CommandType, id: string): Actor => ({
  id,
  role: rolesFor(pack, command)[0]! as Actor['role'],
});

/** The n-th organization like the base: same registration, its own USCC (digits 9–16 changed, check character recomputed). */
function nth(profile: ApplicantProfile, n: number): ApplicantProfile {
  if (n === 0) return profile;
  const uscc = profile.organization.uscc;
  const first17 = `${uscc.slice(0, 12)}${String(n).padStart(5, '0')}`;
  return {
    ...profile,
    organization: {
      ...profile.organization,
      uscc: first17 + usccCheckCharacter(first17),
      name: `${profile.organization.name}${n}`,
    },
  };
}

/** Runs the base profile to an active filing from `asOf`; returns the day the filing completed. */
async function fileApplication(run: Run, profile: ApplicantProfile, asOf: string, n: number): Promise<string> {
  const { engine, pack, at } = run;
  const streamId = `application-case-${n}`;
  const applicant = actor(pack, 'SubmitApplication', `applicant-case-${n}`);
  at(asOf);
  const submitted = await engine.applications.submit({
    streamId,
    actor: applicant,
    payload: { ...profile, rulePack: pack.id },
  });
  await engine.applications.accept({ streamId, actor: actor(pack, 'AcceptApplication', 'centre-case') });
  const review = (submitted.decision?.findings ?? []).filter((f) => f.outcome === 'review').map((f) => f.ruleId);
  if (review.length > 0) {
    const findings = Object.fromEntries(review.map((id) => [id, { outcome: 'pass' as const, note: 'timing case' }]));
    await engine.applications.recordEvaluation({
      streamId,
      actor: actor(pack, 'RecordEvaluation', 'expert-case'),
      payload: { findings },
    });
  }
  await engine.applications.startPublicity({ streamId, actor: actor(pack, 'StartPublicity', 'centre-case') });
  // Past any publicity period a notice sets (they are 5–7 working days).
  const completedOn = run.calendar.addWorkdays(asOf, 20);
  at(completedOn);
  await engine.applications.completeFiling({ streamId, actor: actor(pack, 'CompleteFiling', 'centre-case') });
  return completedOn;
}

async function outcomeOf(work: () => Promise<unknown>): Promise<TimingOutcome> {
  try {
    await work();
    return { outcome: 'ok', refusedBy: [] };
  } catch (e) {
    if (e instanceof RuleViolationError)
      return { outcome: 'refused', refusedBy: [...new Set(e.findings.map((f) => f.ruleId))].sort() };
    throw e;
  }
}

/** The exam plan of a deadline case: the file's PlanExam base if it has one, else one for the base profile's first occupation. */
function planFor(file: RuleCaseFile, profile: ApplicantProfile, examDate: string): ExamPlan {
  const given = (file.bases?.PlanExam as { plan?: ExamPlan } | undefined)?.plan;
  const occupation = profile.occupations[0]!;
  const plan: ExamPlan = given
    ? structuredClone(given)
    : {
        filingStreamId: 'application-case-0',
        occupation: { code: occupation.code, level: Math.max(...occupation.levels) as ExamPlan['occupation']['level'] },
        examDate,
        site: { name: '考点', sequence: '000001' },
        roster: testRoster(),
        proctors: [{ id: 'p1', name: '监考一' }],
        evaluators: [{ id: 'e1', name: '考评一' }],
        supervisors: [{ id: 's1', name: '督导一' }],
      };
  return { ...plan, filingStreamId: 'application-case-0', examDate };
}

/** Files the base profile, plans an exam for `examDate` and files the plan on `filedOn`. */
export async function runDeadlineCase(
  pack: RulePack,
  file: RuleCaseFile,
  c: DeadlineCase,
  calendar: WorkingDayCalendar,
): Promise<TimingOutcome> {
  const run = start(pack, calendar);
  const profile = file.base as unknown as ApplicantProfile;
  const completedOn = await fileApplication(run, profile, baseDate(file), 0);
  if (c.filedOn < completedOn)
    throw new Error(`case ${c.name}: filedOn ${c.filedOn} is before the filing completes (${completedOn})`);
  const organizer = actor(pack, 'PlanExam', 'applicant-case-0');
  run.at(c.filedOn);
  await run.engine.exams.plan({ streamId: 'exam-case', actor: organizer, payload: planFor(file, profile, c.examDate) });
  return outcomeOf(() =>
    run.engine.exams.file({ streamId: 'exam-case', actor: actor(pack, 'FileExamPlan', 'applicant-case-0') }),
  );
}

/** Files `filings` organizations like the base profile, one after another; the outcome is the last one's. */
export async function runQuotaCase(
  pack: RulePack,
  file: RuleCaseFile,
  c: QuotaCase,
  calendar: WorkingDayCalendar,
): Promise<TimingOutcome> {
  if (!Number.isInteger(c.filings) || c.filings < 1)
    throw new Error(`case ${c.name}: filings must be a whole number ≥ 1`);
  const run = start(pack, calendar);
  const profile = file.base as unknown as ApplicantProfile;
  const asOf = baseDate(file);
  for (let n = 0; n < c.filings - 1; n++) await fileApplication(run, nth(profile, n), asOf, n);
  return outcomeOf(() => fileApplication(run, nth(profile, c.filings - 1), asOf, c.filings - 1));
}
