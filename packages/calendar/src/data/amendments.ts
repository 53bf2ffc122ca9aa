import type { CalendarLayer } from '../types.js';

/**
 * The 2020 Spring Festival extension: 国务院办公厅 notice signed 2020-01-26
 * (published 2020-01-27): the holiday runs to 2月2日, work resumes 2月3日 —
 * which also cancels the 2月1日 make-up workday of the 2020 arrangement.
 */
export const SPRING_FESTIVAL_2020_EXTENSION: CalendarLayer = {
  id: 'cn-2020-spring-festival-extension',
  description: '2020 Spring Festival extended to 2020-02-02; the 2020-02-01 make-up workday cancelled',
  entries: (['2020-01-31', '2020-02-01', '2020-02-02'] as const).map((date) => ({
    date,
    kind: 'holiday' as const,
    name: '春节（延长假期）',
    cite: {
      document: '国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）',
      date: '2020-01-26',
    },
  })),
};

/** Amendments built into every calendar, applied in this order over the corrected base data. */
export const BUILT_IN_AMENDMENTS: readonly CalendarLayer[] = [SPRING_FESTIVAL_2020_EXTENSION];
