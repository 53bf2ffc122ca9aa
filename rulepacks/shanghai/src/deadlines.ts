import type { DeadlineSpec } from '@certflow/core';

/** None: 沪人社职〔2020〕439号 sets no working-day deadline (三 names the steps, not their length). */
export const deadlines: DeadlineSpec[] = [];
