import { InvalidTransitionError, RuleViolationError, ValidationError, type ValidationIssue } from '../errors.js';
import type { IssueCode } from '../issueCodes.js';
import { applyScopeChange } from '../machines/applicationMachine.js';
import type { ApplicationContext, ScopeChange } from '../machines/types.js';
import type { ApplicantProfile } from '../rules/profile.js';
import { evaluateRules, type RulePack } from '../rules/rulePack.js';
import type { CommandType } from '../rules/vocabulary.js';
import { lastDayAfterYears } from './calendar.js';
import { failing, type Decided, type Decider, type DecideInput } from './decide.js';
import { releasePlaces, reservePlaces } from './quotas.js';
import { plain } from './streams.js';

const ctxOf = (i: DecideInput): ApplicationContext => i.stream.snapshot.context as ApplicationContext;
const packRef = (p: RulePack) => ({ id: p.id, version: p.version, hash: p.hash });

function screen(i: DecideInput, profile: ApplicantProfile) {
  return plain(evaluateRules(i.pack, profile, { asOf: i.env.today, command: 'SubmitApplication', decidedFor: i.command.type }));
}

/** Criteria not yet passed, as findings with their citations. */
function unsettled(ctx: ApplicationContext) {
  return (ctx.decision?.findings ?? [])
    .filter((f) => !['pass', 'not-applicable'].includes(ctx.criteria[f.ruleId] ?? f.outcome))
    .map((f) => ({ ...f, outcome: ctx.criteria[f.ruleId] ?? f.outcome }));
}

/**
 * The pack's rules for AmendScope (`appliesTo: 'AmendScope'`), over the change
 * and the filing it changes: `{ add, drop, filing: { validUntil, scope } }`.
 */
function amendRules(i: DecideInput, ctx: ApplicationContext, change: ScopeChange) {
  const facts = { add: change.add, drop: change.drop, filing: { validUntil: ctx.validUntil, scope: ctx.scope } };
  return plain(evaluateRules(i.pack, facts, { asOf: i.env.today, command: 'AmendScope' }));
}

/** The profile's occupations after a scope change. */
function amendProfile(profile: ApplicantProfile, change: ScopeChange): ApplicantProfile {
  const occupations = profile.occupations
    .map((o) => {
      const d = change.drop.find((x) => x.code === o.code);
      if (!d) return o;
      return d.levels ? { ...o, levels: o.levels.filter((l) => !d.levels!.includes(l)) } : null;
    })
    .filter((o): o is ApplicantProfile['occupations'][number] => !!o && o.levels.length > 0);
  for (const a of change.add) {
    const at = occupations.findIndex((o) => o.code === a.code);
    if (at === -1) occupations.push(a);
    else occupations[at] = { ...occupations[at]!, ...a, levels: [...new Set([...occupations[at]!.levels, ...a.levels])].sort() };
  }
  return { ...profile, occupations };
}

const releaseAfter = (i: DecideInput, reason: string) => async () => {
  const ctx = ctxOf(i);
  await releasePlaces(i.env.store, ctx.quotaPlaces, i.stream.streamId, { ...i.env.meta, rulePack: { id: i.pack.id, version: i.pack.version } }, reason);
};

/**
 * The end of a new filing's validity: computed where the notice fixes a
 * length (`filingValidity.years`), recorded by the centre from the receipt
 * (payload `validUntil`, refused when missing or before today) where the
 * notice has a validity but fixes no length, null where it has none. A
 * `validUntil` the pack does not take is refused rather than ignored.
 */
function filingValidUntil(i: DecideInput<'CompleteFiling'>): string | null {
  const spec = i.pack.filingValidity;
  const given = i.command.payload.validUntil;
  const issue = (code: IssueCode, message: string) => new ValidationError([{ path: ['payload', 'validUntil'], code, message, ...(given !== undefined ? { received: given } : {}) }], 'CompleteFiling');
  if (spec?.years !== undefined) {
    const computed = lastDayAfterYears(i.env.today, spec.years);
    if (given !== undefined && given !== computed) throw issue('not_accepted', `${computed} or none: ${i.pack.id} fixes the validity (${spec.years} years from the filing)`);
    return computed;
  }
  if (spec) {
    if (given === undefined) throw issue('required', `the receipt's 备案有效期 (validUntil, a local date): ${i.pack.id}'s notice fixes no length (${spec.cite.document} ${spec.cite.clause})`);
    if (given < i.env.today) throw issue('too_small', `a validUntil on or after ${i.env.today}`);
    return given;
  }
  if (given !== undefined) throw issue('not_accepted', `no validUntil: ${i.pack.id}'s notice gives filings no validity`);
  return null;
}

export const applicationDeciders: Partial<Record<CommandType, Decider>> = {
  SubmitApplication(i: DecideInput<'SubmitApplication'>): Decided {
    const { rulePack: _id, ...profile } = i.command.payload;
    const decision = screen(i, profile as ApplicantProfile);
    return { decision, events: [{ type: 'ApplicationSubmitted', data: plain({ applicantId: i.command.actor.id, rulePack: packRef(i.pack), profile, decision }) }] };
  },
  RequestSupplement: (i: DecideInput<'RequestSupplement'>) => ({ decision: null, events: [{ type: 'SupplementRequested', data: plain(i.command.payload) }] }),
  SupplementApplication(i: DecideInput<'SupplementApplication'>): Decided {
    const decision = screen(i, i.command.payload as ApplicantProfile);
    return { decision, events: [{ type: 'ApplicationSupplemented', data: plain({ profile: i.command.payload, decision }) }] };
  },
  AcceptApplication(i: DecideInput<'AcceptApplication'>): Decided {
    const ctx = ctxOf(i);
    const failed = unsettled(ctx).filter((f) => f.outcome === 'fail');
    if (failed.length > 0) throw new RuleViolationError('AcceptApplication', failed);
    return { decision: null, events: [{ type: 'ApplicationAccepted', data: plain(i.command.payload) }] };
  },
  RejectApplication: (i: DecideInput<'RejectApplication'>) => ({ decision: null, events: [{ type: 'ApplicationRejected', data: plain(i.command.payload) }] }),
  RecordEvaluation(i: DecideInput<'RecordEvaluation'>): Decided {
    const ctx = ctxOf(i);
    const issues = Object.keys(i.command.payload.findings)
      .filter((id) => ctx.criteria[id] !== 'review')
      .map((id): ValidationIssue => ({ path: ['payload', 'findings', id], code: 'not_under_review', message: `${id} is not a criterion awaiting review (it is ${ctx.criteria[id] ?? 'unknown'})` }));
    if (issues.length > 0) throw new ValidationError(issues, 'RecordEvaluation');
    const findings = Object.fromEntries(Object.entries(i.command.payload.findings).map(([id, f]) => [id, { ...f, expertId: i.command.actor.id }]));
    return { decision: null, events: [{ type: 'EvaluationRecorded', data: plain({ findings }) }] };
  },
  StartPublicity(i: DecideInput<'StartPublicity'>): Decided {
    const open = unsettled(ctxOf(i));
    if (open.length > 0) throw new RuleViolationError('StartPublicity', open);
    return { decision: null, events: [{ type: 'PublicityStarted', data: plain({ ...i.command.payload, startsOn: i.env.today }) }] };
  },
  RecordObjection(i: DecideInput<'RecordObjection'>): Decided {
    if (ctxOf(i).objections[i.command.payload.objectionId]) {
      throw new ValidationError([{ path: ['payload', 'objectionId'], code: 'duplicate_id', message: `objection ${i.command.payload.objectionId} is already recorded` }], 'RecordObjection');
    }
    return { decision: null, events: [{ type: 'ObjectionRecorded', data: plain({ ...i.command.payload, by: i.command.actor }) }] };
  },
  ResolveObjection(i: DecideInput<'ResolveObjection'>): Decided {
    if (ctxOf(i).objections[i.command.payload.objectionId] !== 'open') {
      throw new ValidationError([{ path: ['payload', 'objectionId'], code: 'not_open', message: `objection ${i.command.payload.objectionId} is not open` }], 'ResolveObjection');
    }
    return { decision: null, events: [{ type: 'ObjectionResolved', data: plain(i.command.payload) }] };
  },
  async CompleteFiling(i: DecideInput<'CompleteFiling'>): Promise<Decided> {
    const ctx = ctxOf(i);
    const open = unsettled(ctx);
    if (open.length > 0) throw new RuleViolationError('CompleteFiling', open);
    const objections = Object.entries(ctx.objections).filter(([, s]) => s !== 'dismissed');
    if (objections.length > 0) {
      throw new InvalidTransitionError(i.stream.streamId, 'CompleteFiling', 'publicity', `objections not dismissed: ${objections.map(([id, s]) => `${id} (${s})`).join(', ')}`);
    }
    const validUntil = filingValidUntil(i);
    const { places, release } = await reservePlaces(i.env.store, i.pack, ctx.profile!, i.stream.streamId, i.env.meta);
    const data = {
      organizationCode: i.command.payload.organizationCode ?? '0000',
      filingNumber: i.command.payload.filingNumber ?? `${i.pack.jurisdiction.code}-${i.stream.streamId.slice('application-'.length)}`,
      validFrom: i.env.today,
      validUntil,
      scope: ctx.profile!.occupations.map((o) => ({ code: o.code, levels: [...o.levels].sort() })),
      quotaPlaces: places,
    };
    return { decision: null, events: [{ type: 'FilingCompleted', data: plain(data) }], undo: () => release('command failed') };
  },
  async AmendScope(i: DecideInput<'AmendScope'>): Promise<Decided> {
    const ctx = ctxOf(i);
    const given: ScopeChange = { add: i.command.payload.add, drop: i.command.payload.drop };
    const empty = given.add.length === 0 && given.drop.length === 0;
    if (i.command.actor.role === 'applicant') {
      if (empty) throw new ValidationError([{ path: ['payload'], code: 'empty_change', message: 'add or drop at least one occupation or level' }], 'AmendScope');
      const amendDecision = amendRules(i, ctx, given);
      if (amendDecision.outcome === 'ineligible') throw new RuleViolationError('AmendScope', failing(amendDecision));
      return { decision: amendDecision, events: [{ type: 'ScopeAmendmentProposed', data: plain({ change: given, decision: amendDecision }) }] };
    }
    const change = empty ? ctx.pendingAmendment : given;
    if (!change) throw new ValidationError([{ path: ['payload'], code: 'empty_change', message: 'no change given and none proposed by the organization' }], 'AmendScope');
    const profile = amendProfile(ctx.profile!, change);
    if (profile.occupations.length === 0 || applyScopeChange(ctx.scope, change).length === 0) {
      throw new ValidationError([{ path: ['payload', 'drop'], code: 'empty_scope', message: 'a filing keeps at least one occupation; revoke it instead' }], 'AmendScope');
    }
    // The amended scope must pass the application rules, and the pack's own
    // AmendScope rules (e.g. a filing still in force) must pass for the change.
    const screened = screen(i, profile);
    const amended = amendRules(i, ctx, change);
    const decision = plain({
      ...screened,
      findings: [...screened.findings, ...amended.findings],
      outcome: [screened.outcome, amended.outcome].includes('ineligible')
        ? 'ineligible'
        : [screened.outcome, amended.outcome].includes('needs-review')
          ? 'needs-review'
          : 'eligible',
    } as typeof screened);
    if (decision.outcome === 'ineligible') throw new RuleViolationError('AmendScope', failing(decision));
    // The new scope takes quota places like a filing does (an added occupation
    // counts against "at most 2 per occupation"); places it no longer needs
    // are given back once the change is recorded.
    const { places, release } = await reservePlaces(i.env.store, i.pack, profile, i.stream.streamId, i.env.meta, 'AmendScope', ctx.quotaPlaces);
    const dropped = ctx.quotaPlaces.filter((q) => !places.includes(q));
    const meta = { ...i.env.meta, rulePack: { id: i.pack.id, version: i.pack.version } };
    return {
      decision,
      events: [{ type: 'ScopeAmended', data: plain({ change, profile, decision, quotaPlaces: places }) }],
      undo: () => release('command failed'),
      after: () => releasePlaces(i.env.store, dropped, i.stream.streamId, meta, 'scope amended'),
    };
  },
  SuspendFiling: (i: DecideInput<'SuspendFiling'>) => ({ decision: null, events: [{ type: 'FilingSuspended', data: plain(i.command.payload) }] }),
  ReinstateFiling: (i: DecideInput<'ReinstateFiling'>) => ({ decision: null, events: [{ type: 'FilingReinstated', data: plain(i.command.payload) }] }),
  RevokeFiling: (i: DecideInput<'RevokeFiling'>) => ({
    decision: null,
    events: [{ type: 'FilingRevoked', data: plain(i.command.payload) }],
    after: releaseAfter(i, 'filing revoked'),
  }),
};
