import type { DeadlineSpec } from '@certflow/core';

/** None: 中就培函〔2020〕41号 sets no working-day deadline; its 五 gives calendar dates (documents.ts, SCHEDULE). */
export const deadlines: DeadlineSpec[] = [];
