import type { DeadlineSpec } from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';

/** 三（三）1–2 */
export const deadlines: DeadlineSpec[] = [
  {
    id: 'exam-plan-lead-time',
    description: '提前10个工作日向属地县（市）区人社部门、市鉴定中心报送认定实施计划',
    cite: {
      document: DOC,
      clause: '三（三）1',
      text: '并提前10个工作日向属地县(市)区人社部门、市鉴定中心报送职业技能等级认定实施计划',
    },
    machine: 'exam',
    kind: 'before',
    workingDays: 10,
    from: { event: 'ExamPlanned', field: 'examDate' },
    step: 'FileExamPlan',
  },
  {
    id: 'results-filing',
    description: '认定工作结束后10个工作日内将认定结果向市鉴定中心备案',
    cite: {
      document: DOC,
      clause: '三（三）2',
      text: '评价机构应于职业技能等级认定工作结束后10个工作日内,将认定结果向市鉴定中心进行备案',
    },
    machine: 'exam',
    kind: 'within',
    workingDays: 10,
    // 认定工作结束: the exam's last day, examDate for a one-day exam.
    from: { event: 'ExamPlanned', field: 'examEndDate', orField: 'examDate' },
    step: 'RecordResults',
  },
];
