// The rules of 川人社办发〔2020〕20号, one file per chapter that sets rules: 一 基本原则, 二 试点申请, 三 评价标准,
// 四 评价方式, 六 工作要求, and the annexes 附件1 (conditions), 附件2 (materials), 附件4 (certification);
// 五 组织管理 and 附件3 (the centre's steps, in deadlines.ts and limits.ts) set none.
import {
  dedicatedBody,
  certificationRules,
  fullTimeStaff,
  expertTeam,
  qualitySupervisors,
  minEvaluatorsPerOccupation,
  venueAndEquipment,
  videoMonitoring,
  majorsMatchOccupations,
  questionBank,
  stableFunding,
  notForProfit,
  acceptsSupervision,
  examSystemConnects,
} from './annex1-conditions.js';
import { materialsComplete } from './annex2-materials.js';
import {
  performanceReview,
  qualitySupervisorEverySession,
  enrolmentClosedGiven,
  enrolmentBeforeExam,
  schoolIssuesOnlyOwnCertification,
  competitionCertificatesByAuthorities,
} from './annex4-certification.js';
import { technicalSchoolOnly } from './ch1-principles.js';
import { schoolInSichuan, competentCentre } from './ch2-application.js';
import { standardOrApprovedSpec, specApproved } from './ch3-standards.js';
import { evaluationMode, cooperatingEnterpriseFiled, socialOrganizationListed } from './ch4-modes.js';
import { notAccessType } from './ch6-requirements.js';

/** Every rule of the pack, in the order its decisions list them. */
export const rules = [
  technicalSchoolOnly,
  schoolInSichuan,
  competentCentre,
  standardOrApprovedSpec,
  specApproved,
  notAccessType,
  performanceReview,
  evaluationMode,
  cooperatingEnterpriseFiled,
  socialOrganizationListed,
  dedicatedBody,
  certificationRules,
  fullTimeStaff,
  expertTeam,
  qualitySupervisors,
  minEvaluatorsPerOccupation,
  venueAndEquipment,
  videoMonitoring,
  majorsMatchOccupations,
  questionBank,
  stableFunding,
  notForProfit,
  acceptsSupervision,
  examSystemConnects,
  materialsComplete,
  qualitySupervisorEverySession,
  enrolmentClosedGiven,
  enrolmentBeforeExam,
  schoolIssuesOnlyOwnCertification,
  competitionCertificatesByAuthorities,
];
