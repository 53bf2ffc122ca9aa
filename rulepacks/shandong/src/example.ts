import type { ApplicantProfile } from '@certflow/core';

/**
 * An applicant this pack screens as `needs-review` on {@link exampleAsOf}: a private training school
 * in Jinan with every material; the experts judge its influence (一（二）). Built from the base profile of
 * the pack's own test cases (`test/cases.yaml`), so samples and first experiments need no profile of
 * their own: change a field to see the rule that reads it fail. Every field is described on
 * `ApplicantProfile` (@certflow/core).
 */
export const exampleProfile: ApplicantProfile = {
  organization: {
    name: '济南某职业技能培训学校',
    uscc: '52370100MJD123451M',
    kind: 'private-training-institution',
    registeredIn: '370100',
    independentLegalPerson: true,
    creditClean: true,
    soundFinanceAndManagement: true,
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
    emergencyPlan: true,
    standardTheoryExamRoom: true,
    examNetworkAndComputers: true,
    practicalVenueAndEquipment: true,
    identityVerification: true,
    signalShielding: true,
  },
  occupations: [
    {
      code: '6-18-01-01',
      name: '车工',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 6,
      withinMainScope: true,
    },
  ],
  materials: [
    'basic-information-form',
    'work-plan',
    'legal-registration-certificate',
    'staff-and-evaluator-credentials',
    'venue-and-equipment-proof',
    'credit-report-or-pledge',
  ],
  submittedTo: 'city',
};

/** The China date (YYYY-MM-DD) on which {@link exampleProfile} is screened as `needs-review`. */
export const exampleAsOf = '2020-05-20';
