// 人社部发〔2019〕90号 (named by title and number; its text is not among the sources): the five levels.
import { type Citation, type Rule, type ApplicantProfile, allowedLevelsRule } from '@certflow/core';
import { RENSHEBUFA_2019_90 } from '../documents.js';

/**
 * The five levels are the skill-level system of 人社部发〔2019〕90号, which the
 * notices name as their basis. Its text is not among the sources, so the
 * citation names it by title and number, as the notices quote it, and gives
 * no clause. A pack whose own notice speaks of its levels re-cites the rule
 * (`citations`) or replaces it.
 */
export const levelsCite: Citation = {
  document: RENSHEBUFA_2019_90,
  clause: '（原文未收录）',
  text: '《人力资源社会保障部关于改革完善技能人才评价制度的意见》（人社部发〔2019〕90号）',
};

/** Levels within the pack's allowed levels (all five here; a pack narrows `levels` and replaces this rule to cite its own clause). */
export const levelsAllowed: Rule<ApplicantProfile> = allowedLevelsRule(levelsCite, 'levels-allowed');
