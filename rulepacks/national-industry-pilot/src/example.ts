import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as `needs-review` on {@link exampleAsOf}: an association recommended
 * by its department, with every material; the experts judge the 16号 criteria. Built from the base
 * profile of the pack's own test cases (`test/cases.yaml`), so samples and first experiments need no
 * profile of their own: change a field to see the rule that reads it fail. Every field is described on
 * `ApplicantProfile` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = {
  organization: {
    name: '某交通运输职业技能评价中心',
    uscc: '91110000MA0012345C',
    kind: 'private-training-institution',
    registeredIn: '110000',
    independentLegalPerson: true,
    creditClean: true,
    affiliatedWithAuthority: false,
    recommendedBy: '交通运输部',
  },
  history: { consecutiveYears: 12, personTimesTotal: 90000, personTimesEvaluated: 40000 },
  capacity: {
    dedicatedDepartment: true,
    fullTimeStaff: 20,
    experts: 30,
    proctors: 60,
    supervisors: 10,
    videoMonitoring: true,
    notForProfit: true,
    stableFunding: true,
  },
  occupations: [
    {
      code: '6-29-02-01',
      name: '筑路工',
      levels: [5, 4, 3, 2, 1],
      standard: 'national',
      accessType: false,
      evaluators: 20,
      inQualificationCatalog: true,
    },
  ],
  materials: [
    'department-pilot-work-plan',
    'department-recommendation-letter',
    'department-implementation-plan',
    'regulation-exam-administration',
    'regulation-evaluator-management',
    'regulation-pilot-and-evaluation',
    'regulation-misconduct',
    'regulation-archives',
    'regulation-certificates',
    'regulation-supervision',
    'regulation-risk-control',
    'regulation-finance',
    'regulation-publicity',
    'regulation-accountability',
    'regulation-disclosure',
  ],
};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as `needs-review`. */
export const exampleAsOf = '2020-10-15';
