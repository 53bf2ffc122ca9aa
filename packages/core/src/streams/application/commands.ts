import { z } from 'zod';
import {
  CorruptStoreError,
  InvalidTransitionError,
  RuleViolationError,
  ValidationError,
  type ValidationIssue,
} from '../../errors.js';
import type { IssueCode } from '../../issueCodes.js';
import { lastDayAfterYears } from '../../domain/calendar.js';
import {
  applicantProfileSchema,
  levelSchema,
  localDateSchema,
  occupationSchema,
  type ApplicantProfile,
} from '../../domain/profile.js';
import { evaluateRules, type RulePack } from '../../rules/rulePack.js';
import { defineCommand, failing, toJson, type Decided, type DecideEnv, type DecideInput } from '../defineCommand.js';
import {
  notePayload,
  objectionPayload,
  objectionResolutionPayload,
  reasonPayload,
  supplementRequestPayload,
} from '../common.js';
import { releasePlaces, reservePlaces } from '../quota/places.js';
import type { LoadedStream } from '../state.js';
import { plain } from '../state.js';
import type { ApplicationContext, ScopeChange } from './context.js';
import { applyScopeChange } from './machine.js';

type In<P = unknown> = DecideInput<P, ApplicationContext>;
const CENTRES = ['city-center', 'provincial-center'] as const;
const EVERYONE_BUT_AUDITOR = ['applicant', 'city-center', 'provincial-center', 'expert', 'supervisor'] as const;

const completeFilingPayload = z.looseObject({
  organizationCode: z
    .string()
    .regex(/^\d{4}$/, 'a 4-digit organization code')
    .optional(),
  filingNumber: z.string().trim().min(1).optional(),
  /** The receipt's 备案有效期, where the pack's notice fixes no validity length (`filingValidity` without `years`). */
  validUntil: localDateSchema.optional(),
});

const packRef = (p: RulePack) => ({ id: p.id, version: p.version, hash: p.hash });

function screen(i: In, profile: ApplicantProfile) {
  return plain(
    evaluateRules(i.pack, profile, { asOf: i.env.today, command: 'SubmitApplication', decidedFor: i.command.type }),
  );
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
function amendRules(i: In, ctx: ApplicationContext, change: ScopeChange) {
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
    else
      occupations[at] = {
        ...occupations[at]!,
        ...a,
        levels: [...new Set([...occupations[at]!.levels, ...a.levels])].sort(),
      };
  }
  return { ...profile, occupations };
}

const releaseAfter = (i: In, reason: string) => async () => {
  await releasePlaces(
    i.env.store,
    i.context.quotaPlaces,
    i.stream.streamId,
    { ...i.env.meta, rulePack: { id: i.pack.id, version: i.pack.version } },
    reason,
  );
};

/**
 * The end of a new filing's validity: computed where the notice fixes a
 * length (`filingValidity.years`), recorded by the centre from the receipt
 * (payload `validUntil`, refused when missing or before today) where the
 * notice has a validity but fixes no length, null where it has none. A
 * `validUntil` the pack does not take is refused rather than ignored.
 */
function filingValidUntil(i: In<z.output<typeof completeFilingPayload>>): string | null {
  const spec = i.pack.filingValidity;
  const given = i.command.payload.validUntil;
  const issue = (code: IssueCode, message: string) =>
    new ValidationError(
      [{ path: ['payload', 'validUntil'], code, message, ...(given !== undefined ? { received: given } : {}) }],
      'CompleteFiling',
    );
  if (spec?.years !== undefined) {
    const computed = lastDayAfterYears(i.env.today, spec.years);
    if (given !== undefined && given !== computed)
      throw issue(
        'not_accepted',
        `${computed} or none: ${i.pack.id} fixes the validity (${spec.years} years from the filing)`,
      );
    return computed;
  }
  if (spec) {
    if (given === undefined)
      throw issue(
        'required',
        `the receipt's 备案有效期 (validUntil, a local date): ${i.pack.id}'s notice fixes no length (${spec.cite.document} ${spec.cite.clause})`,
      );
    if (given < i.env.today) throw issue('too_small', `a validUntil on or after ${i.env.today}`);
    return given;
  }
  if (given !== undefined)
    throw issue('not_accepted', `no validUntil: ${i.pack.id}'s notice gives filings no validity`);
  return null;
}

/** AmendScope: an applicant proposes, a centre records (its own change or the proposal). */
async function amendScope(
  i: In<{ add: ApplicantProfile['occupations']; drop: ScopeChange['drop'] }>,
): Promise<Decided<'ScopeAmended' | 'ScopeAmendmentProposed'>> {
  const ctx = i.context;
  const given: ScopeChange = { add: i.command.payload.add, drop: i.command.payload.drop };
  const empty = given.add.length === 0 && given.drop.length === 0;
  if (i.command.actor.role === 'applicant') {
    if (empty)
      throw new ValidationError(
        [{ path: ['payload'], code: 'empty_change', message: 'add or drop at least one occupation or level' }],
        'AmendScope',
      );
    const amendDecision = amendRules(i, ctx, given);
    if (amendDecision.outcome === 'ineligible') throw new RuleViolationError('AmendScope', failing(amendDecision));
    return {
      decision: amendDecision,
      events: [{ type: 'ScopeAmendmentProposed', data: toJson({ change: given, decision: amendDecision }) }],
    };
  }
  const change = empty ? ctx.pendingAmendment : given;
  if (!change)
    throw new ValidationError(
      [{ path: ['payload'], code: 'empty_change', message: 'no change given and none proposed by the organization' }],
      'AmendScope',
    );
  const profile = amendProfile(ctx.profile!, change);
  if (profile.occupations.length === 0 || applyScopeChange(ctx.scope, change).length === 0) {
    throw new ValidationError(
      [
        {
          path: ['payload', 'drop'],
          code: 'empty_scope',
          message: 'a filing keeps at least one occupation; revoke it instead',
        },
      ],
      'AmendScope',
    );
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
  const { places, release } = await reservePlaces(
    i.env.store,
    i.pack,
    profile,
    i.stream.streamId,
    i.env.meta,
    'AmendScope',
    ctx.quotaPlaces,
  );
  const dropped = ctx.quotaPlaces.filter((q) => !places.includes(q));
  const meta = { ...i.env.meta, rulePack: { id: i.pack.id, version: i.pack.version } };
  return {
    decision,
    events: [{ type: 'ScopeAmended', data: toJson({ change, profile, decision, quotaPlaces: places }) }],
    undo: () => release('command failed'),
    after: () => releasePlaces(i.env.store, dropped, i.stream.streamId, meta, 'scope amended'),
  };
}

/**
 * Gives back the places a filing listed once and no longer holds (a repeated
 * RevokeFiling or AmendScope whose first run stopped after its own append):
 * every place any FilingCompleted / ScopeAmended listed that the current
 * state does not. Releasing is idempotent, so repeating this is harmless.
 */
const settlePlaces =
  (reason: string) =>
  async (stream: LoadedStream, env: DecideEnv): Promise<void> => {
    const ctx: ApplicationContext = stream.snapshot.context;
    if (!ctx.rulePack) return;
    const keep = stream.snapshot.status === 'done' ? [] : ctx.quotaPlaces;
    const listed = new Set<string>();
    for (const e of await env.store.readStream(stream.streamId, { toVersion: stream.version })) {
      const places =
        e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data) ? e.data.quotaPlaces : undefined;
      if ((e.type === 'FilingCompleted' || e.type === 'ScopeAmended') && Array.isArray(places))
        places.forEach((q) => void listed.add(String(q)));
    }
    const gone = [...listed].filter((q) => !keep.includes(q));
    if (gone.length > 0)
      await releasePlaces(
        env.store,
        gone,
        stream.streamId,
        { ...env.meta, rulePack: { id: ctx.rulePack.id, version: ctx.rulePack.version } },
        reason,
      );
  };

const submitPayload = applicantProfileSchema.extend({
  rulePack: z.string().min(1, 'the id of a rule pack passed to createEngine'),
});

/** The commands of an application (filing) stream. */
export const applicationCommands = {
  SubmitApplication: defineCommand({
    stream: 'application',
    records: 'ApplicationSubmitted',
    roles: ['applicant'],
    creates: true,
    helper: 'submit',
    payload: submitPayload,
    // The first command of a filing names its pack; every later one runs under the pack it recorded.
    pack({ command, env }) {
      const pack = env.packs.byId(command.payload.rulePack);
      if (!pack) {
        const message = `a rule pack passed to createEngine (${env.packs.ids().join(', ') || 'none'})`;
        throw new ValidationError(
          [
            {
              path: ['payload', 'rulePack'],
              code: 'unknown_rule_pack',
              message,
              received: String(command.payload.rulePack),
            },
          ],
          command.type,
        );
      }
      return pack;
    },
    decide(i) {
      const { rulePack: _id, ...profile } = i.command.payload;
      const decision = screen(i, profile);
      return {
        decision,
        events: [
          {
            type: 'ApplicationSubmitted',
            data: toJson({ applicantId: i.command.actor.id, rulePack: packRef(i.pack), profile, decision }),
          },
        ],
      };
    },
  }),
  RequestSupplement: defineCommand({
    stream: 'application',
    records: 'SupplementRequested',
    roles: CENTRES,
    helper: 'requestSupplement',
    payload: supplementRequestPayload,
    decide: (i) => ({ decision: null, events: [{ type: 'SupplementRequested', data: toJson(i.command.payload) }] }),
  }),
  SupplementApplication: defineCommand({
    stream: 'application',
    records: 'ApplicationSupplemented',
    roles: ['applicant'],
    helper: 'supplement',
    payload: applicantProfileSchema,
    decide(i) {
      const decision = screen(i, i.command.payload);
      return {
        decision,
        events: [{ type: 'ApplicationSupplemented', data: toJson({ profile: i.command.payload, decision }) }],
      };
    },
  }),
  AcceptApplication: defineCommand({
    stream: 'application',
    records: 'ApplicationAccepted',
    roles: CENTRES,
    helper: 'accept',
    payload: notePayload,
    decide(i) {
      const failed = unsettled(i.context).filter((f) => f.outcome === 'fail');
      if (failed.length > 0) throw new RuleViolationError('AcceptApplication', failed);
      return { decision: null, events: [{ type: 'ApplicationAccepted', data: toJson(i.command.payload) }] };
    },
  }),
  RejectApplication: defineCommand({
    stream: 'application',
    records: 'ApplicationRejected',
    roles: CENTRES,
    helper: 'reject',
    payload: reasonPayload,
    decide: (i) => ({ decision: null, events: [{ type: 'ApplicationRejected', data: toJson(i.command.payload) }] }),
  }),
  RecordEvaluation: defineCommand({
    stream: 'application',
    records: 'EvaluationRecorded',
    roles: ['expert'],
    helper: 'recordEvaluation',
    payload: z.looseObject({
      findings: z
        .record(z.string().min(1), z.object({ outcome: z.enum(['pass', 'fail']), note: z.string().trim().min(1) }))
        .refine((r) => Object.keys(r).length > 0, 'at least one finding'),
    }),
    decide(i) {
      const ctx = i.context;
      const issues = Object.keys(i.command.payload.findings)
        .filter((id) => ctx.criteria[id] !== 'review')
        .map(
          (id): ValidationIssue => ({
            path: ['payload', 'findings', id],
            code: 'not_under_review',
            message: `${id} is not a criterion awaiting review (it is ${ctx.criteria[id] ?? 'unknown'})`,
          }),
        );
      if (issues.length > 0) throw new ValidationError(issues, 'RecordEvaluation');
      const findings = Object.fromEntries(
        Object.entries(i.command.payload.findings).map(([id, f]) => [id, { ...f, expertId: i.command.actor.id }]),
      );
      return { decision: null, events: [{ type: 'EvaluationRecorded', data: toJson({ findings }) }] };
    },
  }),
  StartPublicity: defineCommand({
    stream: 'application',
    records: 'PublicityStarted',
    roles: CENTRES,
    helper: 'startPublicity',
    payload: notePayload,
    decide(i) {
      const open = unsettled(i.context);
      if (open.length > 0) throw new RuleViolationError('StartPublicity', open);
      return {
        decision: null,
        events: [{ type: 'PublicityStarted', data: toJson({ ...i.command.payload, startsOn: i.env.today }) }],
      };
    },
  }),
  RecordObjection: defineCommand({
    stream: 'application',
    records: 'ObjectionRecorded',
    roles: EVERYONE_BUT_AUDITOR,
    helper: 'recordObjection',
    payload: objectionPayload,
    decide(i) {
      const id = i.command.payload.objectionId;
      if (i.context.objections[id]) {
        throw new ValidationError(
          [{ path: ['payload', 'objectionId'], code: 'duplicate_id', message: `objection ${id} is already recorded` }],
          'RecordObjection',
        );
      }
      return {
        decision: null,
        events: [{ type: 'ObjectionRecorded', data: toJson({ ...i.command.payload, by: i.command.actor }) }],
      };
    },
  }),
  ResolveObjection: defineCommand({
    stream: 'application',
    records: 'ObjectionResolved',
    roles: CENTRES,
    helper: 'resolveObjection',
    payload: objectionResolutionPayload,
    decide(i) {
      const id = i.command.payload.objectionId;
      if (i.context.objections[id] !== 'open') {
        throw new ValidationError(
          [{ path: ['payload', 'objectionId'], code: 'not_open', message: `objection ${id} is not open` }],
          'ResolveObjection',
        );
      }
      return { decision: null, events: [{ type: 'ObjectionResolved', data: toJson(i.command.payload) }] };
    },
  }),
  CompleteFiling: defineCommand({
    stream: 'application',
    records: 'FilingCompleted',
    roles: CENTRES,
    helper: 'completeFiling',
    payload: completeFilingPayload,
    async decide(i) {
      const ctx = i.context;
      const open = unsettled(ctx);
      if (open.length > 0) throw new RuleViolationError('CompleteFiling', open);
      const objections = Object.entries(ctx.objections).filter(([, s]) => s !== 'dismissed');
      if (objections.length > 0) {
        const reason = `objections not dismissed: ${objections.map(([id, s]) => `${id} (${s})`).join(', ')}`;
        throw new InvalidTransitionError(i.stream.streamId, 'CompleteFiling', 'publicity', reason);
      }
      const validUntil = filingValidUntil(i);
      const profile = ctx.profile;
      if (!profile)
        throw new CorruptStoreError(i.stream.streamId, 'a filing in publicity without a recorded profile', {
          streamId: i.stream.streamId,
          version: i.stream.version,
        });
      const { places, release } = await reservePlaces(i.env.store, i.pack, profile, i.stream.streamId, i.env.meta);
      const data = {
        organizationCode: i.command.payload.organizationCode ?? '0000',
        filingNumber:
          i.command.payload.filingNumber ??
          `${i.pack.jurisdiction.code}-${i.stream.streamId.slice('application-'.length)}`,
        validFrom: i.env.today,
        validUntil,
        scope: profile.occupations.map((o) => ({ code: o.code, levels: [...o.levels].sort() })),
        quotaPlaces: places,
      };
      return {
        decision: null,
        events: [{ type: 'FilingCompleted', data: toJson(data) }],
        undo: () => release('command failed'),
      };
    },
  }),
  AmendScope: defineCommand({
    stream: 'application',
    records: 'ScopeAmended',
    alsoRecords: ['ScopeAmendmentProposed'],
    roles: ['applicant', ...CENTRES],
    helper: 'amendScope',
    payload: z.looseObject({
      add: z.array(occupationSchema).default([]),
      drop: z
        .array(z.object({ code: occupationSchema.shape.code, levels: z.array(levelSchema).min(1).optional() }))
        .default([]),
    }),
    decide: amendScope,
    complete: settlePlaces('scope amended'),
  }),
  SuspendFiling: defineCommand({
    stream: 'application',
    records: 'FilingSuspended',
    roles: CENTRES,
    helper: 'suspend',
    payload: reasonPayload,
    decide: (i) => ({ decision: null, events: [{ type: 'FilingSuspended', data: toJson(i.command.payload) }] }),
  }),
  ReinstateFiling: defineCommand({
    stream: 'application',
    records: 'FilingReinstated',
    roles: CENTRES,
    helper: 'reinstate',
    payload: notePayload,
    decide: (i) => ({ decision: null, events: [{ type: 'FilingReinstated', data: toJson(i.command.payload) }] }),
  }),
  RevokeFiling: defineCommand({
    stream: 'application',
    records: 'FilingRevoked',
    roles: CENTRES,
    helper: 'revoke',
    payload: reasonPayload,
    decide: (i) => ({
      decision: null,
      events: [{ type: 'FilingRevoked', data: toJson(i.command.payload) }],
      after: releaseAfter(i, 'filing revoked'),
    }),
    complete: settlePlaces('filing revoked'),
  }),
};
