import type { QuotaSpec } from '@certflow/core';
import { cite } from './documents.js';
import { recommendedBy } from './rules/ch2-scope.js';

/** 三（一）: each department recommends two organizations. */
export const quotas: QuotaSpec[] = [
  {
    id: 'two-per-department',
    description: '每个政府有关部门推荐2家社会培训评价组织',
    cite: cite('三（一）', '推荐2家可覆盖原有职业（工种）的社会培训评价组织'),
    max: 2,
    min: 2,
    buckets: (p) => {
      const by = recommendedBy(p);
      return by ? [`department:${by}`] : [];
    },
  },
];
