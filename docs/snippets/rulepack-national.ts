// rulepacks/national/README.md. The profile is the base applicant of the
// pack's own test cases (rulepacks/national/test/cases.yaml).
import { loadRuleCases } from '@certflow/core/testing';
import type { ApplicantProfile } from '@certflow/core';

const profile = loadRuleCases('rulepacks/national').base as ApplicantProfile;

// #region evaluate
import { evaluateRules } from '@certflow/core';
import national from '@certflow/rulepack-national';

const decision = evaluateRules(national, profile, { asOf: '2020-06-01' });
console.log(decision.outcome, decision.findings.filter((f) => f.outcome === 'fail')); // eligible []
// #endregion evaluate
