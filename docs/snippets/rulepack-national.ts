// rulepacks/national/README.md. The profile is the pack's example applicant
// (the base of its own test cases, rulepacks/national/test/cases.yaml).
// #region evaluate
import { evaluateRules } from '@certflow/core';
import national, { exampleAsOf, exampleProfile } from '@certflow/rulepack-national';

const decision = evaluateRules(national, exampleProfile, { asOf: exampleAsOf }); // 2020-06-01
console.log(
  decision.outcome,
  decision.findings.filter((f) => f.outcome === 'fail'),
); // eligible []
// #endregion evaluate
