import type { MaterialSpec } from '@certflow/core';

/** None: 三（一） has applicants submit the materials the call for applications (征集公告) asks for; the notice lists none itself. */
export const materials: MaterialSpec[] = [];
