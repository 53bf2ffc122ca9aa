// rulepacks/sichuan-technical-schools/README.md
// #region evaluate
import { evaluateRules } from '@certflow/core';
import sichuan from '@certflow/rulepack-sichuan-technical-schools';

const profile = {
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
      levels: [5, 4, 3, 2],
      standard: 'national',
      accessType: false,
      evaluators: 2,
      matchingMajor: true,
      performanceReview: true,
      questionBank: { '5': { theoryQuestions: 800, theoryPaperSets: 3, practicalPaperSets: 3 } },
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
const decision = evaluateRules(sichuan, profile, { asOf: '2020-03-02' });
console.log(decision.outcome); // ineligible
console.log(decision.findings.filter((f) => f.outcome === 'fail').map((f) => `${f.ruleId} ${f.cite.clause}`));
// [ 'min-evaluators-per-occupation 附件1 2', 'question-bank 附件1 5' ] — 2 evaluators; no bank for levels 4, 3, 2
// #endregion evaluate
