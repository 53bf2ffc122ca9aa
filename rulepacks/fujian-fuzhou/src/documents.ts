import type { PackDocument } from '@certflow/core';

/**
 * The notice carries no document number in its published text, so the pack
 * names it by issuer and date; citations use exactly this string.
 */
export const FUZHOU_2021_04_22 = '福州市人力资源和社会保障局2021年4月22日通知';

export const documents: PackDocument[] = [
  {
    number: FUZHOU_2021_04_22,
    title: '关于向全市公开征集社会培训评价组织的通知',
    issuer: '福州市人力资源和社会保障局',
    issued: '2021-04-22',
    source: 'fuzhou-2021-04-22.txt',
    schedule: [
      {
        id: 'intake-opens',
        date: '2021-04-22',
        description: '全市社会培训评价组织遴选工作自下文之日起启动',
        cite: {
          document: FUZHOU_2021_04_22,
          clause: '三（四）1',
          text: '全市社会培训评价组织遴选工作自下文之日起启动',
        },
      },
      {
        id: 'first-batch-due',
        date: '2021-05-15',
        description: '各县(市)区人社部门将本地区首批评价组织评估材料提交市鉴定中心汇总的截止日',
        cite: {
          document: FUZHOU_2021_04_22,
          clause: '三（四）1',
          text: '请各县(市)区人社部门于5月15日前将本地区首批评价组织评估材料提交市鉴定中心汇总',
        },
      },
    ],
  },
];
