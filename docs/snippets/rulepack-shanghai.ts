// rulepacks/shanghai/README.md
// #region evaluate
import { evaluateRules } from '@certflow/core';
import shanghai from '@certflow/rulepack-shanghai';

const profile = {
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
      implementedByHrAuthorities: true,
    },
  ],
  materials: [],
};
const decision = evaluateRules(shanghai, profile, { asOf: '2020-12-01' });
console.log(decision.outcome); // needs-review — the experts judge 一（二）
console.log(
  decision.findings.filter((f) => f.outcome !== 'pass' && f.outcome !== 'not-applicable').map((f) => f.ruleId),
);
// [ 'wide-influence', 'evaluation-experience' ]
// #endregion evaluate
