import type { ApplicantProfile, ExamPlan } from '@certflow/core';
import { shanghai } from '@certflow/rulepack-shanghai';
import { certificateLines, certificateNumbers, filingLines, planLines, resultLines } from '../details.js';
import { roster, staff, uscc } from '../people.js';
import { decisionLines, type Party, type Story } from '../runner.js';

const company: Party = { name: '上海某职业技能评价有限公司', actor: { id: 'org-sh-pudong', role: 'applicant' } };
const centre: Party = { name: '上海市职业技能鉴定中心', actor: { id: 'osta-shanghai', role: 'provincial-center' } };
const expert: Party = { name: '专家组 徐工', actor: { id: 'expert-sh-xu', role: 'expert' } };

const APP = 'application-sh-pudong-0001';

/** 上海: an enterprise in Pudong that has evaluated its own workers for years; 一（二） is for the experts. */
export const profile: ApplicantProfile & Record<string, unknown> = {
  organization: {
    name: company.name,
    uscc: uscc('91310115MA1K34567'),
    kind: 'enterprise',
    registeredIn: '310115',
    independentLegalPerson: true,
    creditClean: true,
    financialAndManagementRules: true,
    acceptsSupervision: true,
  },
  history: { consecutiveYears: 9, personTimesTotal: 21000, personTimesEvaluated: 6800 },
  capacity: {
    dedicatedDepartment: true,
    fullTimeStaff: 7,
    experts: 6,
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
      code: '4-12-01-01',
      name: '汽车维修工',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 8,
      catalogExitDate: '2020-07-31',
      implementedByHrAuthorities: true,
    },
  ],
  materials: [],
};

/** The region's own pack: its certificate number rule gives the province code. */
export const pack = shanghai;

const plan = (examDate: string): ExamPlan => ({
  filingStreamId: APP,
  occupation: { code: '4-12-01-01', level: 3 },
  examDate,
  site: { name: '浦东新区考点', sequence: '000042' },
  roster: roster('310115', [
    ['徐嘉怡', '19910706'],
    ['朱浩然', '19870219'],
    ['沈佳琪', '19940928'],
  ]),
  proctors: staff('sh-proctor', ['顾监考', '蒋监考']),
  evaluators: staff('sh-evaluator', ['陆考评', '钱考评']),
  supervisors: staff('sh-supervisor', ['胡督导']),
});

export const shanghaiStory: Story = {
  key: 'shanghai',
  region: '上海',
  pack,
  async run(t) {
    const { applications, exams } = t.engine;
    t.on('2020-12-01');
    await t.step(
      company,
      'applies to the municipal centre',
      () => applications.submit({ streamId: APP, actor: company.actor, payload: { ...profile, rulePack: pack.id } }),
      (r) => decisionLines(r.decision),
    );
    t.on('2020-12-03');
    await t.step(centre, 'accepts the application', () => applications.accept({ streamId: APP, actor: centre.actor }));
    t.on('2020-12-10');
    await t.step(expert, 'settles both judgements of 一（二） after the expert review', () =>
      applications.recordEvaluation({
        streamId: APP,
        actor: expert.actor,
        payload: {
          findings: {
            'wide-influence': { outcome: 'pass', note: '长三角汽车维修培训评价知名，参与行业标准修订' },
            'evaluation-experience': { outcome: 'pass', note: '近五年企业内汽车维修工技能评价6800人次' },
          },
        },
      }),
    );
    t.on('2020-12-14');
    await t.step(centre, 'starts publicity (五（二）)', () =>
      applications.startPublicity({ streamId: APP, actor: centre.actor }),
    );
    t.on('2020-12-21');
    await t.step(
      centre,
      'issues the filing receipt (五（二）: 备案回执)',
      () =>
        applications.completeFiling({
          streamId: APP,
          actor: centre.actor,
          payload: { organizationCode: '0000', filingNumber: '沪职鉴备〔2020〕015号', validUntil: '2023-12-20' },
        }),
      filingLines,
    );

    t.on('2021-01-05');
    await t.refused(company, 'proposes adding 电梯安装维修工, which has only a filed specification (五（三）)', () =>
      applications.amendScope({
        streamId: APP,
        actor: company.actor,
        payload: {
          add: [
            {
              code: '6-29-03-03',
              name: '电梯安装维修工',
              levels: [5, 4],
              standard: 'filed-spec',
              accessType: false,
              evaluators: 4,
              catalogExitDate: '2020-07-31',
            },
          ],
        },
      }),
    );

    const EXAM = 'exam-sh-pudong-2021-01-26';
    const main = plan('2021-01-26');
    t.on('2021-01-11');
    await t.step(
      company,
      'plans an 汽车维修工 三级 session',
      () => exams.plan({ streamId: EXAM, actor: company.actor, payload: main }),
      (r) => [...planLines(main), ...decisionLines(r.decision).slice(0, 1)],
    );
    t.on('2021-01-12');
    await t.step(company, 'files the plan with the centre', () => exams.file({ streamId: EXAM, actor: company.actor }));
    t.on('2021-01-26', '18:00');
    await t.step(
      company,
      'records the results',
      () =>
        exams.recordResults({
          streamId: EXAM,
          actor: company.actor,
          payload: {
            results: main.roster.map((c, i) => ({ idNumber: c.idNumber, passed: true, score: [84, 79, 92][i]! })),
          },
        }),
      resultLines,
    );
    t.on('2021-01-27');
    await t.step(company, 'publishes the results', () =>
      exams.startResultsPublicity({ streamId: EXAM, actor: company.actor }),
    );
    t.on('2021-02-03');
    await t.step(centre, 'confirms the results', () => exams.confirmResults({ streamId: EXAM, actor: centre.actor }));
    t.on('2021-02-04');
    const issued = await t.step(
      company,
      'issues certificates (province code 31)',
      () => exams.issueCertificates({ streamId: EXAM, actor: company.actor }),
      certificateLines,
    );
    return {
      applicationStreamId: APP,
      examStreamId: EXAM,
      certificates: certificateNumbers(issued).map((c) => c.number),
    };
  },
};
