// 川人社办发〔2020〕20号 附件1 (conditions of a pilot school): the rules of this annex.
import { type ApplicantProfile, type Rule, pass, fail, yesNoFact, perOccupation, review } from '@certflow/core';
import { cite } from '../documents.js';
import { MIN_EVALUATORS_PER_OCCUPATION } from '../limits.js';

type P = ApplicantProfile;

// ── 附件1 conditions ────────────────────────────────────────────────────────

const A1 = {
  body: '具有专门负责院校学生等级认定的内设机构，完善的职业技能等级认定工作制度，规范的考务工作流程',
  staff:
    '具有与评价职业（工种）相适应的专职工作人员，并拥有一支稳定的专家队伍和考评人员、质量督导人员队伍，其中每个职业（工种）考评人员或高级考评员不得少于3人',
  venue: '具有与评价职业（工种）等级相适应的场地、设施设备、仪器仪表等硬件设施和网络视频监控设备',
  majors: '具有与评价职业（工种）等级相适应的专业设置、教学水平、企业用工需求、办学条件及规模',
  bank: '基于国家职业标准和行业企业工种岗位评价规范，建立与所认定的职业（工种）相对应的题库',
  funding: '能够为职业技能等级评价工作提供稳定的经费保障，评价活动不以营利为目的',
  system:
    '自愿接受人力资源社会保障部门的监督管理和业务指导，配备职业技能等级认定考务系统，并能够与人力资源社会保障部门相关监管数据信息系统对接',
};

export const dedicatedBody: Rule<P> = {
  id: 'dedicated-body',
  description: '具有专门负责院校学生等级认定的内设机构',
  cite: cite('附件1 1', A1.body),
  evaluate: (p) =>
    p.capacity.dedicatedDepartment
      ? pass()
      : fail('no internal body dedicated to certifying students', ['capacity', 'dedicatedDepartment']),
};

export const certificationRules: Rule<P> = {
  id: 'certification-rules',
  description: '具有完善的职业技能等级认定工作制度、规范的考务工作流程',
  cite: cite('附件1 1', A1.body),
  evaluate: (p) =>
    yesNoFact(
      p.capacity.certificationRules,
      ['capacity', 'certificationRules'],
      'no certification rules and exam procedures',
      'the profile does not describe the certification rules and exam procedures: an expert checks them',
    ),
};

export const fullTimeStaff: Rule<P> = {
  id: 'full-time-staff',
  description: '具有与评价职业（工种）相适应的专职工作人员',
  cite: cite('附件1 2', A1.staff),
  evaluate: (p) => (p.capacity.fullTimeStaff >= 1 ? pass() : fail('no full-time staff', ['capacity', 'fullTimeStaff'])),
};

export const expertTeam: Rule<P> = {
  id: 'expert-team',
  description: '拥有一支稳定的专家队伍',
  cite: cite('附件1 2', A1.staff),
  evaluate: (p) => (p.capacity.experts >= 1 ? pass() : fail('no expert team', ['capacity', 'experts'])),
};

export const qualitySupervisors: Rule<P> = {
  id: 'quality-supervisors',
  description: '拥有质量督导人员队伍',
  cite: cite('附件1 2', A1.staff),
  evaluate: (p) =>
    p.capacity.supervisors >= 1 ? pass() : fail('no quality supervisors (质量督导人员)', ['capacity', 'supervisors']),
};

export const minEvaluatorsPerOccupation: Rule<P> = {
  id: 'min-evaluators-per-occupation',
  description: '每个职业（工种）考评人员或高级考评员不得少于3人',
  cite: cite('附件1 2', '其中每个职业（工种）考评人员或高级考评员不得少于3人'),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) =>
      o.evaluators >= MIN_EVALUATORS_PER_OCCUPATION
        ? pass()
        : fail(
            `${o.code} ${o.name}: ${o.evaluators} evaluators, at least ${MIN_EVALUATORS_PER_OCCUPATION} needed`,
            ['occupations', i, 'evaluators'],
            {
              evaluators: o.evaluators,
              min: MIN_EVALUATORS_PER_OCCUPATION,
            },
          ),
    ),
};

export const venueAndEquipment: Rule<P> = {
  id: 'venue-and-equipment',
  description: '具有与评价职业（工种）等级相适应的场地、设施设备、仪器仪表等硬件设施',
  cite: cite('附件1 3', A1.venue),
  evaluate: (p) =>
    yesNoFact(
      p.capacity.venueAndEquipment,
      ['capacity', 'venueAndEquipment'],
      'no venue and equipment suited to the occupations and levels',
      'the profile does not describe the venue and equipment: checked on the site visit',
    ),
};

export const videoMonitoring: Rule<P> = {
  id: 'video-monitoring',
  description: '具有网络视频监控设备',
  cite: cite('附件1 3', A1.venue),
  evaluate: (p) =>
    p.capacity.videoMonitoring ? pass() : fail('no networked video monitoring', ['capacity', 'videoMonitoring']),
};

export const majorsMatchOccupations: Rule<P> = {
  id: 'majors-match-occupations',
  description: '具有与评价职业（工种）等级相适应的专业设置、教学水平、企业用工需求、办学条件及规模',
  cite: cite('附件1 4', A1.majors),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) =>
      yesNoFact(
        o.matchingMajor,
        ['occupations', i, 'matchingMajor'],
        `${o.code} ${o.name}: the school has no major matching the occupation`,
        `${o.code}: the profile does not name a matching major: an expert checks the school's majors`,
      ),
    ),
};

export const questionBank: Rule<P> = {
  id: 'question-bank',
  description: '建立与所认定的职业（工种）及等级相对应的题库',
  cite: cite('附件1 5', A1.bank),
  evaluate: (p) =>
    perOccupation(p.occupations, (o, i) => {
      if (!o.questionBank)
        return review(`${o.code}: the profile does not describe the question bank: an expert checks it`, [
          'occupations',
          i,
          'questionBank',
        ]);
      const missing = o.levels.filter((l) => {
        const b = o.questionBank![String(l) as '1' | '2' | '3' | '4' | '5'];
        return !b || b.theoryQuestions + b.theoryPaperSets + b.practicalPaperSets === 0;
      });
      return missing.length === 0
        ? pass()
        : fail(
            `${o.code} ${o.name}: no question bank for level(s) ${missing.join(', ')}`,
            ['occupations', i, 'questionBank', String(missing[0])],
            { levels: missing },
          );
    }),
};

export const stableFunding: Rule<P> = {
  id: 'stable-funding',
  description: '能够为职业技能等级评价工作提供稳定的经费保障',
  cite: cite('附件1 6', A1.funding),
  evaluate: (p) => (p.capacity.stableFunding ? pass() : fail('no stable funding', ['capacity', 'stableFunding'])),
};

export const notForProfit: Rule<P> = {
  id: 'not-for-profit',
  description: '评价活动不以营利为目的',
  cite: cite('附件1 6', A1.funding),
  evaluate: (p) => (p.capacity.notForProfit ? pass() : fail('evaluation run for profit', ['capacity', 'notForProfit'])),
};

export const acceptsSupervision: Rule<P> = {
  id: 'accepts-supervision',
  description: '自愿接受人力资源社会保障部门的监督管理和业务指导',
  cite: cite('附件1 7', A1.system),
  evaluate: (p) =>
    yesNoFact(
      p.organization.acceptsSupervision,
      ['organization', 'acceptsSupervision'],
      'does not accept supervision and guidance',
      'the profile carries no undertaking to accept supervision: the centre obtains it',
    ),
};

export const examSystemConnects: Rule<P> = {
  id: 'exam-system-connects',
  description: '配备职业技能等级认定考务系统，并能够与人社部门监管数据信息系统对接',
  cite: cite('附件1 7', A1.system),
  evaluate: (p) =>
    yesNoFact(
      p.capacity.examSystemConnected,
      ['capacity', 'examSystemConnected'],
      "no exam administration system able to connect to the authorities' systems",
      "the profile does not say the exam administration system can connect to the authorities' systems: checked in the technical evaluation",
    ),
};
