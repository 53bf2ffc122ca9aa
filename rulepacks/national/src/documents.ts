import type { PackDocument } from '@certflow/core';

export const ZHONGJIUPEIHAN_2020_41 = '中就培函〔2020〕41号';
export const LURENSHEZI_2020_50 = '鲁人社字〔2020〕50号';
export const CHUANRENSHEBAN_2020_20 = '川人社办发〔2020〕20号';

/**
 * No single national notice in this pack's sources states the common ground;
 * each base rule cites the notice that states it most plainly.
 */
export const documents: PackDocument[] = [
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
