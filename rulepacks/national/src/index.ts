import { defineRulePack, type RulePack } from '@certflow/core';
import { documents } from './documents.js';
import { levelsCite, rules } from './rules.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * The base every regional pack extends: five levels, 准入类 excluded, a
 * national standard or a filed specification. Regions override only what
 * differs (`replaces: '<rule id>'`).
 */
const national: RulePack = defineRulePack({
  id: 'national',
  version: '1.0.0',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  title: '职业技能等级认定共同规则（全国）',
  documents,
  jurisdiction: { name: '全国', code: '000000', level: 'national' },
  levels: { allowed: [1, 2, 3, 4, 5], cite: levelsCite },
  rules,
});

export default national;
export { national };
export { levelsAllowed, notAccessType, standardRequired, levelsCite } from './rules.js';
export { documents, CHUANRENSHEBAN_2020_20, LURENSHEZI_2020_50, ZHONGJIUPEIHAN_2020_41 } from './documents.js';
export { exampleProfile, exampleAsOf } from './example.js';
