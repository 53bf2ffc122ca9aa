import type { CertificateNumberSpec, FilingValiditySpec, LevelsSpec } from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';

export const MIN_CONSECUTIVE_YEARS = 5;

export const MIN_PERSON_TIMES = 10_000;

/** 一（一）5: minimums per occupation and level. */
export const QUESTION_BANK_MINIMUMS = {
  theoryQuestions: 1200,
  theoryPaperSets: 10,
  practicalPaperSets: 10,
  reviewQuestions: 10,
} as const;

export const MAX_OCCUPATIONS_FIRST_APPLICATION = 3;

export const MIN_WORKSTATIONS = 15;

/** 三（二）3 */
export const filingValidity: FilingValiditySpec = {
  years: 3,
  cite: { document: DOC, clause: '三（二）3', text: '资质有效期 3 年' },
};

/** 一（一）5 names the question banks of every level up to 技师、高级技师: the five levels are Fuzhou's. */
export const levelsCite = {
  document: DOC,
  clause: '一（一）5',
  text: '备案的职业(工种)应符合每职业每等级题库题量理论知识不低于1200题',
};

/** All five levels (see levelsCite). */
export const levels: LevelsSpec = { allowed: [1, 2, 3, 4, 5], cite: levelsCite };

// The notice has organizations issue certificates 按规定: the national
// 22-character rule, with Fujian's province code.
export const certificateNumber: CertificateNumberSpec = {
  provinceCode: '35',
  cite: {
    document: DOC,
    clause: '四（一）',
    text: '评价机构应建立工作台账,按规定做好职业技能等级证书的核发和统计工作',
  },
};
