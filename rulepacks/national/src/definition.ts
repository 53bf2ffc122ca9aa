import type { RulePackDefinition } from '@certflow/core';
import { documents } from './documents.js';
import { deadlines } from './deadlines.js';
import { levels } from './limits.js';
import { materials } from './materials.js';
import { quotas } from './quotas.js';
import { rules } from './rules/index.js';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';

/**
 * The base every regional pack extends: five levels, 准入类 excluded, a
 * national standard or a filed specification. Regions override only what
 * differs (`replaces: '<rule id>'`) and re-cite what their own notice says
 * (`citations`).
 *
 * 1.1.1: the same rules as 1.1.0, its sources in the file set every pack has and formatted;
 * 1.1.0 is kept in `released/1.1.0.ts`.
 *
 * 1.1.0: the base cites national documents only — the five levels cite
 * 人社部发〔2019〕90号 by title and number (its text is not in the sources),
 * the standard rule cites 中就培函〔2020〕41号 四（二）. 1.0.0 cited 川人社办发〔2020〕20号 三
 * and 鲁人社字〔2020〕50号 二; it is kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'national',
  version: '1.1.1',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  title: '职业技能等级认定共同规则（全国）',
  documents,
  jurisdiction: { name: '全国', code: '000000', level: 'national' },
  levels,
  rules,
  quotas,
  deadlines,
  materials,
};
