import type { DeadlineSpec } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from './documents.js';

/** 四（一）, 四（三）: working-day deadlines as data; the engine counts them with the calendar. */
export const deadlines: DeadlineSpec[] = [
  {
    id: 'exam-plan-lead-time',
    description: '考核计划须提前5个工作日报省、市职业技能鉴定（指导）中心',
    cite: { document: DOC, clause: '四（一）', text: '制定的考核计划须提前5个工作日报省、市职业技能鉴定（指导）中心' },
    machine: 'exam',
    kind: 'before',
    workingDays: 5,
    from: { event: 'ExamPlanned', field: 'examDate' },
    step: 'FileExamPlan',
  },
  {
    id: 'results-publicity-period',
    description: '认定结果公示不少于5个工作日',
    cite: { document: DOC, clause: '四（三）', text: '评价机构对认定结果进行不少于5个工作日公示' },
    machine: 'exam',
    kind: 'min-period',
    workingDays: 5,
    from: { event: 'ResultsPublicityStarted' },
    step: 'ConfirmResults',
  },
];
