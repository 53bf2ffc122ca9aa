import type { PackDocument } from '@certflow/core';
import { CHUANRENSHEBAN_2020_20 } from '@certflow/rulepack-national';

/**
 * The notice as this pack reads it. Its signature line is dated 「2020年1月  日」:
 * the day is blank, so the pack records the month ('2020-01') and no day. No
 * rule, deadline or schedule of the pack runs from the date of issue (the
 * pilot has no opening day; its deadlines run from the application and the
 * enrolment), so nothing depends on the missing day.
 */
export const documents: PackDocument[] = [
  {
    number: CHUANRENSHEBAN_2020_20,
    title: '关于开展技工院校学生职业技能等级认定试点工作的通知',
    issuer: '四川省人力资源和社会保障厅',
    issued: '2020-01',
    source: 'chuanrensheban-2020-20.txt',
  },
];

const D = CHUANRENSHEBAN_2020_20;

export const cite = (clause: string, text: string) => ({ document: D, clause, text });
