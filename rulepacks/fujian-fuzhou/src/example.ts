import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as `eligible` on {@link exampleAsOf}: a complete Fuzhou private
 * training institution, recommended by its district. Built from the base profile of the pack's own
 * test cases (`test/cases.yaml`), so samples and first experiments need no profile of their own:
 * change a field to see the rule that reads it fail. Every field is described on
 * `ApplicantProfile` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = {
  organization: {
    name: '福州某职业技能培训学校',
    uscc: '52350100MJD123451D',
    kind: 'private-training-institution',
    registeredIn: '350100',
    independentLegalPerson: true,
    creditClean: true,
    soundFinanceAndManagement: true,
    acceptsSupervision: true,
  },
  history: { consecutiveYears: 6, personTimesTotal: 12000, personTimesEvaluated: 5000 },
  capacity: {
    dedicatedDepartment: true,
    fullTimeStaff: 8,
    experts: 5,
    proctors: 10,
    supervisors: 3,
    videoMonitoring: true,
    notForProfit: true,
    stableFunding: true,
    qualityControlSystem: true,
    questionBankDevelopers: 3,
  },
  occupations: [
    {
      code: '6-18-01-01',
      name: '车工',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 6,
      workstations: 20,
      questionBank: {
        '3': { theoryQuestions: 1500, theoryPaperSets: 12, practicalPaperSets: 12 },
        '4': { theoryQuestions: 1500, theoryPaperSets: 12, practicalPaperSets: 12 },
        '5': { theoryQuestions: 1500, theoryPaperSets: 12, practicalPaperSets: 12 },
      },
    },
  ],
  materials: [
    'basic-information-form',
    'occupation-catalog-and-samples',
    'implementation-plan',
    'expert-skill-proof',
    'venue-and-asset-proof',
    'credit-report-or-pledge',
    'history-and-scale-proof',
  ],
  recommendedByDistrict: true,
  firstApplication: true,
};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as `eligible`. */
export const exampleAsOf = '2021-05-06';
