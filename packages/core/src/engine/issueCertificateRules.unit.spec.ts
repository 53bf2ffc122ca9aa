import { describe, expect, it } from 'vitest';
import { defineRulePack, fail, pass, review, RuleViolationError, type ExamPlanFacts, type Rule } from '@certflow/core';
import { given, testRulePack } from '@certflow/core/testing';
import { CONFIRMED, EXAM, org, when } from './scenario.fixtures.js';

// A rule on IssueCertificates reads the plan and the filing (with its profile),
// as PlanExam rules do: here, who issues depends on a fact of the filing.
const issuedByFiledOrganization: Rule<ExamPlanFacts> = {
  id: 'issued-by-filed-organization',
  description: '证书由备案机构以自身名义颁发',
  cite: { document: 'certflow 测试规则', clause: '十二', text: '证书编码' },
  appliesTo: 'IssueCertificates',
  evaluate({ filing }) {
    const issuer = (filing.profile.organization as Record<string, unknown>).certificateIssuer;
    if (issuer === undefined) return review('the issuer is not stated');
    return issuer === 'self'
      ? pass()
      : fail(
          `certificates are issued by ${String(issuer)}`,
          ['filing', 'profile', 'organization', 'certificateIssuer'],
          { issuer },
        );
  },
};
const pack = defineRulePack({
  id: testRulePack.id,
  version: testRulePack.version,
  title: testRulePack.title,
  documents: testRulePack.documents,
  jurisdiction: testRulePack.jurisdiction,
  levels: testRulePack.levels,
  materials: testRulePack.materials,
  quotas: testRulePack.quotas,
  deadlines: testRulePack.deadlines,
  certificateNumber: testRulePack.certificateNumber,
  filingValidity: testRulePack.filingValidity,
  rules: [...testRulePack.rules, issuedByFiledOrganization],
});
/** CONFIRMED, with the submitted profile carrying `certificateIssuer` (or not). */
const confirmedWith = (issuer: string | undefined) =>
  CONFIRMED.map((c) => {
    if (c.type !== 'SubmitApplication') return c;
    const payload = structuredClone(c.payload) as { organization: Record<string, unknown> };
    if (issuer !== undefined) payload.organization.certificateIssuer = issuer;
    return { ...c, payload } as typeof c;
  });
const now = '2020-06-30T11:00:00+08:00';

describe('rules with appliesTo IssueCertificates', () => {
  it('a failing rule refuses the issue and names its clause; nothing is appended', async () => {
    const err = (await given(confirmedWith('hr-authorities'), { rulePacks: [pack], now })
      .when(when('IssueCertificates', org, {}, EXAM))
      .then(RuleViolationError)) as RuleViolationError;
    expect(err.findings).toMatchObject([
      { ruleId: 'issued-by-filed-organization', cite: { clause: '十二' }, params: { issuer: 'hr-authorities' } },
    ]);
  });
  it('a passing rule lets the filed organization issue its numbered certificates', async () => {
    await given(confirmedWith('self'), { rulePacks: [pack], now })
      .when(when('IssueCertificates', org, {}, EXAM))
      .then([{ type: 'CertificatesIssued' }], (r) =>
        expect((r.events[0]!.data as { certificates: unknown[] }).certificates).toHaveLength(2),
      );
  });
  it('a review finding does not block the issue; the result carries the decision', async () => {
    await given(confirmedWith(undefined), { rulePacks: [pack], now })
      .when(when('IssueCertificates', org, {}, EXAM))
      .then([{ type: 'CertificatesIssued' }], (r) =>
        expect(r.decision).toMatchObject({
          outcome: 'needs-review',
          findings: [{ ruleId: 'issued-by-filed-organization', outcome: 'review' }],
        }),
      );
  });
});
