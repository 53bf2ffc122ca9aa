import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as `needs-review` on {@link exampleAsOf}: a Shanghai enterprise with
 * evaluation experience; the experts judge it (一（二）). Built from the base profile of the pack's own
 * test cases (`test/cases.yaml`), so samples and first experiments need no profile of their own:
 * change a field to see the rule that reads it fail. Every field is described on
 * `ApplicantProfile` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = {
  organization: {
    name: '上海某职业技能评价有限公司',
    uscc: '91310000MA1K123451',
    kind: 'enterprise',
    registeredIn: '310000',
    independentLegalPerson: true,
    creditClean: true,
    financialAndManagementRules: true,
    acceptsSupervision: true,
  },
  history: { consecutiveYears: 8, personTimesTotal: 20000, personTimesEvaluated: 6000 },
  capacity: {
    dedicatedDepartment: true,
    fullTimeStaff: 6,
    experts: 5,
    proctors: 12,
    supervisors: 3,
    videoMonitoring: true,
    notForProfit: true,
    stableFunding: true,
    venueAndEquipment: true,
    qualityControl: true,
  },
  occupations: [
    {
      code: '6-18-01-01',
      name: '车工',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 6,
      catalogExitDate: '2020-07-31',
    },
  ],
  materials: [],
};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as `needs-review`. */
export const exampleAsOf = '2020-12-01';
