// docs/authoring-a-rule-pack.md: keeping a released version when a fix
// changes a pack's behaviour. The pack below is what a pack module holds.
import {
  defineRulePack,
  evaluateRules,
  fail,
  pass,
  releaseOf,
  type ApplicantProfile,
  type Rule,
  type RulePackDefinition,
} from '@certflow/core';
import { loadRuleCases } from '@certflow/core/fixtures';
import { national } from '@certflow/rulepack-national';

const DOC = '鄂人社函〔2020〕N号';
const cite = { document: DOC, clause: '二', text: '每个评价机构申报职业不超过3个' };
const sourceDigest = 'f'.repeat(64); // a real pack imports it from src/digest.ts
const KNOWN_HASHES = { '1.0.0': ['e'.repeat(64)] }; // a real pack: src/released/hashes.ts

// #region release
// src/rules/ch2-occupations.ts: the fix. 1.0.0 counted occupations wrongly; 1.1.0 counts them as the notice says.
export const maxOccupations: Rule<ApplicantProfile> = {
  id: 'max-occupations',
  description: '申报职业不超过3个',
  cite,
  evaluate: (p) =>
    p.occupations.length <= 3 ? pass() : fail(`${p.occupations.length} occupations, at most 3`, ['occupations']),
};

// src/definition.ts: the current definition, with a literal version line.
export const definition: RulePackDefinition = {
  id: 'hubei-example',
  version: '1.1.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
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
  rules: [maxOccupations],
};

// src/released/1.0.0.ts: the released version = the current definition with
// the old implementation of exactly the rule that changed.
export const v1_0_0 = releaseOf(definition, {
  version: '1.0.0',
  rules: [
    { ...maxOccupations, evaluate: (p) => (p.occupations.length < 3 ? pass() : fail('at most 3', ['occupations'])) },
  ],
});

// src/index.ts: the current pack carries its releases; engines and replay find them.
export const hubei = defineRulePack({ ...definition, releases: [v1_0_0] });
// #endregion release

const profile = loadRuleCases('rulepacks/national').base as ApplicantProfile;
profile.occupations = [0, 1, 2].map((i) => ({ ...profile.occupations[0]!, code: `6-18-01-0${i + 1}` }));
console.log(
  hubei.version,
  hubei.releases.map((r) => r.version),
); // 1.1.0 [ '1.0.0' ]
console.log(
  evaluateRules(v1_0_0, profile, { asOf: '2020-06-01' }).outcome,
  evaluateRules(hubei, profile, { asOf: '2020-06-01' }).outcome,
); // ineligible eligible
console.log(v1_0_0.knownHashes.includes('e'.repeat(64))); // true
