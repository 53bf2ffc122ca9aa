import type { QuotaSpec } from '@certflow/core';

/** None: the base notices set no number of organizations per place; a regional notice sets its own. */
export const quotas: QuotaSpec[] = [];
