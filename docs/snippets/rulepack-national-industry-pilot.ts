// rulepacks/national-industry-pilot/README.md
// #region evaluate
import { evaluateRules } from '@certflow/core';
import pilot from '@certflow/rulepack-national-industry-pilot';

const profile = {
  organization: {
    name: '某行业协会',
    uscc: '51100000MC1234567D',
    kind: 'industry-association',
    registeredIn: '110000',
    independentLegalPerson: true,
    creditClean: true,
    associationType: 'professional',
    decoupled: true,
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
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 20,
      inQualificationCatalog: true,
    },
  ],
  materials: [
    'industry-pilot-work-plan',
    'industry-branch-criteria-and-list',
    'industry-implementation-plan',
    'regulation-exam-administration',
  ],
};
const decision = evaluateRules(pilot, profile, { asOf: '2020-10-15' });
console.log(decision.outcome); // ineligible
console.log(decision.findings.find((f) => f.ruleId === 'regulations-complete')?.message);
// missing regulations: 考评人员管理办法、试点及评价管理办法、… 信息公开制度
// #endregion evaluate
