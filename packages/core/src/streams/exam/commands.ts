import type { z } from 'zod';
import {
  CorruptStoreError,
  ForbiddenError,
  InvalidTransitionError,
  RuleViolationError,
  ValidationError,
  type ValidationIssue,
} from '../../errors.js';
import { examPlanSchema, type ApplicantProfile, type ExamPlan } from '../../domain/profile.js';
import type { CommandType } from '../../domain/vocabulary.js';
import { formatCertificateNumber } from '../../rules/certificateNumber.js';
import { evaluateRules, rulesFor } from '../../rules/rulePack.js';
import type { ApplicationContext } from '../application/context.js';
import { appendCertificates, completeCertificates, type IssuedList } from '../certificate/issue.js';
import { defineCommand, failing, toJson, type Decided, type DecideInput } from '../defineCommand.js';
import { notePayload, resultsPayload } from '../common.js';
import { allocateSerials } from '../quota/serials.js';
import { plain, stateOf } from '../state.js';
import type { ExamContext, FilingSummary } from './context.js';

/** The facts rules with `appliesTo: 'PlanExam'` (and `'IssueCertificates'`) are evaluated over. */
export interface ExamPlanFacts {
  plan: ExamPlan;
  filing: FilingSummary & { profile: ApplicantProfile };
}

type In<P = unknown> = DecideInput<P, ExamContext>;
const fieldOf = (data: unknown, field: string): unknown =>
  field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);

/**
 * Every exam step after the plan — filing the plan, results, their publicity
 * and confirmation, certificates — needs the organization's filing to be
 * active now: not suspended, revoked or expired (by its FilingExpired event
 * or by its date, before a tick recorded it), and the exam must not be held
 * after the filing's validity ended. An exam in progress when its filing ends
 * stops where it is: its steps are refused until the filing is active again
 * (a suspension lifted); after a revocation or expiry none proceeds, so no
 * certificate is issued under a filing that is no longer in force.
 */
async function refuseUnlessFilingActive(i: In, command: CommandType): Promise<void> {
  const ctx = i.context;
  if (!ctx.filing) return;
  const filingStream = await i.env.load(ctx.filing.streamId);
  const filing: ApplicationContext = filingStream.snapshot.context;
  const state = stateOf(filingStream).state;
  const refuse = (reason: string) => new InvalidTransitionError(i.stream.streamId, command, `filing ${state}`, reason);
  if (state !== 'filed.active') throw refuse(`${ctx.filing.streamId} is not an active filing (${state})`);
  if (filing.validUntil && i.env.today > filing.validUntil)
    throw refuse(`the filing ${ctx.filing.streamId} expired after ${filing.validUntil}`);
  const examDate = ctx.plan?.examEndDate ?? ctx.plan?.examDate;
  if (filing.validUntil && examDate && examDate > filing.validUntil)
    throw refuse(
      `the exam (${examDate}) is held after the filing ${ctx.filing.streamId} expired (${filing.validUntil})`,
    );
}

/** Runs a decider only while the exam's filing is active (refuseUnlessFilingActive). */
const whileFilingActive =
  <P, T extends string>(command: CommandType, decide: (i: In<P>) => Decided<T> | Promise<Decided<T>>) =>
  async (i: In<P>): Promise<Decided<T>> => {
    await refuseUnlessFilingActive(i, command);
    return decide(i);
  };

async function planExam(i: In<ExamPlan>): Promise<Decided<'ExamPlanned'>> {
  const plan = i.command.payload;
  const filingStream = await i.env.load(plan.filingStreamId);
  const filing: ApplicationContext = filingStream.snapshot.context;
  const filingState = stateOf(filingStream).state;
  const refuse = (reason: string) =>
    new InvalidTransitionError(i.stream.streamId, 'PlanExam', `filing ${filingState}`, reason);
  if (filingState !== 'filed.active') throw refuse(`${plan.filingStreamId} is not an active filing (${filingState})`);
  if (filing.applicantId !== i.command.actor.id)
    throw new ForbiddenError(
      i.command.actor.role,
      'PlanExam',
      `${plan.filingStreamId} belongs to ${filing.applicantId}, not ${i.command.actor.id}`,
    );
  if (filing.validUntil && i.env.today > filing.validUntil)
    throw refuse(`the filing expired after ${filing.validUntil}`);
  // A deadline anchored on a field of the plan must have its anchor: a plan without it is invalid.
  const anchorless = i.pack.deadlines.filter(
    (d) =>
      d.from.event === 'ExamPlanned' &&
      d.from.field &&
      fieldOf(plan, d.from.field) === undefined &&
      (!d.from.orField || fieldOf(plan, d.from.orField) === undefined),
  );
  if (anchorless.length > 0) {
    throw new ValidationError(
      anchorless.map((d) => ({
        path: ['payload', ...d.from.field!.split('.')],
        code: 'required',
        message: `the anchor of deadline ${d.id} (${d.cite.document} ${d.cite.clause}), a local date`,
      })),
      'PlanExam',
    );
  }
  const lastDay = plan.examEndDate ?? plan.examDate;
  if (filing.validUntil && lastDay > filing.validUntil)
    throw refuse(`the exam (${lastDay}) would be held after the filing expires (${filing.validUntil})`);
  const inScope = filing.scope.some((s) => s.code === plan.occupation.code && s.levels.includes(plan.occupation.level));
  if (!inScope) throw refuse(`${plan.occupation.code} level ${plan.occupation.level} is not in the filing's scope`);
  const summary: FilingSummary = {
    streamId: plan.filingStreamId,
    applicantId: filing.applicantId!,
    organizationName: filing.profile!.organization.name,
    organizationKind: filing.profile!.organization.kind,
    organizationCode: filing.organizationCode!,
    registeredIn: filing.profile!.organization.registeredIn,
    scope: filing.scope,
    validUntil: filing.validUntil,
  };
  const facts: ExamPlanFacts = { plan, filing: { ...summary, profile: filing.profile! } };
  const decision = plain(evaluateRules(i.pack, facts, { asOf: i.env.today, command: 'PlanExam' }));
  if (decision.outcome === 'ineligible') throw new RuleViolationError('PlanExam', failing(decision));
  const data = {
    ...plan,
    organizerId: i.command.actor.id,
    rulePack: { id: i.pack.id, version: i.pack.version, hash: i.pack.hash },
    filing: summary,
    decision,
  };
  return { decision, events: [{ type: 'ExamPlanned', data: toJson(data) }] };
}

/** IssueCertificates: one number per candidate who passed, from the serial stream of the site, year and level. */
async function issueCertificates(i: In): Promise<Decided<'CertificatesIssued'>> {
  const ctx = i.context;
  const passed = ctx.results.filter((r) => r.passed);
  if (passed.length === 0)
    throw new InvalidTransitionError(i.stream.streamId, 'IssueCertificates', 'resultsConfirmed', 'no candidate passed');
  const spec = i.pack.certificateNumber;
  if (!spec)
    throw new InvalidTransitionError(
      i.stream.streamId,
      'IssueCertificates',
      'resultsConfirmed',
      `rule pack ${i.pack.id} defines no certificate number rule`,
    );
  // Rules with appliesTo 'IssueCertificates' (e.g. who issues in which evaluation mode) see the plan and the filing as PlanExam's do; a failure refuses.
  let decision: Decided['decision'] = null;
  if (rulesFor(i.pack, 'IssueCertificates').length > 0) {
    const filing: ApplicationContext = (await i.env.load(ctx.filing!.streamId)).snapshot.context;
    const facts: ExamPlanFacts = { plan: ctx.plan!, filing: { ...ctx.filing!, profile: filing.profile! } };
    decision = plain(evaluateRules(i.pack, facts, { asOf: i.env.today, command: 'IssueCertificates' }));
    if (decision.outcome === 'ineligible') throw new RuleViolationError('IssueCertificates', failing(decision));
  }
  const year = Number(i.env.today.slice(0, 4));
  const parts = {
    organizationType: ctx.filing!.organizationKind === 'enterprise' ? ('Y' as const) : ('S' as const),
    organizationCode: ctx.filing!.organizationCode,
    provinceCode:
      spec.provinceCode === 'registered-province' ? ctx.filing!.registeredIn.slice(0, 2) : spec.provinceCode,
    siteSequence: ctx.plan!.site.sequence,
    year,
    level: ctx.plan!.occupation.level,
  };
  const serialStream = `quota-serial-${parts.organizationType}${parts.organizationCode}${parts.provinceCode}${parts.siteSequence}${year % 100}${parts.level}`;
  const meta = { ...i.env.meta, rulePack: { id: i.pack.id, version: i.pack.version } };
  const first = await allocateSerials(i.env.store, serialStream, passed.length, i.stream.streamId, meta);
  const names = new Map(ctx.plan!.roster.map((c) => [c.idNumber, c.name]));
  const certificates = passed.map((r, n) => ({
    number: formatCertificateNumber({ ...parts, serial: first + n }),
    idNumber: r.idNumber,
    name: names.get(r.idNumber)!,
  }));
  const issued: IssuedList = { certificates, issuedOn: i.env.today };
  // A crash between the exam's append and these leaves streams missing: the repeated command or `tick` opens them.
  const after = async () => void (await appendCertificates(i.env.store, i.stream.streamId, ctx, issued, i.env.meta));
  return { decision, events: [{ type: 'CertificatesIssued', data: toJson(issued) }], after };
}

/** The commands of an exam stream. */
export const examCommands = {
  PlanExam: defineCommand({
    stream: 'exam',
    records: 'ExamPlanned',
    roles: ['applicant'],
    creates: true,
    helper: 'plan',
    payload: examPlanSchema,
    // The organization plans for its own filing (checked by the decider), so the exam stream has no owner to compare yet.
    checksOwner: false,
    // An exam runs under the pack its filing recorded.
    async pack({ command, state, env }) {
      const filing = await env.load(command.payload.filingStreamId);
      if (filing.version === 0)
        throw new InvalidTransitionError(
          command.streamId,
          command.type,
          state,
          `${command.payload.filingStreamId} has no events`,
        );
      const { rulePack: ref }: ApplicationContext = filing.snapshot.context;
      if (!ref)
        throw new CorruptStoreError(
          filing.streamId,
          `the stream has ${filing.version} events but none records its rule pack`,
          {
            streamId: filing.streamId,
            version: filing.version,
          },
        );
      return env.packs.resolve(ref);
    },
    decide: planExam,
  }),
  FileExamPlan: defineCommand({
    stream: 'exam',
    records: 'ExamPlanFiled',
    roles: ['applicant'],
    helper: 'file',
    payload: notePayload,
    decide: whileFilingActive('FileExamPlan', (i) => ({
      decision: null,
      events: [{ type: 'ExamPlanFiled', data: toJson({ ...i.command.payload, filedOn: i.env.today }) }],
    })),
  }),
  RecordResults: defineCommand({
    stream: 'exam',
    records: 'ResultsRecorded',
    roles: ['applicant'],
    helper: 'recordResults',
    payload: resultsPayload,
    decide: whileFilingActive('RecordResults', (i: In<z.output<typeof resultsPayload>>): Decided<'ResultsRecorded'> => {
      const roster = new Set(i.context.plan!.roster.map((c) => c.idNumber));
      const issues = i.command.payload.results
        .map((r, n) => ({ r, n }))
        .filter(({ r }) => !roster.has(r.idNumber))
        .map(
          ({ n }): ValidationIssue => ({
            path: ['payload', 'results', n, 'idNumber'],
            code: 'not_in_roster',
            message: 'a candidate of the exam plan roster',
          }),
        );
      if (issues.length > 0) throw new ValidationError(issues, 'RecordResults');
      return { decision: null, events: [{ type: 'ResultsRecorded', data: toJson(i.command.payload) }] };
    }),
  }),
  StartResultsPublicity: defineCommand({
    stream: 'exam',
    records: 'ResultsPublicityStarted',
    roles: ['applicant'],
    helper: 'startResultsPublicity',
    payload: notePayload,
    decide: whileFilingActive('StartResultsPublicity', (i) => ({
      decision: null,
      events: [{ type: 'ResultsPublicityStarted', data: toJson({ ...i.command.payload, startsOn: i.env.today }) }],
    })),
  }),
  ConfirmResults: defineCommand({
    stream: 'exam',
    records: 'ResultsConfirmed',
    roles: ['city-center', 'provincial-center'],
    helper: 'confirmResults',
    payload: notePayload,
    decide: whileFilingActive('ConfirmResults', (i) => ({
      decision: null,
      events: [{ type: 'ResultsConfirmed', data: toJson(i.command.payload) }],
    })),
  }),
  IssueCertificates: defineCommand({
    stream: 'exam',
    records: 'CertificatesIssued',
    roles: ['applicant'],
    helper: 'issueCertificates',
    payload: notePayload,
    decide: whileFilingActive('IssueCertificates', issueCertificates),
    complete: (stream, env) => completeCertificates(env.store, stream, env.meta),
  }),
};
