import type { QuotaSpec } from '@certflow/core';

/** None: 川人社办发〔2020〕20号 sets no number of schools, filings or occupations per place. */
export const quotas: QuotaSpec[] = [];
