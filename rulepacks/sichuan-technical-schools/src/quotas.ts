import type { QuotaSpec } from '@certflow/core';

/** None: 川人社办发〔2020〕20号 caps neither the schools of a place nor their occupations (each school that meets 附件1 may apply). */
export const quotas: QuotaSpec[] = [];
