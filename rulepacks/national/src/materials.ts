import type { MaterialSpec } from '@certflow/core';

/** None: the base notices list no application materials of their own; each regional notice lists its own. */
export const materials: MaterialSpec[] = [];
