import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as `eligible` on {@link exampleAsOf}: a private training evaluation
 * centre with one skill-type occupation (车工) under a national standard. Built from the base profile of
 * the pack's own test cases (`test/cases.yaml`), so samples and first experiments need no profile of
 * their own: change a field to see the rule that reads it fail. Every field is described on
 * `ApplicantProfile` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = {
  organization: {
    name: '某职业技能培训评价中心',
    uscc: '52370100MJD123451M',
    kind: 'private-training-institution',
    registeredIn: '370100',
    independentLegalPerson: true,
    creditClean: true,
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
  },
  occupations: [
    {
      code: '6-18-01-01',
      name: '车工',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 6,
    },
  ],
  materials: [],
};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as `eligible`. */
export const exampleAsOf = '2020-06-01';
