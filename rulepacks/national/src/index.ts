import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { national_1_0_0 } from './released/1.0.0.js';
import { national_1_1_0 } from './released/1.1.0.js';

/**
 * The base every regional pack extends: five levels, 准入类 excluded, a
 * national standard or a filed specification; the current version, with the
 * released ones it keeps loadable for replay. A pack's own release extends
 * `national_1_0_0` where it was released on national 1.0.0, `national_1_1_0` where on 1.1.0.
 */
const national: RulePack = defineRulePack({ ...definition, releases: [national_1_1_0, national_1_0_0] });

export default national;
export { national };
export { national_1_1_0, national_1_0_0 };
export { definition } from './definition.js';
export { levels } from './limits.js';
export { materials } from './materials.js';
export { quotas } from './quotas.js';
export { deadlines } from './deadlines.js';
export { levelsAllowed, levelsCite } from './rules/renshebufa-2019-90.js';
export { notAccessType } from './rules/ch2-scope.js';
export { standardRequired, standardCite } from './rules/ch4-requirements.js';
export {
  documents,
  CHUANRENSHEBAN_2020_20,
  LURENSHEZI_2020_50,
  RENSHEBUFA_2019_90,
  ZHONGJIUPEIHAN_2020_41,
} from './documents.js';
export { exampleProfile, exampleAsOf } from './example.js';
