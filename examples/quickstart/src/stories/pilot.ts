import type { ApplicantProfile, ExamPlan } from '@certflow/core';
import { nationalIndustryPilot } from '@certflow/rulepack-national-industry-pilot';
import { certificateLines, certificateNumbers, filingLines, planLines, resultLines } from '../details.js';
import { roster, staff, uscc } from '../people.js';
import { decisionLines, type Party, type Story } from '../runner.js';

const centreOrg: Party = {
  name: '某交通运输职业技能评价中心',
  actor: { id: 'org-pilot-transport', role: 'applicant' },
};
const affiliated: Party = {
  name: '某部属交通运输职业技能鉴定站',
  actor: { id: 'org-pilot-station', role: 'applicant' },
};
const osta: Party = {
  name: '人力资源社会保障部职业技能鉴定中心',
  actor: { id: 'osta-national', role: 'provincial-center' },
};
const expert: Party = { name: '专家组 周工', actor: { id: 'expert-pilot-zhou', role: 'expert' } };

const APP = 'application-pilot-transport-0001';
const REFUSED_APP = 'application-pilot-station-0002';

const materials = [
  'department-pilot-work-plan',
  'department-recommendation-letter',
  'department-implementation-plan',
  'regulation-exam-administration',
  'regulation-evaluator-management',
  'regulation-pilot-and-evaluation',
  'regulation-misconduct',
  'regulation-archives',
  'regulation-certificates',
  'regulation-supervision',
  'regulation-risk-control',
  'regulation-finance',
  'regulation-publicity',
  'regulation-accountability',
  'regulation-disclosure',
];

/** The national pilot: an organization the 交通运输部 recommends for 筑路工, leaving the qualification catalog. */
export const profile = (
  name: string,
  code17: string,
  affiliatedWithAuthority: boolean,
): ApplicantProfile & Record<string, unknown> => ({
  organization: {
    name,
    uscc: uscc(code17),
    kind: affiliatedWithAuthority ? 'public-institution' : 'private-training-institution',
    registeredIn: '110000',
    independentLegalPerson: true,
    creditClean: true,
    affiliatedWithAuthority,
    recommendedBy: '交通运输部',
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
      levels: [5, 4, 3, 2, 1],
      standard: 'national',
      accessType: false,
      evaluators: 20,
      inQualificationCatalog: true,
      implementedBy: '交通运输部',
    },
  ],
  materials,
});

/** The region's own pack: its certificate number rule gives the province code. */
export const pack = nationalIndustryPilot;

const plan = (examDate: string): ExamPlan => ({
  filingStreamId: APP,
  occupation: { code: '6-29-02-01', level: 3 },
  examDate,
  site: { name: '北京丰台考点', sequence: '000003' },
  roster: roster('110106', [
    ['赵建国', '19850412'],
    ['孙海涛', '19880923'],
    ['马俊', '19910117'],
    ['高峰', '19860605'],
  ]),
  proctors: staff('pilot-proctor', ['钱监考', '冯监考']),
  evaluators: staff('pilot-evaluator', ['韩考评', '曹考评', '彭考评']),
  supervisors: staff('pilot-supervisor', ['董督导']),
});

export const pilotStory: Story = {
  key: 'national-industry-pilot',
  region: '全国（部门行业试点）',
  pack,
  async run(t) {
    const { applications, exams } = t.engine;
    t.on('2020-10-15');
    await t.step(
      centreOrg,
      'recommended by 交通运输部, applies to the ministry centre',
      () =>
        applications.submit({
          streamId: APP,
          actor: centreOrg.actor,
          payload: { ...profile(centreOrg.name, '52110000MJ0345678', false), rulePack: pack.id },
        }),
      (r) => decisionLines(r.decision),
    );
    t.on('2020-10-16');
    await t.step(
      affiliated,
      'a station run by the department applies as well',
      () =>
        applications.submit({
          streamId: REFUSED_APP,
          actor: affiliated.actor,
          payload: { ...profile(affiliated.name, '12100000MB0456789', true), rulePack: pack.id },
        }),
      (r) => decisionLines(r.decision).filter((l) => !l.includes('meets-open-call') && !l.includes('16号')),
    );
    t.on('2020-10-19');
    await t.refused(osta, "accepts the station's application", () =>
      applications.accept({ streamId: REFUSED_APP, actor: osta.actor }),
    );
    await t.step(osta, 'accepts the recommended organization', () =>
      applications.accept({ streamId: APP, actor: osta.actor }),
    );
    t.on('2020-10-27');
    await t.step(expert, 'checks it against the 16号 open-call criteria (三（一）)', () =>
      applications.recordEvaluation({
        streamId: APP,
        actor: expert.actor,
        payload: {
          findings: {
            'meets-open-call-criteria': {
              outcome: 'pass',
              note: '符合中就培函〔2020〕16号申报条件，覆盖原交通行业鉴定站资源',
            },
          },
        },
      }),
    );
    t.on('2020-11-02');
    await t.step(osta, 'publishes it on the 技能人才评价信息平台 (三（五）)', () =>
      applications.startPublicity({ streamId: APP, actor: osta.actor }),
    );
    t.on('2020-11-13');
    await t.step(
      osta,
      'lists it in the pilot catalog with a ministry organization code (五（三）)',
      () =>
        applications.completeFiling({
          streamId: APP,
          actor: osta.actor,
          payload: { organizationCode: '0137', filingNumber: '人社鉴试点〔2020〕0137' },
        }),
      filingLines,
    );

    const EXAM = 'exam-pilot-beijing-2020-12-08';
    const main = plan('2020-12-08');
    t.on('2020-11-23');
    await t.step(
      centreOrg,
      'plans a 筑路工 三级 session in Beijing',
      () => exams.plan({ streamId: EXAM, actor: centreOrg.actor, payload: main }),
      (r) => [...planLines(main), ...decisionLines(r.decision).slice(0, 1)],
    );
    t.on('2020-11-24');
    await t.step(centreOrg, 'files the plan', () => exams.file({ streamId: EXAM, actor: centreOrg.actor }));
    t.on('2020-12-08', '18:00');
    await t.step(
      centreOrg,
      'records the results',
      () =>
        exams.recordResults({
          streamId: EXAM,
          actor: centreOrg.actor,
          payload: {
            results: main.roster.map((c, i) => ({
              idNumber: c.idNumber,
              passed: i !== 2,
              score: [80, 87, 49, 73][i]!,
            })),
          },
        }),
      resultLines,
    );
    t.on('2020-12-09');
    await t.step(centreOrg, 'publishes the results', () =>
      exams.startResultsPublicity({ streamId: EXAM, actor: centreOrg.actor }),
    );
    t.on('2020-12-16');
    await t.step(osta, 'confirms the results', () => exams.confirmResults({ streamId: EXAM, actor: osta.actor }));
    t.on('2020-12-17');
    const issued = await t.step(
      centreOrg,
      'issues certificates (organization code 0137, site in Beijing: 11)',
      () => exams.issueCertificates({ streamId: EXAM, actor: centreOrg.actor }),
      certificateLines,
    );
    return {
      applicationStreamId: APP,
      examStreamId: EXAM,
      certificates: certificateNumbers(issued).map((c) => c.number),
    };
  },
};
