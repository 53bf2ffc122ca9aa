// 福州 2021-04-22 四、工作要求: the rules of this chapter.
import {
  type Rule,
  type ApplicantProfile,
  optionalFact,
  notApplicable,
  fail,
  review,
  pass,
  type Citation,
} from '@certflow/core';
import { FUZHOU_2021_04_22 as DOC, FUZHOU_2021_04_22 } from '../documents.js';

/** 四（六) over the optional `advertising: { text, emblems? }` the applicant submits; none submitted → not applicable. */
export const advertisingWording: Rule<ApplicantProfile> = {
  id: 'advertising-wording',
  description: '对外招生宣传不得使用禁用字样，不得出现国徽、政府部门徽标或其他单位标识',
  cite: { document: DOC, clause: '四（六）', text: '社会培训评价组织在对外招生宣传时不得使用' },
  evaluate(p) {
    const ad = optionalFact(p, 'advertising');
    const text = optionalFact(ad, 'text');
    if (typeof text !== 'string') return notApplicable('未提交招生宣传材料');
    const findings = checkAdvertising(text, {
      emblems: (optionalFact(ad, 'emblems') as AdvertisingMark[] | undefined) ?? [],
    });
    const fails = findings.filter((f) => f.outcome === 'fail');
    if (fails.length > 0)
      return fail(`招生宣传违反四（六）：${fails.map((f) => f.match ?? f.term).join('、')}`, ['advertising'], {
        findings,
      });
    if (findings.length > 0)
      return review(`专家核实可能产生歧义或误导的字样、图案：${findings.map((f) => f.match ?? f.term).join('、')}`, [
        'advertising',
      ]);
    return pass();
  },
};

export const advertisingCite: Citation = {
  document: FUZHOU_2021_04_22,
  clause: '四（六）',
  text: '社会培训评价组织在对外招生宣传时不得使用“人力资源社会保障部门”“职业技能鉴定(指导)中心”以及“职业资格”“资格证”“就业证”“录用依据”等字样;不得出现国徽、政府部门徽标(logo)等标识,以及与上述相关或易产生歧义和误导的字样、图案或水印;不得出现本机构以外任何其他部门或单位的标识(logo)。',
};

/** Marks found on a piece of advertising (the host or a reviewer says which). */
export type AdvertisingMark =
  | 'national-emblem'
  | 'government-logo'
  | 'other-organization-logo'
  | 'misleading-image'
  | 'own-logo';

export interface AdvertisingFinding {
  code: 'forbidden-wording' | 'ambiguous-wording' | 'forbidden-emblem';
  /** fail: the clause forbids it outright; review: it may be 「与上述相关或易产生歧义和误导的字样」, an expert decides. */
  outcome: 'fail' | 'review';
  /** The forbidden word as the clause lists it, or the mark. */
  term: string;
  /** What was found in the text, and where (UTF-16 index). */
  match?: string;
  index?: number;
  cite: Citation;
}

/** The words 四（六） lists; the centre's name in every bracket variant (half-width, full-width, none). */
const FORBIDDEN: Array<{ term: string; pattern: RegExp }> = [
  { term: '人力资源社会保障部门', pattern: /人力资源社会保障部门/g },
  { term: '职业技能鉴定(指导)中心', pattern: /职业技能鉴定\s*(?:[(（]\s*指导\s*[)）]|指导)?\s*中心/g },
  { term: '职业资格', pattern: /职业资格/g },
  { term: '资格证', pattern: /资格证/g },
  { term: '就业证', pattern: /就业证/g },
  { term: '录用依据', pattern: /录用依据/g },
];

/** Wording close to the list that may mislead (e.g. naming a bureau): flagged for an expert, not refused. */
const AMBIGUOUS: Array<{ term: string; pattern: RegExp }> = [
  { term: '人力资源和社会保障', pattern: /人力资源和社会保障(?:局|厅|部)?/g },
  { term: '人社部门', pattern: /人社(?:部门|局|厅|部)/g },
  { term: '鉴定站', pattern: /(?:职业技能)?鉴定站/g },
  { term: '政府认证', pattern: /政府(?:认证|颁发|认可)/g },
  { term: '鉴定中心', pattern: /鉴定(?:指导)?中心/g },
];

const MARKS: Record<Exclude<AdvertisingMark, 'own-logo'>, { outcome: 'fail' | 'review'; term: string }> = {
  'national-emblem': { outcome: 'fail', term: '国徽' },
  'government-logo': { outcome: 'fail', term: '政府部门徽标(logo)' },
  'other-organization-logo': { outcome: 'fail', term: '本机构以外任何其他部门或单位的标识(logo)' },
  'misleading-image': { outcome: 'review', term: '易产生歧义和误导的图案或水印' },
};

/**
 * Screens advertising text (招生宣传) against 四（六） of the Fuzhou notice:
 * one finding per occurrence of a forbidden word and per forbidden mark,
 * each citing the clause. An empty list means nothing was found.
 */
export function checkAdvertising(text: string, options: { emblems?: AdvertisingMark[] } = {}): AdvertisingFinding[] {
  const findings: AdvertisingFinding[] = [];
  const forbidden: Array<[number, number]> = [];
  for (const { term, pattern } of FORBIDDEN) {
    for (const m of text.matchAll(pattern)) {
      forbidden.push([m.index, m.index + m[0].length]);
      findings.push({
        code: 'forbidden-wording',
        outcome: 'fail',
        term,
        match: m[0],
        index: m.index,
        cite: advertisingCite,
      });
    }
  }
  // Near-miss wording inside a forbidden match (鉴定中心 in 职业技能鉴定中心) is already reported.
  for (const { term, pattern } of AMBIGUOUS) {
    for (const m of text.matchAll(pattern)) {
      if (forbidden.some(([s, e]) => m.index < e && s < m.index + m[0].length)) continue;
      findings.push({
        code: 'ambiguous-wording',
        outcome: 'review',
        term,
        match: m[0],
        index: m.index,
        cite: advertisingCite,
      });
    }
  }
  for (const mark of new Set(options.emblems ?? [])) {
    if (mark === 'own-logo') continue;
    findings.push({ code: 'forbidden-emblem', ...MARKS[mark], cite: advertisingCite });
  }
  return findings.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
}
