import type { ApplicantProfile, ExamPlan } from '@certflow/core';
import { fujianFuzhou } from '@certflow/rulepack-fujian-fuzhou';
import { certificateLines, certificateNumbers, filingLines, planLines, resultLines } from '../details.js';
import { roster, staff, uscc } from '../people.js';
import { decisionLines, type Party, type Story } from '../runner.js';

const institute: Party = { name: '福州市鼓楼区某职业技能评价中心', actor: { id: 'org-fz-gulou', role: 'applicant' } };
const centre: Party = { name: '福州市职业技能鉴定指导中心', actor: { id: 'osta-fuzhou', role: 'city-center' } };
const province: Party = { name: '福建省职业技能鉴定指导中心', actor: { id: 'osta-fujian', role: 'provincial-center' } };
const expert: Party = { name: '专家组 林工', actor: { id: 'expert-fz-lin', role: 'expert' } };

const APP = 'application-fz-gulou-0001';
const bank = { theoryQuestions: 1500, theoryPaperSets: 12, practicalPaperSets: 12 };

/** 福州: a Gulou district training centre below 10,000 person-times, so its brand is for the experts (一（一）2). */
export const profile: ApplicantProfile & Record<string, unknown> = {
  organization: {
    name: institute.name,
    uscc: uscc('52350102MJF234567'),
    kind: 'private-training-institution',
    registeredIn: '350102',
    independentLegalPerson: true,
    creditClean: true,
    soundFinanceAndManagement: true,
    acceptsSupervision: true,
  },
  history: { consecutiveYears: 8, personTimesTotal: 8600, personTimesEvaluated: 3100 },
  capacity: {
    dedicatedDepartment: true,
    fullTimeStaff: 10,
    experts: 6,
    proctors: 14,
    supervisors: 4,
    videoMonitoring: true,
    notForProfit: true,
    stableFunding: true,
    qualityControlSystem: true,
    questionBankDevelopers: 4,
  },
  occupations: [
    {
      code: '4-03-02-01',
      name: '中式烹调师',
      levels: [5, 4, 3],
      standard: 'national',
      accessType: false,
      evaluators: 7,
      workstations: 24,
      questionBank: { '5': bank, '4': bank, '3': bank },
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

/** The region's own pack: its certificate number rule gives the province code. */
export const pack = fujianFuzhou;

const plan = (examDate: string, level: 5 | 4 | 3, people: [string, string][]): ExamPlan => ({
  filingStreamId: APP,
  occupation: { code: '4-03-02-01', level },
  examDate,
  examEndDate: examDate,
  site: { name: '福州鼓楼考点', sequence: '000018' },
  roster: roster('350102', people),
  proctors: staff('fz-proctor', ['黄监考', '郑监考']),
  evaluators: staff('fz-evaluator', ['林考评', '陈考评', '吴考评']),
  supervisors: staff('fz-supervisor', ['许督导']),
});

export const fuzhouStory: Story = {
  key: 'fujian-fuzhou',
  region: '福州',
  pack,
  async run(t) {
    const { applications, exams } = t.engine;
    t.on('2021-05-06');
    await t.step(
      institute,
      'applies, recommended by the Gulou district bureau',
      () => applications.submit({ streamId: APP, actor: institute.actor, payload: { ...profile, rulePack: pack.id } }),
      (r) => decisionLines(r.decision),
    );
    t.on('2021-05-08');
    await t.step(centre, 'accepts the application (受理; 2021-05-08 is a working Saturday)', () =>
      applications.accept({ streamId: APP, actor: centre.actor }),
    );
    t.on('2021-05-12');
    await t.step(expert, 'settles the brand criterion after a site visit', () =>
      applications.recordEvaluation({
        streamId: APP,
        actor: expert.actor,
        payload: {
          findings: {
            'recognised-brand-below-scale': { outcome: 'pass', note: '闽菜烹饪培训品牌，连续多年承办市级烹饪技能竞赛' },
          },
        },
      }),
    );
    t.on('2021-05-13');
    await t.step(centre, 'starts publicity (公示)', () =>
      applications.startPublicity({ streamId: APP, actor: centre.actor }),
    );
    t.on('2021-05-20');
    await t.step(
      province,
      'completes the filing (三（二）3: the provincial centre files and codes it; valid 3 years)',
      () =>
        applications.completeFiling({
          streamId: APP,
          actor: province.actor,
          payload: { organizationCode: '0000', filingNumber: '榕人社评备〔2021〕07号' },
        }),
      filingLines,
    );

    const EXAM = 'exam-fz-gulou-2021-06-25';
    const main = plan('2021-06-25', 4, [
      ['林涛', '19930217'],
      ['陈晓燕', '19961103'],
      ['黄志明', '19890726'],
      ['郑丽', '19990908'],
      ['吴斌', '19970330'],
    ]);
    t.on('2021-06-01');
    await t.step(
      institute,
      'plans a 中式烹调师 四级 session',
      () => exams.plan({ streamId: EXAM, actor: institute.actor, payload: main }),
      (r) => [...planLines(main), ...decisionLines(r.decision).slice(0, 1)],
    );
    t.on('2021-06-02');
    await t.step(institute, 'files the implementation plan (三（三）1: 10 working days ahead)', () =>
      exams.file({ streamId: EXAM, actor: institute.actor }),
    );

    const LATE = 'exam-fz-gulou-2021-06-22';
    t.on('2021-06-07');
    await t.step(institute, 'plans a 中式烹调师 五级 session for 2021-06-22', () =>
      exams.plan({ streamId: LATE, actor: institute.actor, payload: plan('2021-06-22', 5, [['许佳', '20010512']]) }),
    );
    t.on('2021-06-08');
    await t.refused(institute, 'files that plan 9 working days before the exam (Dragon Boat holiday 06-14)', () =>
      exams.file({ streamId: LATE, actor: institute.actor }),
    );

    t.on('2021-06-28');
    await t.step(
      institute,
      'files the results with the city centre (三（三）2: within 10 working days)',
      () =>
        exams.recordResults({
          streamId: EXAM,
          actor: institute.actor,
          payload: {
            results: main.roster.map((c, i) => ({
              idNumber: c.idNumber,
              passed: i !== 3,
              score: [88, 81, 76, 55, 90][i]!,
            })),
          },
        }),
      resultLines,
    );
    t.on('2021-06-29');
    await t.step(institute, 'publishes the results', () =>
      exams.startResultsPublicity({ streamId: EXAM, actor: institute.actor }),
    );
    t.on('2021-07-06');
    await t.step(centre, 'confirms the results', () => exams.confirmResults({ streamId: EXAM, actor: centre.actor }));
    t.on('2021-07-07');
    const issued = await t.step(
      institute,
      'issues certificates (province code 35)',
      () => exams.issueCertificates({ streamId: EXAM, actor: institute.actor }),
      certificateLines,
    );
    return {
      applicationStreamId: APP,
      examStreamId: EXAM,
      certificates: certificateNumbers(issued).map((c) => c.number),
    };
  },
};
