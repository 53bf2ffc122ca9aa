// docs/authoring-a-rule-pack.md: replacing an inherited rule. The pack and
// the applicant below are what a scaffolded pack would hold.
import { defineRulePack, evaluateRules } from '@certflow/core';
import { exampleProfile, national } from '@certflow/rulepack-national';

const DOC = '鄂人社函〔2020〕N号';

// #region replace
import { allowedLevelsRule, type LevelsSpec } from '@certflow/core';
// 试点期间 levels 5–3 only: a narrower `levels` and a rule citing your own clause (DOC: your notice's number, from src/documents.ts).
export const levels: LevelsSpec = {
  allowed: [5, 4, 3],
  cite: { document: DOC, clause: '二', text: '<clause 二, word for word>' },
};
export const levelsAllowedHere = {
  ...allowedLevelsRule(levels.cite, 'levels-allowed-hubei'),
  replaces: 'levels-allowed',
};
// #endregion replace

const hubei = defineRulePack({
  id: 'hubei-example',
  version: '0.1.0',
  extends: national,
  title: '湖北示例',
  documents: [
    {
      number: DOC,
      title: '示例通知',
      issuer: '湖北省人力资源和社会保障厅',
      issued: '2020-06-01',
      source: 'notice.txt',
    },
  ],
  jurisdiction: { name: '湖北', code: '420000', level: 'province' },
  levels,
  rules: [levelsAllowedHere],
});
const profile = structuredClone(exampleProfile);
profile.occupations[0]!.levels = [5, 4, 3, 2];
const decision = evaluateRules(hubei, profile, { asOf: '2020-06-01' });
console.log(
  decision.findings.filter((f) => f.outcome === 'fail').map((f) => `${f.ruleId} ${f.cite.document} ${f.cite.clause}`),
); // [ 'levels-allowed-hubei 鄂人社函〔2020〕N号 二' ]
console.log(hubei.rules.some((r) => r.id === 'levels-allowed')); // false
