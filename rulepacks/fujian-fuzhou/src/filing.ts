import { fail, notApplicable, optionalFact, pass, requiredMaterialsRule, review, type ApplicantProfile, type DeadlineSpec, type FilingValiditySpec, type MaterialSpec, type QuotaSpec, type Rule } from '@certflow/core';
import { checkAdvertising, type AdvertisingMark } from './advertising.js';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';
import { filedElsewhereOf } from './eligibility.js';

const m = (id: string, name: string, text: string): MaterialSpec => ({ id, name, required: true, cite: { document: DOC, clause: '三（一）', text } });

/** 三（一）: the seven materials, as the notice lists them. */
export const materials: MaterialSpec[] = [
  m('basic-information-form', '《社会培训评价组织基本情况表》', '1.《社会培训评价组织基本情况表》(见附件1)'),
  m('occupation-catalog-and-samples', '认定职业(工种)目录、培训教程及试题样本', '2.认定职业(工种)目录、培训教程及试题样本'),
  m('implementation-plan', '职业技能等级认定试点工作实施方案及质量管控措施', '3.职业技能等级认定试点工作实施方案及质量管控措施'),
  m('expert-skill-proof', '专家等专业人员技能水平证明', '4.专家等专业人员技能水平证明'),
  m('venue-and-asset-proof', '场地设备设施等资产有效证明文件', '5.场地设备设施等资产有效证明文件'),
  m('credit-report-or-pledge', '信用报告或诚信承诺书', '6.信用报告或诚信承诺书'),
  m('history-and-scale-proof', '历史鉴定相关证明材料及培训评价规模数据辅证材料', '7.历史鉴定相关证明材料及培训评价规模数据辅证材料'),
];

export const materialsComplete: Rule<ApplicantProfile> = requiredMaterialsRule({ document: DOC, clause: '三（一）', text: '提交申请材料,材料如下' });

/** 三（一）: applications come recommended by the district bureau (`recommendedByDistrict`); organizations filed elsewhere file with the centre directly. */
export const districtRecommendation: Rule<ApplicantProfile> = {
  id: 'district-recommendation',
  description: '通过各县（市）区人社部门推荐',
  cite: { document: DOC, clause: '三（一）', text: '同时通过各县(市)区人社部门推荐' },
  evaluate(p) {
    if (filedElsewhereOf(p) !== undefined) return notApplicable('非在榕评价机构直接向市鉴定中心备案');
    const v = optionalFact(p, 'recommendedByDistrict');
    if (v === undefined) return review('专家核实：县（市）区人社部门推荐（recommendedByDistrict 未提供）', ['recommendedByDistrict']);
    return v === true ? pass() : fail('未经县（市）区人社部门推荐', ['recommendedByDistrict']);
  },
};

/**
 * 三（四）2: an organization filed by the ministry's centre (nationwide) or the
 * Fujian provincial centre (province-wide), based outside Fuzhou, files with
 * the city centre before working here: this application is that filing.
 * `organization.filedElsewhere` is 'national' or 'fujian'.
 */
export const filedElsewhereFilesLocally: Rule<ApplicantProfile> = {
  id: 'filed-elsewhere-files-locally',
  description: '经人社部职业技能鉴定中心或省鉴定中心备案的非在榕评价机构，在我市开展评价工作前需向市鉴定中心备案',
  cite: {
    document: DOC,
    clause: '三（四）2',
    text: '经人社部职业技能鉴定中心和省鉴定中心备案可在全国或全省范围内开展的非在榕评价机构,在我市开展评价工作前,需向市鉴定中心备案',
  },
  evaluate(p) {
    const by = filedElsewhereOf(p);
    if (by === undefined) return notApplicable('未在他处备案');
    if (by === 'national' || by === 'fujian') return pass(by === 'national' ? '经人社部职业技能鉴定中心备案：本申请即在榕备案' : '经省鉴定中心备案：本申请即在榕备案');
    return fail(`备案机关（${String(by)}）的备案不覆盖福州：须经人社部职业技能鉴定中心或福建省鉴定中心备案`, ['organization', 'filedElsewhere']);
  },
};

/** 三（四）1: the intake opens on the day of the notice. */
export const intakeOpen: Rule<ApplicantProfile> = {
  id: 'intake-open',
  description: '遴选工作自下文之日（2021年4月22日）起启动',
  cite: { document: DOC, clause: '三（四）1', text: '全市社会培训评价组织遴选工作自下文之日起启动' },
  evaluate: (_p, { asOf }) => (asOf >= '2021-04-22' ? pass() : fail(`遴选工作自2021-04-22起启动，申报日 ${asOf} 在此之前`, [], { opens: '2021-04-22' })),
};

/** 三（四）1: the first batch closes 2021-05-15; later applications go to the continuing intake (params.batch). */
export const firstBatchWindow: Rule<ApplicantProfile> = {
  id: 'first-batch-window',
  description: '首批评价组织评估材料于5月15日前提交市鉴定中心；此后按“成熟一个、备案（受理）一个”持续征集',
  cite: { document: DOC, clause: '三（四）1', text: '请各县(市)区人社部门于5月15日前将本地区首批评价组织评估材料提交市鉴定中心汇总' },
  evaluate(_p, { asOf }) {
    const batch = asOf <= '2021-05-15' ? 'first' : 'continuing';
    return { outcome: 'pass', message: batch === 'first' ? '首批（截止 2021-05-15）' : '首批已截止，持续征集', params: { batch, cutoff: '2021-05-15' } };
  },
};

/** 四（六) over the optional `advertising: { text, emblems? }` the applicant submits; none submitted → not applicable. */
export const advertisingWording: Rule<ApplicantProfile> = {
  id: 'advertising-wording',
  description: '对外招生宣传不得使用禁用字样，不得出现国徽、政府部门徽标或其他单位标识',
  cite: { document: DOC, clause: '四（六）', text: '社会培训评价组织在对外招生宣传时不得使用' },
  evaluate(p) {
    const ad = optionalFact(p, 'advertising');
    const text = optionalFact(ad, 'text');
    if (typeof text !== 'string') return notApplicable('未提交招生宣传材料');
    const findings = checkAdvertising(text, { emblems: (optionalFact(ad, 'emblems') as AdvertisingMark[] | undefined) ?? [] });
    const fails = findings.filter((f) => f.outcome === 'fail');
    if (fails.length > 0) return fail(`招生宣传违反四（六）：${fails.map((f) => f.match ?? f.term).join('、')}`, ['advertising'], { findings });
    if (findings.length > 0) return review(`专家核实可能产生歧义或误导的字样、图案：${findings.map((f) => f.match ?? f.term).join('、')}`, ['advertising']);
    return pass();
  },
};

/** 三（二）1: at most 2 organizations filed per occupation. */
export const quotas: QuotaSpec[] = [
  {
    id: 'filings-per-occupation',
    description: '同一职业（工种）备案的社会培训评价组织原则上不超过2个',
    cite: { document: DOC, clause: '三（二）1', text: '原则上同一职业(工种)备案的社会培训评价组织不得超过2个' },
    max: 2,
    buckets: (p) => p.occupations.map((o) => `occupation:${o.code}`),
  },
];

/** 三（二）3 */
export const filingValidity: FilingValiditySpec = { years: 3, cite: { document: DOC, clause: '三（二）3', text: '资质有效期 3 年' } };

/** 三（三）1–2 */
export const deadlines: DeadlineSpec[] = [
  {
    id: 'exam-plan-lead-time',
    description: '提前10个工作日向属地县（市）区人社部门、市鉴定中心报送认定实施计划',
    cite: { document: DOC, clause: '三（三）1', text: '并提前10个工作日向属地县(市)区人社部门、市鉴定中心报送职业技能等级认定实施计划' },
    machine: 'exam',
    kind: 'before',
    workingDays: 10,
    from: { event: 'ExamPlanned', field: 'examDate' },
    step: 'FileExamPlan',
  },
  {
    id: 'results-filing',
    description: '认定工作结束后10个工作日内将认定结果向市鉴定中心备案',
    cite: { document: DOC, clause: '三（三）2', text: '评价机构应于职业技能等级认定工作结束后10个工作日内,将认定结果向市鉴定中心进行备案' },
    machine: 'exam',
    kind: 'within',
    workingDays: 10,
    // 认定工作结束: the exam's last day, examDate for a one-day exam.
    from: { event: 'ExamPlanned', field: 'examEndDate', orField: 'examDate' },
    step: 'RecordResults',
  },
];

export const filingRules = [materialsComplete, districtRecommendation, filedElsewhereFilesLocally, intakeOpen, firstBatchWindow, advertisingWording];
