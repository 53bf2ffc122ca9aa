import { notApplicable, review, type ApplicantProfile, type Rule } from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC } from './documents.js';

/**
 * 一（二）: priority conditions rank eligible organizations; they never make
 * one eligible or not. Informative: a claimed condition (`priorityClaims`)
 * is a `review` finding an expert confirms for the ranking; an unclaimed one
 * is not-applicable.
 */
export const PRIORITY_CLAIMS = ['standards-development', 'skills-competition', 'industrial-park-centre', 'major-breakthrough'] as const;
export type PriorityClaim = (typeof PRIORITY_CLAIMS)[number];

const claims = (p: ApplicantProfile): unknown[] => {
  const v = (p as Record<string, unknown>)['priorityClaims'];
  return Array.isArray(v) ? v : [];
};

function priorityRule(claim: PriorityClaim, id: string, description: string, clause: string, text: string): Rule<ApplicantProfile> {
  return {
    id,
    description: `优先条件（不影响是否符合申报条件）：${description}`,
    cite: { document: DOC, clause, text },
    evaluate: (p) => (claims(p).includes(claim) ? review(`优先条件待专家确认：${description}`, ['priorityClaims']) : notApplicable('未主张此优先条件')),
  };
}

export const priorityRules = [
  priorityRule(
    'standards-development',
    'priority-standards-development',
    '领域影响力广泛，曾参与国家职业技能标准、考核规范、教材、题库开发编制',
    '一（二）1',
    '在拟开展评价的职业领域具有广泛的影响力,曾参与相关职业国家职业技能标准、专项职业能力考核规范、教学大纲、教材、国家题库(或省题库)的开发编制',
  ),
  priorityRule('skills-competition', 'priority-skills-competition', '世界技能大赛集训基地或为我市职业技能竞赛提供技术支持与服务', '一（二）2', '世界技能大赛集训基地或为我市职业技能竞赛工作提供技术支持与服务的'),
  priorityRule('industrial-park-centre', 'priority-industrial-park-centre', '经市人社局、财政局备案的福州市工业（产业）园区职业技能提升中心', '一（二）3', '经市人社局、财政局备案的福州市工业(产业)园区职业技能提升中心'),
  priorityRule('major-breakthrough', 'priority-major-breakthrough', '在我市技能人才培养评价领域有重大突破', '一（二）4', '在我市技能人才培养评价领域有重大突破的'),
];
