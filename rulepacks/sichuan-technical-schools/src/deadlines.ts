import type { DeadlineSpec } from '@certflow/core';
import { cite } from './documents.js';

/** 附件3 1, 附件4（一）: working-day deadlines as data; the engine counts them with the calendar. */
export const deadlines: DeadlineSpec[] = [
  {
    id: 'acceptance-notice',
    description: '职鉴中心在10个工作日内通知申请单位是否受理（受理或不予受理）',
    cite: cite('附件3 1', '在10个工作日内通知申请单位是否受理'),
    machine: 'application',
    kind: 'within',
    workingDays: 10,
    from: { event: 'ApplicationSubmitted' },
    step: 'AcceptApplication',
    // 「是否受理」: a notice of non-acceptance answers the same deadline.
    closedBy: ['RejectApplication'],
  },
  {
    id: 'exam-plan-filing',
    description: '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心',
    cite: cite('附件4（一）', '认定计划须于招生和培训报名完成后30个工作日内报职鉴中心'),
    machine: 'exam',
    kind: 'within',
    workingDays: 30,
    from: { event: 'ExamPlanned', field: 'enrolmentClosedOn' },
    step: 'FileExamPlan',
  },
];
