// The rules of 沪人社职〔2020〕439号, one file per chapter that sets rules: 一 申报条件, 二 申报职业（工种）范围,
// 五 其他事项 (with AmendScope, 五（三）). 三 工作流程 sets the levels and the filing validity (limits.ts); 四 工作要求 sets none.
import { registeredInShanghai, independentLegalPerson, financialAndManagementRules, creditClean, enterpriseEvaluationExperience, associationRating4A, municipalAssociation, collegeTrainingYears, collegeTrainingScale, wideInfluence, evaluationExperience, dedicatedBody, fullTimeStaff, expertTeam, venueAndEquipment, videoMonitoring, notForProfit, stableFunding, qualityControl, acceptsSupervision } from './ch1-conditions.js';
import { occupationScope, skillTypeOccupation, notAccessType, nationalStandardRequired } from './ch2-occupations.js';
import { selectionOpen, nationalOrganizationLocalFiling, amendWithinValidity, amendedOccupationsInScope, amendedRemovalsFiled } from './ch5-other.js';

/** Every rule of the pack, in the order its decisions list them. */
export const rules = [
  registeredInShanghai,
  independentLegalPerson,
  financialAndManagementRules,
  creditClean,
  enterpriseEvaluationExperience,
  associationRating4A,
  municipalAssociation,
  collegeTrainingYears,
  collegeTrainingScale,
  wideInfluence,
  evaluationExperience,
  dedicatedBody,
  fullTimeStaff,
  expertTeam,
  venueAndEquipment,
  videoMonitoring,
  notForProfit,
  stableFunding,
  qualityControl,
  acceptsSupervision,
  occupationScope,
  skillTypeOccupation,
  notAccessType,
  nationalStandardRequired,
  selectionOpen,
  nationalOrganizationLocalFiling,
  amendWithinValidity,
  amendedOccupationsInScope,
  amendedRemovalsFiled,
];
