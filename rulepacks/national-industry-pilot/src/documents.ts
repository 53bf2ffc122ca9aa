import type { PackDocument } from '@certflow/core';
import { ZHONGJIUPEIHAN_2020_41 } from '@certflow/rulepack-national';

export { ZHONGJIUPEIHAN_2020_41 };

const D = ZHONGJIUPEIHAN_2020_41;

/**
 * 五 gives months and 旬 (ten-day thirds), not days. Read as the last day of
 * the period: 「9月底前」 2020-09-30, 「10月上旬」 2020-10-10, 「11月中旬前」 2020-11-20;
 * 一 「2020年12月底前」 2020-12-31.
 */
export const SCHEDULE = {
  planAndFirstList: '2020-09-30',
  branchLocalFiling: '2020-10-10',
  implementationPlanAndPublicity: '2020-11-20',
  catalogExit: '2020-12-31',
} as const;

export const documents: PackDocument[] = [
  {
    number: D,
    title: '关于做好部门行业职业技能等级认定试点工作的通知',
    issuer: '中国就业培训技术指导中心、人力资源社会保障部职业技能鉴定中心',
    issued: '2020-09-24',
    source: 'zhongjiupeihan-2020-41.txt',
    level: 'national',
    schedule: [
      {
        id: 'plan-and-first-list',
        date: SCHEDULE.planAndFirstList,
        description: '9月底前完成试点工作方案，提交遴选标准和首批试点机构名单',
        cite: {
          document: D,
          clause: '五（一）',
          text: '9月底前完成试点工作方案，提交社会培训评价组织及分支机构遴选标准和首批职业技能等级认定试点机构名单',
        },
      },
      {
        id: 'branch-local-filing',
        date: SCHEDULE.branchLocalFiling,
        description: '10月上旬（至10月10日）指导各地分支机构开展属地备案',
        cite: { document: D, clause: '五（二）', text: '10月上旬指导各地分支机构开展属地备案工作' },
      },
      {
        id: 'implementation-plan-and-publicity',
        date: SCHEDULE.implementationPlanAndPublicity,
        description: '11月中旬前（至11月20日）提交社会培训评价组织工作实施方案，完成网上公示，形成并公布试点目录',
        cite: {
          document: D,
          clause: '五（三）',
          text: '11月中旬前提交社会培训评价组织工作实施方案，完成网上公示，形成试点社会培训评价组织目录，并向社会公布',
        },
      },
      {
        id: 'catalog-exit',
        date: SCHEDULE.catalogExit,
        description: '2020年12月底前水平评价类技能人员职业资格退出职业资格目录，转为职业技能等级认定',
        cite: {
          document: D,
          clause: '一',
          text: '2020年12月底前政府有关部门、行业组织实施的水平评价类技能人员职业资格退出职业资格目录,转为职业技能等级认定',
        },
      },
    ],
  },
];

/** A citation of this notice. */
export const cite = (clause: string, text: string) => ({ document: D, clause, text });
