import type { RulePackDefinition } from '@certflow/core';
import { national } from '@certflow/rulepack-national';
import { sourceDigest } from './digest.js';
import { KNOWN_HASHES } from './released/hashes.js';
import { documents } from './documents.js';
import { deadlines } from './deadlines.js';
import { quotas } from './quotas.js';
import { rules } from './rules/index.js';
import { materials } from './materials.js';
import { certificateNumber, filingValidity, levels, levelsCite } from './limits.js';

/**
 * Sichuan technical schools, 川人社办发〔2020〕20号: the 技工院校 pilot. Extends
 * the national base (whose levels clause is this notice's 三) and replaces its
 * standard rule with 三's own wording.
 *
 * 1.1.1: the same rules as 1.1.0, its sources in the file set every pack has and formatted;
 * 1.1.0 is kept in `released/1.1.0.ts`.
 *
 * 1.1.0: a notice of non-acceptance answers the 附件3 1 deadline too, the
 * school issues certificates only where it certifies itself (附件4（五）（六）),
 * 准入类 cites 六（二）, the notice is dated to the month, the filing carries
 * the receipt's validity (附件3 4), the five levels cite 三 here (the base
 * cites a national document). 1.0.0 is kept in `released/1.0.0.ts`.
 */
export const definition: RulePackDefinition = {
  id: 'sichuan-technical-schools',
  version: '1.1.1',
  sourceDigest,
  knownHashes: KNOWN_HASHES,
  extends: national,
  title: '四川省技工院校学生职业技能等级认定试点（川人社办发〔2020〕20号）',
  documents,
  jurisdiction: { name: '四川', code: '510000', level: 'province' },
  rules,
  materials,
  quotas,
  levels,
  // 三 speaks of the five levels: the inherited levels rule cites it.
  citations: { 'levels-allowed': levelsCite },
  deadlines,
  certificateNumber,
  filingValidity,
};
