// 福州 2021-04-22 三、实施程序: the rules of this chapter.
import {
  type Rule,
  type ApplicantProfile,
  requiredMaterialsRule,
  notApplicable,
  optionalFact,
  review,
  pass,
  fail,
} from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from '../documents.js';
import { filedElsewhereOf } from './ch1-conditions.js';

export const materialsComplete: Rule<ApplicantProfile> = requiredMaterialsRule({
  document: DOC,
  clause: '三（一）',
  text: '提交申请材料,材料如下',
});

/** 三（一）: applications come recommended by the district bureau (`recommendedByDistrict`); organizations filed elsewhere file with the centre directly. */
export const districtRecommendation: Rule<ApplicantProfile> = {
  id: 'district-recommendation',
  description: '通过各县（市）区人社部门推荐',
  cite: { document: DOC, clause: '三（一）', text: '同时通过各县(市)区人社部门推荐' },
  evaluate(p) {
    if (filedElsewhereOf(p) !== undefined) return notApplicable('非在榕评价机构直接向市鉴定中心备案');
    const v = optionalFact(p, 'recommendedByDistrict');
    if (v === undefined)
      return review('专家核实：县（市）区人社部门推荐（recommendedByDistrict 未提供）', ['recommendedByDistrict']);
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
    if (by === 'national' || by === 'fujian')
      return pass(
        by === 'national' ? '经人社部职业技能鉴定中心备案：本申请即在榕备案' : '经省鉴定中心备案：本申请即在榕备案',
      );
    return fail(`备案机关（${String(by)}）的备案不覆盖福州：须经人社部职业技能鉴定中心或福建省鉴定中心备案`, [
      'organization',
      'filedElsewhere',
    ]);
  },
};

/** 三（四）1: the intake opens on the day of the notice. */
export const intakeOpen: Rule<ApplicantProfile> = {
  id: 'intake-open',
  description: '遴选工作自下文之日（2021年4月22日）起启动',
  cite: { document: DOC, clause: '三（四）1', text: '全市社会培训评价组织遴选工作自下文之日起启动' },
  evaluate: (_p, { asOf }) =>
    asOf >= '2021-04-22'
      ? pass()
      : fail(`遴选工作自2021-04-22起启动，申报日 ${asOf} 在此之前`, [], { opens: '2021-04-22' }),
};

/** 三（四）1: the first batch closes 2021-05-15; later applications go to the continuing intake (params.batch). */
export const firstBatchWindow: Rule<ApplicantProfile> = {
  id: 'first-batch-window',
  description: '首批评价组织评估材料于5月15日前提交市鉴定中心；此后按“成熟一个、备案（受理）一个”持续征集',
  cite: {
    document: DOC,
    clause: '三（四）1',
    text: '请各县(市)区人社部门于5月15日前将本地区首批评价组织评估材料提交市鉴定中心汇总',
  },
  evaluate(_p, { asOf }) {
    const batch = asOf <= '2021-05-15' ? 'first' : 'continuing';
    return {
      outcome: 'pass',
      message: batch === 'first' ? '首批（截止 2021-05-15）' : '首批已截止，持续征集',
      params: { batch, cutoff: '2021-05-15' },
    };
  },
};
