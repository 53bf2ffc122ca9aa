import type { DeadlineSpec } from '@certflow/core';

/** None: the base notices set no working-day deadline; a regional notice sets its own. */
export const deadlines: DeadlineSpec[] = [];
