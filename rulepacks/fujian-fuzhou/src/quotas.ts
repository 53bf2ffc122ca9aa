import type { QuotaSpec } from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';

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
