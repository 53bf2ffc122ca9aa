import type { PackDocument } from '@certflow/core';

export const LURENSHEZI_2020_50 = '鲁人社字〔2020〕50号';

/** The notice, with the dates its 五 sets. */
export const documents: PackDocument[] = [
  {
    number: LURENSHEZI_2020_50,
    title: '关于开展社会培训评价组织职业技能等级认定试点工作的通知',
    issuer: '山东省人力资源和社会保障厅',
    issued: '2020-05-14',
    source: 'lurenshezi-2020-50.txt',
    schedule: [
      {
        id: 'provincial-units-submit',
        date: '2020-05-30',
        description: '省属企业、行业协会、院校向省职业技能鉴定指导中心提交材料的截止日（首批）',
        cite: {
          document: LURENSHEZI_2020_50,
          clause: '五（一）',
          text: '2020年5月30日前，符合条件的省属企业、行业协会、院校向省职业技能鉴定指导中心提交材料',
        },
      },
      {
        id: 'provincial-selection-complete',
        date: '2020-06-15',
        description: '省级完成遴选确定工作',
        cite: { document: LURENSHEZI_2020_50, clause: '五（一）', text: '6月15日前，完成遴选确定工作' },
      },
      {
        id: 'city-first-batch-complete',
        date: '2020-06-15',
        description: '各市完成本市首批评价机构的征集遴选工作',
        cite: {
          document: LURENSHEZI_2020_50,
          clause: '五（二）',
          text: '2020年6月15日前，各市职业技能鉴定（指导）中心完成本市首批评价机构的征集遴选工作',
        },
      },
    ],
  },
];
