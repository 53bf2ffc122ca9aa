import type { QuotaSpec } from '@certflow/core';

/** None: 沪人社职〔2020〕439号 caps neither the organizations selected nor their occupations. */
export const quotas: QuotaSpec[] = [];
