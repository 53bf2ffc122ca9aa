import type { ApplicantProfile, ExamPlan } from '@certflow/core';
import { sichuanTechnicalSchools } from '@certflow/rulepack-sichuan-technical-schools';
import { certificateLines, certificateNumbers, filingLines, planLines, resultLines } from '../details.js';
import { roster, staff, uscc } from '../people.js';
import { decisionLines, type Party, type Story } from '../runner.js';

const school: Party = { name: '成都市某技师学院', actor: { id: 'org-sc-chengdu-jishi', role: 'applicant' } };
const centre: Party = { name: '成都市职业技能鉴定指导中心', actor: { id: 'osta-chengdu', role: 'city-center' } };
const expert: Party = { name: '专家组 杨工', actor: { id: 'expert-sc-yang', role: 'expert' } };

const APP = 'application-sc-chengdu-0001';
const bank = { theoryQuestions: 900, theoryPaperSets: 4, practicalPaperSets: 4 };

/** 四川: a city 技师学院 certifying its own students by its own station (四（三）), levels 5 to 2. */
export const profile: ApplicantProfile & Record<string, unknown> = {
  organization: {
    name: school.name,
    uscc: uscc('12510100MB0234567'),
    kind: 'technical-school',
    registeredIn: '510100',
    independentLegalPerson: true,
    creditClean: true,
    schoolAffiliation: 'city',
    appliedTo: 'city-centre',
    evaluationMode: 'own-station',
    acceptsSupervision: true,
  },
  history: { consecutiveYears: 12, personTimesTotal: 9400, personTimesEvaluated: 3600 },
  capacity: {
    dedicatedDepartment: true,
    certificationRules: true,
    fullTimeStaff: 5,
    experts: 7,
    proctors: 12,
    supervisors: 3,
    videoMonitoring: true,
    venueAndEquipment: true,
    examSystemConnected: true,
    notForProfit: true,
    stableFunding: true,
  },
  occupations: [
    // Level 2 (技师) adds a 综合业绩评审 (附件4（一）); the school does not say how, so an expert checks.
    {
      code: '6-18-01-01',
      name: '车工',
      levels: [5, 4, 3, 2],
      standard: 'national',
      accessType: false,
      evaluators: 4,
      matchingMajor: true,
      questionBank: { '5': bank, '4': bank, '3': bank, '2': bank },
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

const plan = (examDate: string, supervisors: string[], people: [string, string][]): ExamPlan => ({
  filingStreamId: APP,
  occupation: { code: '6-18-01-01', level: 4 },
  examDate,
  enrolmentClosedOn: '2020-10-16',
  site: { name: '成都市某技师学院实训楼', sequence: '000007' },
  roster: roster('510106', people),
  proctors: staff('sc-proctor', ['何老师', '罗老师']),
  evaluators: staff('sc-evaluator', ['唐考评', '邓考评', '冯考评']),
  supervisors: staff('sc-supervisor', supervisors),
});

export const sichuanStory: Story = {
  key: 'sichuan-technical-schools',
  region: '四川',
  pack: sichuanTechnicalSchools,
  async run(t) {
    const { applications, exams } = t.engine;
    t.on('2020-09-07');
    await t.step(
      school,
      'applies to the city centre',
      () =>
        applications.submit({
          streamId: APP,
          actor: school.actor,
          payload: { ...profile, rulePack: 'sichuan-technical-schools' },
        }),
      (r) => decisionLines(r.decision),
    );
    t.on('2020-09-10');
    await t.step(centre, 'accepts within 10 working days (附件3)', () =>
      applications.accept({ streamId: APP, actor: centre.actor }),
    );
    t.on('2020-09-17');
    await t.step(expert, 'confirms the 综合业绩评审 for 技师 after the expert review', () =>
      applications.recordEvaluation({
        streamId: APP,
        actor: expert.actor,
        payload: {
          findings: {
            'performance-review-levels-2-1': {
              outcome: 'pass',
              note: '技师层级采用综合业绩评审，评审办法已随工作方案报送',
            },
          },
        },
      }),
    );
    t.on('2020-09-21');
    await t.step(centre, 'starts publicity', () => applications.startPublicity({ streamId: APP, actor: centre.actor }));
    t.on('2020-09-28');
    await t.step(
      centre,
      'completes the filing',
      () =>
        applications.completeFiling({
          streamId: APP,
          actor: centre.actor,
          payload: { organizationCode: '0000', filingNumber: '川职鉴备（蓉）2020-012', validUntil: '2023-09-27' },
        }),
      filingLines,
    );

    const people: [string, string][] = [
      ['李俊杰', '20020315'],
      ['张雨涵', '20011208'],
      ['王子豪', '20030127'],
      ['刘思琪', '20020730'],
    ];
    t.on('2020-10-26');
    await t.refused(school, 'plans a 车工 四级 session without a quality supervisor', () =>
      exams.plan({
        streamId: 'exam-sc-chengdu-2020-12-18',
        actor: school.actor,
        payload: plan('2020-12-18', [], people),
      }),
    );
    const EXAM = 'exam-sc-chengdu-2020-12-18';
    const main = plan('2020-12-18', ['袁督导'], people);
    t.on('2020-10-27');
    await t.step(
      school,
      'plans it again with 袁督导 as quality supervisor',
      () => exams.plan({ streamId: EXAM, actor: school.actor, payload: main }),
      (r) => [...planLines(main), ...decisionLines(r.decision).slice(0, 1)],
    );
    t.on('2020-10-28');
    await t.step(school, 'files the plan (附件4（一）: within 30 working days of enrolment closing)', () =>
      exams.file({ streamId: EXAM, actor: school.actor }),
    );
    t.on('2020-12-18', '18:00');
    await t.step(
      school,
      'records theory and practical results',
      () =>
        exams.recordResults({
          streamId: EXAM,
          actor: school.actor,
          payload: {
            results: main.roster.map((c, i) => ({
              idNumber: c.idNumber,
              passed: i !== 1,
              score: [82, 58, 75, 88][i]!,
            })),
          },
        }),
      resultLines,
    );
    t.on('2020-12-21');
    await t.step(school, 'publishes the results', () =>
      exams.startResultsPublicity({ streamId: EXAM, actor: school.actor }),
    );
    t.on('2020-12-28');
    await t.step(centre, 'confirms the results', () => exams.confirmResults({ streamId: EXAM, actor: centre.actor }));
    t.on('2020-12-29');
    const issued = await t.step(
      school,
      'issues certificates (附件4（五）: Sichuan coding rule, code 51)',
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
