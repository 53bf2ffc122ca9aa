import type { PackDocument } from '@certflow/core';

export const HURENSHEZHI_2020_439 = '沪人社职〔2020〕439号';

/** The first day of the 二（一） catalog window is open; its last day is 2020-09-30 (「9 月 30 日前」 read as on or before). */
export const CATALOG_EXIT_CUTOFF = '2020-09-30';

/** 五（一）: selection starts on the day the notice is issued. */
export const SELECTION_STARTS = '2020-11-18';

export const documents: PackDocument[] = [
  {
    number: HURENSHEZHI_2020_439,
    title: '上海市人力资源和社会保障局关于开展社会培训评价组织征集工作的通知',
    issuer: '上海市人力资源和社会保障局',
    issued: '2020-11-18',
    source: 'hurenshezhi-2020-439.txt',
    schedule: [
      {
        id: 'catalog-exit-cutoff',
        date: CATALOG_EXIT_CUTOFF,
        description: '水平评价类职业资格须在此日前（含当日）退出《国家职业资格目录》，方属二（一）的申报范围',
        cite: {
          document: HURENSHEZHI_2020_439,
          clause: '二（一）',
          text: '在 2020 年 9 月 30 日前退出《国家职业资格目录》',
        },
      },
      {
        id: 'selection-starts',
        date: SELECTION_STARTS,
        description: '本市社会培训评价组织遴选工作自发文之日起启动',
        cite: {
          document: HURENSHEZHI_2020_439,
          clause: '五（一）',
          text: '本市社会培训评价组织遴选工作自发文之日起启动',
        },
      },
    ],
  },
];

const D = HURENSHEZHI_2020_439;

export const cite = (clause: string, text: string) => ({ document: D, clause, text });
