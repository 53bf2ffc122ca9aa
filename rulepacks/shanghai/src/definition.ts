import type { RulePackDefinition } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { sourceDigest } from './digest.js';
import { deadlines } from './deadlines.js';
import { documents, cite } from './documents.js';
import { certificateNumber, filingValidity, levels } from './limits.js';
import { materials } from './materials.js';
import { quotas } from './quotas.js';
import { KNOWN_HASHES } from './released/hashes.js';
import { rules } from './rules/index.js';

/**
 * Shanghai, 沪人社职〔2020〕439号: social training evaluation organizations
 * filed with the municipal bureau. Extends the national base and replaces its
 * standard rule (Shanghai accepts only occupations with a national standard)
 * and its 准入类 rule (cited from 二（一）). `AmendScope` is allowed (五（三））.
 *
 * 1.1.1: the same rules as 1.1.0, its sources in the file set every pack has and formatted;
 * 1.1.0 is kept in `released/1.1.0.ts`.
 *
 * 1.1.0: 二（一） needs the implementing body, 二 admits 技能人员 occupations
 * only, the filing carries the receipt's validity (三（三）), inherited rules
 * cite this notice. 1.0.0 is kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'shanghai',
  version: '1.1.1',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '上海市社会培训评价组织征集（沪人社职〔2020〕439号）',
  documents,
  jurisdiction: { name: '上海', code: '310000', level: 'province' },
  rules,
  quotas,
  deadlines,
  materials,
  levels,
  citations: { 'levels-allowed': cite('三（四）', '评价职业(工种)及等级范围') },
  certificateNumber,
  filingValidity,
};
