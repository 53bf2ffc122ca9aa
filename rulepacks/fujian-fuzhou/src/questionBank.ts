import { fail, optionalFact, pass, review, type ApplicantProfile, type Level, type QuestionBank, type Rule, type RuleResult } from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';

/** 一（一）5: minimums per occupation and level. */
export const QUESTION_BANK_MINIMUMS = { theoryQuestions: 1200, theoryPaperSets: 10, practicalPaperSets: 10, reviewQuestions: 10 } as const;

type Field = keyof typeof QUESTION_BANK_MINIMUMS;
const LABEL: Record<Field, string> = {
  theoryQuestions: '理论知识题量',
  theoryPaperSets: '理论知识卷库',
  practicalPaperSets: '实际操作卷库',
  reviewQuestions: '综合评审论文答辩或技术评审试题',
};

/** Checks one bank field for every applied (occupation, level); a level without bank data needs an expert. */
function bankMinimum(profile: ApplicantProfile, field: Field, levels: (l: Level) => boolean): RuleResult {
  const min = QUESTION_BANK_MINIMUMS[field];
  let missing: { code: string; level: Level; path: (string | number)[] } | undefined;
  for (const [i, o] of profile.occupations.entries()) {
    for (const level of o.levels.filter(levels)) {
      const path = ['occupations', i, 'questionBank', String(level), field];
      const bank = o.questionBank?.[String(level) as `${Level}`] as QuestionBank | undefined;
      const value = bank ? optionalFact(bank, field) : undefined;
      if (typeof value !== 'number') {
        missing ??= { code: o.code, level, path };
        continue;
      }
      if (value < min) return fail(`${o.code} ${level}级${LABEL[field]} ${value}，不低于 ${min}`, path, { value, min, level });
    }
  }
  if (missing) return review(`专家核实：${missing.code} ${missing.level}级${LABEL[field]}（题库信息未提供）`, missing.path);
  return pass();
}

const all = () => true;
const technicianLevels = (l: Level) => l === 2 || l === 1;

export const questionBankDevelopers: Rule<ApplicantProfile> = {
  id: 'question-bank-developers',
  description: '具有开发题库技术人员',
  cite: { document: DOC, clause: '一（一）5', text: '具有开发题库技术人员' },
  evaluate({ capacity }) {
    const n = optionalFact(capacity, 'questionBankDevelopers');
    if (typeof n !== 'number') return review('专家核实：开发题库技术人员（capacity.questionBankDevelopers 未提供）', ['capacity', 'questionBankDevelopers']);
    return n > 0 ? pass() : fail('无开发题库技术人员', ['capacity', 'questionBankDevelopers']);
  },
};

export const minTheoryQuestions: Rule<ApplicantProfile> = {
  id: 'min-theory-questions',
  description: '每职业每等级理论知识题库不低于1200题',
  cite: { document: DOC, clause: '一（一）5', text: '备案的职业(工种)应符合每职业每等级题库题量理论知识不低于1200题' },
  evaluate: (p) => bankMinimum(p, 'theoryQuestions', all),
};

export const minTheoryPaperSets: Rule<ApplicantProfile> = {
  id: 'min-theory-paper-sets',
  description: '每职业每等级理论知识卷库不低于10套',
  cite: { document: DOC, clause: '一（一）5', text: '理论知识不低于1200题(卷库不低于10套)' },
  evaluate: (p) => bankMinimum(p, 'theoryPaperSets', all),
};

export const minPracticalPaperSets: Rule<ApplicantProfile> = {
  id: 'min-practical-paper-sets',
  description: '每职业每等级实际操作卷库不低于10套',
  cite: { document: DOC, clause: '一（一）5', text: '实际操作卷库不低于10套' },
  evaluate: (p) => bankMinimum(p, 'practicalPaperSets', all),
};

export const minReviewQuestions: Rule<ApplicantProfile> = {
  id: 'min-review-questions',
  description: '技师、高级技师综合评审论文答辩或技术评审试题不低于10题',
  cite: { document: DOC, clause: '一（一）5', text: '技师、高级技师综合评审论文答辩或技术评审试题不低于10题' },
  evaluate: (p) => bankMinimum(p, 'reviewQuestions', technicianLevels),
};

export const questionBankRules = [questionBankDevelopers, minTheoryQuestions, minTheoryPaperSets, minPracticalPaperSets, minReviewQuestions];
