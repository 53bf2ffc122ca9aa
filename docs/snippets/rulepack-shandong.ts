// rulepacks/shandong/README.md
// #region evaluate
import { evaluateRules } from '@certflow/core';
import shandong from '@certflow/rulepack-shandong';

const profile = {
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
const decision = evaluateRules(shandong, profile, { asOf: '2020-05-20' });
console.log(decision.outcome); // needs-review — an expert judges 一（二）'s "wide influence"
for (const f of decision.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'review'))
  console.log(f.ruleId, f.outcome, f.cite.clause, f.message);
// influence-and-experience review 一（二） 专家评估：…
// #endregion evaluate
