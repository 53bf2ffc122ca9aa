import { type QuotaSpec, optionalFact } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from './documents.js';

/** 三（二）: each city selects 2–8 organizations; one place in the city of registration, none for applications made at the province. */
export const quotas: QuotaSpec[] = [
  {
    id: 'organizations-per-city',
    description: '各市择优遴选2-8家机构进行试点',
    cite: { document: DOC, clause: '三（二）', text: '各市应择优遴选2-8家机构进行试点' },
    max: 8,
    min: 2,
    buckets: (p) =>
      optionalFact(p, 'submittedTo') === 'province' ? [] : [`city:${p.organization.registeredIn.slice(0, 4)}00`],
  },
];
