import {
  fail,
  isLocalDate,
  notApplicable,
  pass,
  perOccupation,
  releaseOf,
  review,
  type Occupation,
  type Rule,
  type RuleResult,
} from '@certflow/core';
import { national_1_0_0 } from '@certflow/rulepack-national';
import { definition } from '../definition.js';
import { CATALOG_EXIT_CUTOFF } from '../documents.js';
import { amendedOccupationsInScope, type AmendScopeFacts } from '../rules/ch5-other.js';
import { nationalStandardFor, occupationScope } from '../rules/ch2-occupations.js';

/**
 * 1.0.0 as released: 二（一） passed an occupation out of the catalog by
 * 2020-09-30 without knowing its implementing body, there was no skill-type
 * check, and the 准入类 exclusion was the base's. Kept so that logs written
 * under 1.0.0 replay as they were decided; never used for new applications.
 */
function occupationInScope100(o: Occupation, i: number): RuleResult {
  const path = ['occupations', i];
  const exit = o.catalogExitDate;
  if (exit !== undefined && !isLocalDate(exit))
    return review(`${o.code}: catalogExitDate ${String(exit)} is not a date`, [...path, 'catalogExitDate']);
  if (isLocalDate(exit) && exit <= CATALOG_EXIT_CUTOFF) return pass();
  if (o.newOccupation === true || o.urgentlyNeededInShanghai === true) return pass();
  const known = exit !== undefined && o.newOccupation === false && o.urgentlyNeededInShanghai === false;
  if (known) {
    return fail(
      `${o.code} ${o.name} left the catalog on ${exit}, after ${CATALOG_EXIT_CUTOFF}, and is neither a new occupation nor urgently needed in Shanghai`,
      path,
      {
        catalogExitDate: exit,
        cutoff: CATALOG_EXIT_CUTOFF,
      },
    );
  }
  return review(
    `${o.code} ${o.name}: the profile does not show it left the catalog by ${CATALOG_EXIT_CUTOFF} or is a new or urgently needed occupation`,
    path,
  );
}

const occupationScope100: Rule = {
  ...occupationScope,
  evaluate: (p) => perOccupation(p.occupations, occupationInScope100),
};

const amendedOccupationsInScope100: Rule<AmendScopeFacts> = {
  ...amendedOccupationsInScope,
  description: '新增评价项目须符合本通知二的职业范围并有国家职业技能标准，且非准入类',
  evaluate(f) {
    const add = f.add ?? [];
    if (add.length === 0) return notApplicable('no occupation added');
    return perOccupation(add, (o, i) => {
      if (o.accessType) return fail(`${o.code} is an access-type (准入类) occupation`, ['add', i, 'accessType']);
      const std = nationalStandardFor(o, i);
      if (std.outcome === 'fail') return { ...std, path: ['add', i, 'standard'] };
      const scope = occupationInScope100(o, i);
      return scope.path ? { ...scope, path: ['add', ...scope.path.slice(1)] } : scope;
    });
  },
};

export const v1_0_0 = releaseOf(definition, {
  version: '1.0.0',
  sourceDigest: '0d10932df56eb8bdd5e623f9768abc5b204988c410f8d7e4f830f4505c3e6cb9',
  extends: national_1_0_0,
  rules: [occupationScope100, amendedOccupationsInScope100],
  withoutRules: ['skill-type-occupation', 'not-access-type'],
  filingValidity: undefined,
  citations: undefined,
  levels: undefined,
});
