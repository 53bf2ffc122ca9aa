import type { ApplicantProfile, ExamPlan } from '@certflow/core';
import { shandong } from '@certflow/rulepack-shandong';
import { certificateLines, certificateNumbers, filingLines, planLines, resultLines } from '../details.js';
import { roster, staff, uscc } from '../people.js';
import { decisionLines, type Party, type Story } from '../runner.js';

const school: Party = {
  name: '济南市历下区某职业技能培训学校',
  actor: { id: 'org-sd-jinan-lixia', role: 'applicant' },
};
const centre: Party = { name: '济南市职业技能鉴定指导中心', actor: { id: 'osta-jinan', role: 'city-center' } };
const expert: Party = { name: '专家组 王工', actor: { id: 'expert-sd-wang', role: 'expert' } };

const APP = 'application-sd-jinan-0001';

/** A private training institution in Jinan, as the city collects it under 鲁人社字〔2020〕50号. */
export const profile: ApplicantProfile & { submittedTo: string } = {
  organization: {
    name: school.name,
    uscc: uscc('52370102MJD123456'),
    kind: 'private-training-institution',
    registeredIn: '370102',
    independentLegalPerson: true,
    creditClean: true,
    soundFinanceAndManagement: true,
  },
  history: { consecutiveYears: 7, personTimesTotal: 15600, personTimesEvaluated: 6200 },
  capacity: {
    dedicatedDepartment: true,
    fullTimeStaff: 9,
    experts: 6,
    proctors: 12,
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
      evaluators: 8,
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

const plan = (examDate: string, level: 5 | 4, people: [string, string][]): ExamPlan => ({
  filingStreamId: APP,
  occupation: { code: '6-18-01-01', level },
  examDate,
  site: { name: '济南考点一', sequence: '000001' },
  roster: roster('370102', people),
  proctors: staff('sd-proctor', ['李监考', '孙监考']),
  evaluators: staff('sd-evaluator', ['王考评', '周考评', '吴考评']),
  supervisors: staff('sd-supervisor', ['赵督导']),
});

export const shandongStory: Story = {
  key: 'shandong',
  region: '山东',
  pack: shandong,
  async run(t) {
    const { applications, exams } = t.engine;
    t.on('2020-05-20');
    await t.step(
      school,
      'submits its application to the city (三（二）)',
      () => applications.submit({ streamId: APP, actor: school.actor, payload: { ...profile, rulePack: 'shandong' } }),
      (r) => decisionLines(r.decision),
    );
    t.on('2020-05-22');
    await t.step(centre, 'accepts the application (受理)', () =>
      applications.accept({ streamId: APP, actor: centre.actor }),
    );
    t.on('2020-05-27');
    await t.step(expert, 'settles 一（二） after a site visit', () =>
      applications.recordEvaluation({
        streamId: APP,
        actor: expert.actor,
        payload: {
          findings: {
            'influence-and-experience': { outcome: 'pass', note: '近三年车工评价6200人次，行业影响力经现场考察确认' },
          },
        },
      }),
    );
    t.on('2020-05-28');
    await t.step(centre, 'starts publicity (公示)', () =>
      applications.startPublicity({ streamId: APP, actor: centre.actor }),
    );
    t.on('2020-06-05');
    await t.step(
      centre,
      'completes the filing',
      () =>
        applications.completeFiling({
          streamId: APP,
          actor: centre.actor,
          payload: { organizationCode: '0000', filingNumber: '鲁评备（济）2020-001' },
        }),
      filingLines,
    );

    const EXAM = 'exam-sd-jinan-2020-07-15';
    const main = plan('2020-07-15', 4, [
      ['张伟', '19920314'],
      ['王芳', '19950822'],
      ['刘洋', '19900105'],
      ['陈静', '19980611'],
    ]);
    t.on('2020-07-01');
    await t.step(
      school,
      'plans a 车工 四级 session',
      () => exams.plan({ streamId: EXAM, actor: school.actor, payload: main }),
      (r) => [...planLines(main), ...decisionLines(r.decision).slice(0, 1)],
    );
    t.on('2020-07-02');
    await t.step(school, 'files the plan with the city centre (四（一）: 5 working days ahead)', () =>
      exams.file({ streamId: EXAM, actor: school.actor }),
    );

    const LATE = 'exam-sd-jinan-2020-07-10';
    t.on('2020-07-06', '09:00');
    await t.step(school, 'plans an extra 车工 五级 session for 2020-07-10', () =>
      exams.plan({ streamId: LATE, actor: school.actor, payload: plan('2020-07-10', 5, [['杨磊', '20000419']]) }),
    );
    t.on('2020-07-06', '09:30');
    await t.refused(school, 'files that plan 4 days before the exam', () =>
      exams.file({ streamId: LATE, actor: school.actor }),
    );

    t.on('2020-07-15', '18:00');
    await t.step(
      school,
      'records the results',
      () =>
        exams.recordResults({
          streamId: EXAM,
          actor: school.actor,
          payload: {
            results: main.roster.map((c, i) => ({
              idNumber: c.idNumber,
              passed: i !== 2,
              score: [86, 78, 52, 91][i]!,
            })),
          },
        }),
      resultLines,
    );
    t.on('2020-07-16');
    await t.step(school, 'publishes the results (四（三）: at least 5 working days)', () =>
      exams.startResultsPublicity({ streamId: EXAM, actor: school.actor }),
    );
    t.on('2020-07-23');
    await t.step(centre, 'confirms the results', () => exams.confirmResults({ streamId: EXAM, actor: centre.actor }));
    t.on('2020-07-24');
    const issued = await t.step(
      school,
      'issues certificates (四（四）: province code 37)',
      () => exams.issueCertificates({ streamId: EXAM, actor: school.actor }),
      certificateLines,
    );
    return {
      applicationStreamId: APP,
      examStreamId: EXAM,
      certificates: certificateNumbers(issued).map((c) => c.number),
    };
  },
};
