import type { PackDocument } from '@certflow/core';

export const ZHONGJIUPEIHAN_2020_41 = '中就培函〔2020〕41号';
/** 《人力资源社会保障部关于改革完善技能人才评价制度的意见》, cited by title and number (its text is not among the sources). */
export const RENSHEBUFA_2019_90 = '人社部发〔2019〕90号';
export const LURENSHEZI_2020_50 = '鲁人社字〔2020〕50号';
export const CHUANRENSHEBAN_2020_20 = '川人社办发〔2020〕20号';

/**
 * The national documents the base cites. A finding cites a pack's own notice
 * where that notice speaks, otherwise a national document, never another
 * province's notice: so the base lists only national ones.
 *
 * - 中就培函〔2020〕41号, the ministry's pilot notice: its text is shipped.
 * - 人社部发〔2019〕90号, the ministry's opinion on skill evaluation, which the
 *   provincial notices name as their basis: its text is not among the sources.
 *   `source/renshebufa-2019-90.quoted.txt` holds, word for word, how the
 *   notices quote it; a citation of it names it by title and number only and
 *   gives no clause (「（原文未收录）」).
 */
export const documents: PackDocument[] = [
  {
    number: ZHONGJIUPEIHAN_2020_41,
    title: '关于做好部门行业职业技能等级认定试点工作的通知',
    issuer: '中国就业培训技术指导中心、人力资源社会保障部职业技能鉴定中心',
    issued: '2020-09-24',
    source: 'zhongjiupeihan-2020-41.txt',
    level: 'national',
  },
  {
    number: RENSHEBUFA_2019_90,
    title: '人力资源社会保障部关于改革完善技能人才评价制度的意见',
    issuer: '人力资源社会保障部',
    // The quoting notices give the year only (〔2019〕): no month or day is invented.
    issued: '2019',
    source: 'renshebufa-2019-90.quoted.txt',
    level: 'national',
  },
];

/**
 * The documents of national 1.0.0 as released: it cited two provincial
 * notices (鲁人社字〔2020〕50号 for the standard rule, 川人社办发〔2020〕20号 for the
 * five levels). Kept for `released/1.0.0.ts` only.
 */
export const documents_1_0_0: PackDocument[] = [
  {
    number: ZHONGJIUPEIHAN_2020_41,
    title: '关于做好部门行业职业技能等级认定试点工作的通知',
    issuer: '中国就业培训技术指导中心、人力资源社会保障部职业技能鉴定中心',
    issued: '2020-09-24',
    source: 'zhongjiupeihan-2020-41.txt',
  },
  {
    number: LURENSHEZI_2020_50,
    title: '关于开展社会培训评价组织职业技能等级认定试点工作的通知',
    issuer: '山东省人力资源和社会保障厅',
    issued: '2020-05-14',
    source: 'lurenshezi-2020-50.txt',
  },
  {
    number: CHUANRENSHEBAN_2020_20,
    title: '关于开展技工院校学生职业技能等级认定试点工作的通知',
    issuer: '四川省人力资源和社会保障厅',
    issued: '2020-01-01',
    source: 'chuanrensheban-2020-20.txt',
  },
];
