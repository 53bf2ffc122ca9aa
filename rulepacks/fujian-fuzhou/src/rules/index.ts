// The rules of the Fuzhou notice (2021-04-22), one file per chapter: 一 申报条件, 二 申报职业（工种）范围, 三 实施程序, 四 工作要求.
import { priorityRules, registeredInFuzhou, mainDutyTalentTraining, soundFinanceAndManagement, creditClean, minConsecutiveYears, minTrainingEvaluationScale, recognisedBrandBelowScale, minEvaluatedShare, dedicatedDepartment, staffAndExperts, venueAndVideoMonitoring, stableFunding, qualityControl, notForProfit, acceptsSupervision, questionBankDevelopers, minTheoryQuestions, minTheoryPaperSets, minPracticalPaperSets, minReviewQuestions } from './ch1-conditions.js';
import { skillTypeOccupation, nationalStandardRequired, maxOccupationsFirstApplication, minWorkstationsPerOccupation, notAccessTypeFuzhou } from './ch2-occupations.js';
import { materialsComplete, districtRecommendation, filedElsewhereFilesLocally, intakeOpen, firstBatchWindow } from './ch3-procedure.js';
import { advertisingWording } from './ch4-requirements.js';

/** Every rule of the pack, in the order its decisions list them. */
export const rules = [
  registeredInFuzhou,
  mainDutyTalentTraining,
  soundFinanceAndManagement,
  creditClean,
  minConsecutiveYears,
  minTrainingEvaluationScale,
  recognisedBrandBelowScale,
  minEvaluatedShare,
  dedicatedDepartment,
  staffAndExperts,
  venueAndVideoMonitoring,
  stableFunding,
  qualityControl,
  notForProfit,
  acceptsSupervision,
  questionBankDevelopers,
  minTheoryQuestions,
  minTheoryPaperSets,
  minPracticalPaperSets,
  minReviewQuestions,
  ...priorityRules,
  skillTypeOccupation,
  nationalStandardRequired,
  maxOccupationsFirstApplication,
  minWorkstationsPerOccupation,
  notAccessTypeFuzhou,
  materialsComplete,
  districtRecommendation,
  filedElsewhereFilesLocally,
  intakeOpen,
  firstBatchWindow,
  advertisingWording,
];
