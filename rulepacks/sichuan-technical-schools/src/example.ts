import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as `eligible` on {@link exampleAsOf}: a city technical school with
 * three evaluators, a question bank and all eight materials. Built from the base profile of the pack's
 * own test cases (`test/cases.yaml`), so samples and first experiments need no profile of their own:
 * change a field to see the rule that reads it fail. Every field is described on
 * `ApplicantProfile` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = {
  organization: {
    name: '成都某技师学院',
    uscc: '12510000MB0123456R',
    kind: 'technical-school',
    registeredIn: '510100',
    independentLegalPerson: true,
    creditClean: true,
    schoolAffiliation: 'city',
    appliedTo: 'city-centre',
    evaluationMode: 'own-station',
    acceptsSupervision: true,
  },
  history: { consecutiveYears: 10, personTimesTotal: 8000, personTimesEvaluated: 3000 },
  capacity: {
    dedicatedDepartment: true,
    certificationRules: true,
    fullTimeStaff: 4,
    experts: 6,
    proctors: 10,
    supervisors: 2,
    videoMonitoring: true,
    venueAndEquipment: true,
    examSystemConnected: true,
    notForProfit: true,
    stableFunding: true,
  },
  occupations: [
    {
      code: '6-18-01-01',
      name: '车工',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 3,
      matchingMajor: true,
      questionBank: {
        '3': { theoryQuestions: 600, theoryPaperSets: 3, practicalPaperSets: 3 },
        '4': { theoryQuestions: 800, theoryPaperSets: 3, practicalPaperSets: 3 },
        '5': { theoryQuestions: 800, theoryPaperSets: 3, practicalPaperSets: 3 },
      },
    },
  ],
  materials: [
    'application-form',
    'legal-person-certificate',
    'occupations-and-standards',
    'question-bank-status',
    'venue-equipment-proof',
    'staff-list',
    'exam-rules-and-quality-control',
    'pilot-work-plan',
  ],
};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as `eligible`. */
export const exampleAsOf = '2020-03-02';
