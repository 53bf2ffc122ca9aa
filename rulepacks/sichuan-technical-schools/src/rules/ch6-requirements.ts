// 川人社办发〔2020〕20号 六、工作要求: the rules of this chapter.
import { type ApplicantProfile, type Rule, accessTypeExcludedRule } from '@certflow/core';
import { cite } from '../documents.js';

type P = ApplicantProfile;

/**
 * 六（二）: qualifications kept in the 国家职业资格目录 (the 准入类 ones) are
 * assessed and certified by their implementing bodies, not by the school's
 * skill level certification. Replaces the base rule to cite this notice.
 */
export const notAccessType: Rule<P> = {
  ...accessTypeExcludedRule(
    cite(
      '六（二）',
      '技工院校学生取得保留在《国家职业资格目录》内的职业资格证书，由职业资格实施机构考核鉴定后颁发职业资格证书',
    ),
    'not-access-type',
    '保留在国家职业资格目录内的（准入类）职业资格由职业资格实施机构考核鉴定，不纳入院校职业技能等级认定',
  ),
  replaces: 'not-access-type',
};

/** 六（五）: violations lead to rectification within a time limit, up to cancellation of the filing (informative; a centre uses SuspendFiling / RevokeFiling). */
export const SANCTIONS = {
  cite: cite('六（五）', '将视情节按规定予以限期整改直至取消备案资格'),
} as const;
