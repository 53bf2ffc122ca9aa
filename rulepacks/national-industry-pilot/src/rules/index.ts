// The rules of 中就培函〔2020〕41号, one file per chapter that sets rules: 二 试点范围, 三 实施步骤, 五 时间安排, and
// 附件 (提交材料清单). 一 工作目标 sets none; 四 工作要求 re-cites the base's standard rule (definition.ts).
import { materialsComplete, regulationsComplete } from './annex-materials.js';
import {
  recommendedOrIndustryOrganization,
  notGovernmentDepartment,
  notAffiliatedUnit,
  associationDecoupled,
  notNonProfessionalAssociation,
  catalogLevelEvaluationOccupation,
  skillTypeOccupation,
} from './ch2-scope.js';
import {
  ownExitedOccupations,
  meetsOpenCallCriteria,
  comprehensiveAssociationSupport,
  branchLocalFiling,
  branchLocalRequirements,
  publicityAfterLocalFiling,
} from './ch3-steps.js';
import { implementationPlanByMidNovember } from './ch5-schedule.js';

/** Every rule of the pack, in the order its decisions list them. */
export const rules = [
  recommendedOrIndustryOrganization,
  notGovernmentDepartment,
  notAffiliatedUnit,
  associationDecoupled,
  notNonProfessionalAssociation,
  catalogLevelEvaluationOccupation,
  skillTypeOccupation,
  ownExitedOccupations,
  meetsOpenCallCriteria,
  comprehensiveAssociationSupport,
  branchLocalFiling,
  branchLocalRequirements,
  publicityAfterLocalFiling,
  implementationPlanByMidNovember,
  materialsComplete,
  regulationsComplete,
];
