import { describe, expect, it } from 'vitest';
import {
  defineRulePack,
  fail,
  ForbiddenError,
  InvalidTransitionError,
  pass,
  RuleViolationError,
  ValidationError,
  type Rule,
} from '@certflow/core';
import { given, testProfile, testRulePack } from '@certflow/core/testing';
import {
  ACCEPTED,
  auditor,
  centre,
  cmd,
  day,
  expert,
  FILED,
  IN_REVIEW,
  org,
  otherOrg,
  PUBLICITY,
  submit,
  SUBMITTED,
  when,
} from './scenario.fixtures.js';

const now = (d: string) => ({ now: day(d) });

describe('application: SubmitApplication', () => {
  it('records the screening decision with every finding and its citation', async () => {
    await given([], now('01'))
      .when(when('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }))
      .then(
        [
          {
            type: 'ApplicationSubmitted',
            data: { applicantId: 'org-1', decision: { outcome: 'eligible', rulePack: { id: 'test-pack' } } },
          },
        ],
        (r) => {
          expect(r.decision.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
            'credit-clean',
            'evaluation-experience',
            'levels-allowed',
            'materials-complete',
            'not-access-type',
          ]);
          expect(r.decision.findings.every((f: { cite: { document: string } }) => f.cite.document.length > 0)).toBe(
            true,
          );
        },
      );
  });
  it('evaluates every rule (no short-circuit) and records an ineligible decision', async () => {
    const p = testProfile();
    p.organization.creditClean = false;
    p.occupations[0]!.accessType = true;
    p.materials = [];
    await given([], now('01'))
      .when(when('SubmitApplication', org, { ...p, rulePack: 'test-pack' }))
      .then([{ type: 'ApplicationSubmitted', data: { decision: { outcome: 'ineligible' } } }], (r) => {
        expect(
          r.decision.findings
            .filter((f: { outcome: string }) => f.outcome === 'fail')
            .map((f: { ruleId: string }) => f.ruleId)
            .sort(),
        ).toEqual(['credit-clean', 'materials-complete', 'not-access-type']);
      });
  });
  it('refuses a bad 统一社会信用代码, naming the field path', async () => {
    const err = (await given([])
      .when(when('SubmitApplication', org, { ...testProfile({ uscc: '52370100MJD123451X' }), rulePack: 'test-pack' }))
      .then(ValidationError)) as ValidationError;
    expect(err.issues.map((i) => i.path.join('.'))).toContain('payload.organization.uscc');
  });
  it('refuses an unknown rule pack', async () => {
    await given([])
      .when(when('SubmitApplication', org, { ...testProfile(), rulePack: 'atlantis' }))
      .then(ValidationError);
  });
  it('refuses a centre submitting', async () => {
    await given([])
      .when(when('SubmitApplication', centre, { ...testProfile(), rulePack: 'test-pack' }))
      .then(ForbiddenError);
  });
  it('refuses a second submission on the same stream', async () => {
    await given(SUBMITTED)
      .when(when('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }))
      .then(InvalidTransitionError);
  });
  it('refuses a command on the wrong kind of stream', async () => {
    await given([])
      .when(when('SubmitApplication', org, { ...testProfile(), rulePack: 'test-pack' }, 'exam-x'))
      .then(ValidationError);
  });
});

describe('application: supplements', () => {
  const ineligible = () => ({ ...testProfile(), materials: [] });
  it('a centre requests a supplement; the applicant supplements and is re-screened', async () => {
    await given([submit(ineligible()), cmd('RequestSupplement', centre, { items: ['work-plan'] })], now('02'))
      .when(when('SupplementApplication', org, testProfile()))
      .then([{ type: 'ApplicationSupplemented', data: { decision: { outcome: 'eligible' } } }], (r) =>
        expect(r.state.state).toBe('submitted'),
      );
  });
  it('RequestSupplement is for centres', async () => {
    await given(SUBMITTED)
      .when(when('RequestSupplement', org, { items: ['x'] }))
      .then(ForbiddenError);
  });
  it('RequestSupplement needs an item', async () => {
    await given(SUBMITTED)
      .when(when('RequestSupplement', centre, { items: [] }))
      .then(ValidationError);
  });
  it('another organization cannot supplement', async () => {
    await given([submit(ineligible()), cmd('RequestSupplement', centre, { items: ['work-plan'] })])
      .when(when('SupplementApplication', otherOrg, testProfile()))
      .then(ForbiddenError);
  });
  it('no supplement without a request', async () => {
    await given(SUBMITTED)
      .when(when('SupplementApplication', org, testProfile()))
      .then(InvalidTransitionError);
  });
});

describe('application: AcceptApplication / RejectApplication', () => {
  it('accepts an eligible application', async () => {
    await given(SUBMITTED, now('02'))
      .when(when('AcceptApplication', centre))
      .then([{ type: 'ApplicationAccepted' }], (r) => expect(r.state.state).toBe('evaluation'));
  });
  it('refuses to accept an ineligible one, with the findings and citations', async () => {
    const err = (await given([submit({ ...testProfile(), materials: [] })], now('02'))
      .when(when('AcceptApplication', centre))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings.map((f) => f.ruleId)).toEqual(['materials-complete']);
    expect(err.findings[0]!.cite.clause).toBe('六');
  });
  it('a late acceptance is flagged with DeadlineMissed (the pack flags, does not refuse)', async () => {
    await given(SUBMITTED, now('16'))
      .when(when('AcceptApplication', centre))
      .then([
        { type: 'DeadlineMissed', data: { deadlineId: 'acceptance', due: '2020-06-15' } },
        { type: 'ApplicationAccepted' },
      ]);
  });
  it('an organization never decides on its own filing', async () => {
    await given(SUBMITTED)
      .when(when('AcceptApplication', { id: 'org-1', role: 'city-center' }))
      .then(ForbiddenError);
  });
  it('an auditor is read-only', async () => {
    await given(SUBMITTED).when(when('AcceptApplication', auditor)).then(ForbiddenError);
  });
  it('rejects with a reason', async () => {
    await given(SUBMITTED)
      .when(when('RejectApplication', centre, { reason: '材料不实' }))
      .then([{ type: 'ApplicationRejected', data: { reason: '材料不实' } }], (r) => expect(r.state.done).toBe(true));
  });
  it('a rejection needs a reason', async () => {
    await given(SUBMITTED)
      .when(when('RejectApplication', centre, {}))
      .then(ValidationError);
  });
  it('no acceptance before submission', async () => {
    await given([]).when(when('AcceptApplication', centre)).then(InvalidTransitionError);
  });
});

describe('application: RecordEvaluation and StartPublicity', () => {
  it('an expert settles a review finding', async () => {
    await given(IN_REVIEW)
      .when(
        when('RecordEvaluation', expert, {
          findings: { 'evaluation-experience': { outcome: 'pass', note: '行业知名品牌' } },
        }),
      )
      .then(
        [
          {
            type: 'EvaluationRecorded',
            data: { findings: { 'evaluation-experience': { outcome: 'pass', expertId: 'expert-1' } } },
          },
        ],
        (r) => expect(r.state.context.criteria['evaluation-experience']).toBe('pass'),
      );
  });
  it('only criteria under review can be settled', async () => {
    const err = (await given(IN_REVIEW)
      .when(when('RecordEvaluation', expert, { findings: { 'credit-clean': { outcome: 'pass', note: 'x' } } }))
      .then(ValidationError)) as ValidationError;
    expect(err.issues[0]!.path).toEqual(['payload', 'findings', 'credit-clean']);
  });
  it('evaluation is for experts', async () => {
    await given(IN_REVIEW)
      .when(when('RecordEvaluation', centre, { findings: { 'evaluation-experience': { outcome: 'pass', note: 'x' } } }))
      .then(ForbiddenError);
  });
  it('publicity needs every criterion passed', async () => {
    const err = (await given(IN_REVIEW)
      .when(when('StartPublicity', centre))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings.map((f) => [f.ruleId, f.outcome])).toEqual([['evaluation-experience', 'review']]);
  });
  it('an expert failing a criterion keeps publicity closed', async () => {
    await given([
      ...IN_REVIEW,
      cmd('RecordEvaluation', expert, {
        findings: { 'evaluation-experience': { outcome: 'fail', note: '影响力不足' } },
      }),
    ])
      .when(when('StartPublicity', centre))
      .then(RuleViolationError);
  });
  it('publicity starts once the review is settled', async () => {
    await given(
      [
        ...IN_REVIEW,
        cmd('RecordEvaluation', expert, { findings: { 'evaluation-experience': { outcome: 'pass', note: '品牌' } } }),
      ],
      now('03'),
    )
      .when(when('StartPublicity', centre))
      .then([{ type: 'PublicityStarted', data: { startsOn: '2020-06-03' } }]);
  });
  it('no publicity before acceptance', async () => {
    await given(SUBMITTED).when(when('StartPublicity', centre)).then(InvalidTransitionError);
  });
});

describe('application: objections and CompleteFiling', () => {
  it('anyone but an auditor records an objection', async () => {
    await given(PUBLICITY)
      .when(when('RecordObjection', otherOrg, { objectionId: 'o1', text: '场地不符' }))
      .then([{ type: 'ObjectionRecorded', data: { objectionId: 'o1' } }]);
    await given(PUBLICITY)
      .when(when('RecordObjection', auditor, { objectionId: 'o1', text: '场地不符' }))
      .then(ForbiddenError);
  });
  it('an objection id is recorded once', async () => {
    await given([...PUBLICITY, cmd('RecordObjection', otherOrg, { objectionId: 'o1', text: 't' })])
      .when(when('RecordObjection', otherOrg, { objectionId: 'o1', text: 't' }))
      .then(ValidationError);
  });
  it('a centre resolves an open objection', async () => {
    await given([...PUBLICITY, cmd('RecordObjection', otherOrg, { objectionId: 'o1', text: 't' })])
      .when(when('ResolveObjection', centre, { objectionId: 'o1', upheld: false, resolution: '经核查不成立' }))
      .then([{ type: 'ObjectionResolved' }]);
    await given(PUBLICITY)
      .when(when('ResolveObjection', centre, { objectionId: 'nope', upheld: false, resolution: 'x' }))
      .then(ValidationError);
  });
  it('filing waits for the minimum publicity period', async () => {
    const err = (await given(PUBLICITY, now('09'))
      .when(when('CompleteFiling', centre))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings[0]!.ruleId).toBe('filing-publicity');
  });
  it('filing waits for objections to be dismissed', async () => {
    await given([...PUBLICITY, cmd('RecordObjection', otherOrg, { objectionId: 'o1', text: 't' })], now('10'))
      .when(when('CompleteFiling', centre))
      .then(InvalidTransitionError);
  });
  it('completes the filing: code, validity, scope, quota place', async () => {
    await given(PUBLICITY, now('10'))
      .when(when('CompleteFiling', centre, { organizationCode: '0007' }))
      .then([
        {
          type: 'FilingCompleted',
          data: {
            organizationCode: '0007',
            validFrom: '2020-06-10',
            validUntil: '2023-06-09',
            scope: [{ code: '6-18-01-01', levels: [4, 5] }],
            quotaPlaces: ['quota-per-occupation-6-18-01-01'],
          },
        },
      ]);
  });
  it('no filing from evaluation', async () => {
    await given(ACCEPTED).when(when('CompleteFiling', centre)).then(InvalidTransitionError);
  });
});

describe('application: after filing', () => {
  const add = {
    add: [{ code: '6-18-01-02', name: '铣工', levels: [5], standard: 'national', accessType: false, evaluators: 3 }],
  };
  it('the applicant proposes a scope change and the centre approves it', async () => {
    await given(FILED, now('12'))
      .when(when('AmendScope', org, add))
      .then([{ type: 'ScopeAmendmentProposed' }]);
    await given([...FILED, cmd('AmendScope', org, add)], now('12'))
      .when(when('AmendScope', centre, {}))
      .then([{ type: 'ScopeAmended' }], (r) =>
        expect(r.state.context.scope.map((s: { code: string }) => s.code)).toEqual(['6-18-01-01', '6-18-01-02']),
      );
  });
  it('a new scope must pass the rules', async () => {
    await given(FILED)
      .when(when('AmendScope', centre, { add: [{ ...add.add[0], accessType: true }] }))
      .then(RuleViolationError);
  });
  it('a centre approves nothing when nothing is proposed', async () => {
    await given(FILED)
      .when(when('AmendScope', centre, {}))
      .then(ValidationError);
  });
  it('no scope change before filing', async () => {
    await given(PUBLICITY)
      .when(when('AmendScope', org, add))
      .then(InvalidTransitionError);
  });
  it('suspends, reinstates and revokes', async () => {
    await given(FILED)
      .when(when('SuspendFiling', centre, { reason: '整改' }))
      .then([{ type: 'FilingSuspended' }], (r) => expect(r.state.state).toBe('filed.suspended'));
    await given([...FILED, cmd('SuspendFiling', centre, { reason: '整改' })])
      .when(when('ReinstateFiling', centre))
      .then([{ type: 'FilingReinstated' }]);
    await given(FILED).when(when('ReinstateFiling', centre)).then(InvalidTransitionError);
    await given(FILED)
      .when(when('RevokeFiling', centre, { reason: '违规' }))
      .then([{ type: 'FilingRevoked' }], (r) => expect(r.state.state).toBe('revoked'));
    await given(FILED)
      .when(when('RevokeFiling', org, { reason: '违规' }))
      .then(ForbiddenError);
  });
});

describe('application: AmendScope rules of the pack', () => {
  const knownCodesOnly: Rule<{
    drop?: { code: string }[];
    filing?: { scope?: { code: string }[]; validUntil?: string | null };
  }> = {
    id: 'drop-only-filed-items',
    description: '只能减少已备案的评价项目',
    appliesTo: 'AmendScope',
    cite: testRulePack.rules[0]!.cite,
    evaluate(facts, { asOf }) {
      if (!facts.filing?.validUntil || asOf > facts.filing.validUntil) return fail('the filing is not in force');
      const filed = new Set((facts.filing.scope ?? []).map((s) => s.code));
      const unknown = (facts.drop ?? []).filter((d) => !filed.has(d.code));
      return unknown.length === 0 ? pass() : fail(`not filed: ${unknown.map((d) => d.code).join(', ')}`, ['drop']);
    },
  };
  const pack = defineRulePack({
    id: testRulePack.id,
    version: testRulePack.version,
    title: testRulePack.title,
    documents: [],
    jurisdiction: testRulePack.jurisdiction,
    extends: testRulePack,
    rules: [knownCodesOnly],
  });
  const options = { ...now('12'), rulePacks: [pack] };

  it('are evaluated on the proposal, over the change and the filing', async () => {
    const err = (await given(FILED, options)
      .when(when('AmendScope', org, { drop: [{ code: '9-99-99-99' }] }))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings.map((f) => f.ruleId)).toEqual(['drop-only-filed-items']);
  });

  it('are recorded with the approval', async () => {
    await given([...FILED, cmd('AmendScope', org, { drop: [{ code: '6-18-01-01', levels: [5] }] })], options)
      .when(when('AmendScope', centre, {}))
      .then([{ type: 'ScopeAmended' }], (r) => {
        const finding = r.decision.findings.find((f: { ruleId: string }) => f.ruleId === 'drop-only-filed-items');
        expect(finding).toMatchObject({ outcome: 'pass' });
      });
  });
});
