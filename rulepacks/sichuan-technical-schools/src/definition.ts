import { type MaterialSpec, type PackDocument, type RulePackDefinition } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { CHUANRENSHEBAN_2020_20 } from '@certflow/rulepack-national';
import { cite, rules } from './rules.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * The notice as this pack reads it. Its signature line is dated 「2020年1月  日」:
 * the day is blank, so the pack records the month ('2020-01') and no day. No
 * rule, deadline or schedule of the pack runs from the date of issue (the
 * pilot has no opening day; its deadlines run from the application and the
 * enrolment), so nothing depends on the missing day.
 */
export const documents: PackDocument[] = [
  {
    number: CHUANRENSHEBAN_2020_20,
    title: '关于开展技工院校学生职业技能等级认定试点工作的通知',
    issuer: '四川省人力资源和社会保障厅',
    issued: '2020-01',
    source: 'chuanrensheban-2020-20.txt',
  },
];

/** 三: the five levels, in this notice's own words (the base cites the national 人社部发〔2019〕90号). */
export const levelsCite = cite(
  '三',
  '技能人才职业技能等级分为五个等级，五级相当于国家职业资格初级工、四级相当于国家职业资格中级工、三级相当于国家职业资格高级工、二级相当于国家职业资格技师、一级相当于国家职业资格高级技师',
);

const annex2 = (id: string, item: string, name: string): MaterialSpec => ({ id, name, required: true, cite: cite('附件2', `${item}${name}`) });

/** 附件2: the eight materials submitted at once (those verifiable online need no paper copy). */
export const materials: MaterialSpec[] = [
  annex2('application-form', '（一）', '《技工院校职业技能等级认定备案申请表》（附件5）'),
  annex2('legal-person-certificate', '（二）', '法人登记证书复印件'),
  annex2('occupations-and-standards', '（三）', '评价职业（工种）及职业编码；评价采用的职业标准或规范'),
  annex2('question-bank-status', '（四）', '评价职业（工种）的题库建设情况'),
  annex2('venue-equipment-proof', '（五）', '与试题相配套的等级认定场地、设施设备等资产有效证明文件复印件'),
  annex2('staff-list', '（六）', '专职工作人员名单；评价人员的技术技能水平证明文件复印件'),
  annex2('exam-rules-and-quality-control', '（七）', '考务管理制度及质量管控文件等'),
  annex2('pilot-work-plan', '（八）', '职业技能等级认定试点工作方案'),
];

/**
 * Sichuan technical schools, 川人社办发〔2020〕20号: the 技工院校 pilot. Extends
 * the national base (whose levels clause is this notice's 三) and replaces its
 * standard rule with 三's own wording.
 *
 * 1.1.0: a notice of non-acceptance answers the 附件3 1 deadline too, the
 * school issues certificates only where it certifies itself (附件4（五）（六）),
 * 准入类 cites 六（二）, the notice is dated to the month, the filing carries
 * the receipt's validity (附件3 4), the five levels cite 三 here (the base
 * cites a national document). 1.0.0 is kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'sichuan-technical-schools',
  version: '1.1.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '四川省技工院校学生职业技能等级认定试点（川人社办发〔2020〕20号）',
  documents,
  jurisdiction: { name: '四川', code: '510000', level: 'province' },
  rules,
  materials,
  levels: { allowed: [1, 2, 3, 4, 5], cite: levelsCite },
  // 三 speaks of the five levels: the inherited levels rule cites it.
  citations: { 'levels-allowed': levelsCite },
  deadlines: [
    {
      id: 'acceptance-notice',
      description: '职鉴中心在10个工作日内通知申请单位是否受理（受理或不予受理）',
      cite: cite('附件3 1', '在10个工作日内通知申请单位是否受理'),
      machine: 'application',
      kind: 'within',
      workingDays: 10,
      from: { event: 'ApplicationSubmitted' },
      step: 'AcceptApplication',
      // 「是否受理」: a notice of non-acceptance answers the same deadline.
      closedBy: ['RejectApplication'],
    },
    {
      id: 'exam-plan-filing',
      description: '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心',
      cite: cite('附件4（一）', '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心'),
      machine: 'exam',
      kind: 'within',
      workingDays: 30,
      from: { event: 'ExamPlanned', field: 'enrolmentClosedOn' },
      step: 'FileExamPlan',
    },
  ],
  certificateNumber: {
    provinceCode: '51',
    description: '按《四川省职业技能等级证书编码规则（试行）》统一编码，省代码51',
    cite: cite('附件4（五）', '试点院校按《四川省职业技能等级证书编码规则（试行）》和《职业技能等级证书参考样式》规定的统一编码规则和样式，制作并颁发职业技能等级证书'),
  },
  // 附件3 4: the receipt states the filing's validity; the notice fixes no
  // length, so the centre records the receipt's validUntil on CompleteFiling.
  filingValidity: { cite: cite('附件3 4', '人力资源社会保障部门向申请单位出具备案回执（含备案编号及备案有效期）') },
};
