// rulepacks/fujian-fuzhou/README.md
// #region evaluate
import { evaluateRules } from '@certflow/core';
import fuzhou, { checkAdvertising } from '@certflow/rulepack-fujian-fuzhou';

const bank = { theoryQuestions: 1500, theoryPaperSets: 12, practicalPaperSets: 12 };
const profile = {
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
      questionBank: { 5: bank, 4: bank, 3: bank },
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
console.log(evaluateRules(fuzhou, profile, { asOf: '2021-05-06' }).outcome); // eligible

for (const f of checkAdvertising('考试合格颁发职业资格证书', { emblems: ['national-emblem'] })) {
  console.log(f.outcome, f.term, f.match ?? '', f.cite.clause);
  // fail 职业资格 职业资格 四（六）
  // fail 资格证 资格证 四（六）
  // fail 国徽  四（六） — an emblem has no matched text
}
// #endregion evaluate
