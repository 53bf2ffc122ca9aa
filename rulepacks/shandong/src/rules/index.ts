// The rules of 鲁人社字〔2020〕50号, one file per chapter of the notice (一 to 五; 六 sets no rule).
import {
  organizationKindInScope,
  registeredInShandong,
  soundFinanceAndManagement,
  creditClean,
  influenceAndExperience,
  qualityControlAndEmergencyPlan,
  dedicatedDepartment,
  fullTimeStaff,
  evaluationPersonnel,
  examFacilities,
  examSecurityEquipment,
  stableFunding,
  notForProfit,
  enterpriseSelfEvaluationQualified,
  associationMemberUnits,
} from './ch1-conditions.js';
import {
  levelsAllowedShandong,
  notAccessTypeShandong,
  skillTypeOccupation,
  maxThreeOccupations,
  scopeByOrganizationKind,
  schoolLevelsWithinTrainingLevel,
  examLevelInPilot,
} from './ch2-occupations.js';
import { materialsComplete, applicationChannel, crossCityEvaluation } from './ch3-application.js';
import { examPlanContents } from './ch4-evaluation.js';
import { firstBatchWindow } from './ch5-schedule.js';

/** Every rule of the pack, in the order its decisions list them. */
export const rules = [
  organizationKindInScope,
  registeredInShandong,
  soundFinanceAndManagement,
  creditClean,
  influenceAndExperience,
  qualityControlAndEmergencyPlan,
  dedicatedDepartment,
  fullTimeStaff,
  evaluationPersonnel,
  examFacilities,
  examSecurityEquipment,
  stableFunding,
  notForProfit,
  enterpriseSelfEvaluationQualified,
  associationMemberUnits,
  levelsAllowedShandong,
  notAccessTypeShandong,
  skillTypeOccupation,
  maxThreeOccupations,
  scopeByOrganizationKind,
  schoolLevelsWithinTrainingLevel,
  materialsComplete,
  applicationChannel,
  crossCityEvaluation,
  firstBatchWindow,
  examLevelInPilot,
  examPlanContents,
];
