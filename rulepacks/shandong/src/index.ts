import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { shandong_1_0_0 } from './released/1.0.0.js';
import { shandong_1_1_0 } from './released/1.1.0.js';

/** 鲁人社字〔2020〕50号: the current version, with the released ones it keeps loadable for replay. */
const shandong: RulePack = defineRulePack({ ...definition, releases: [shandong_1_1_0, shandong_1_0_0] });

export default shandong;
export { shandong };
export { shandong_1_1_0, shandong_1_0_0 };
export { definition } from './definition.js';
export { LURENSHEZI_2020_50, documents } from './documents.js';
export { materials } from './materials.js';
export { quotas } from './quotas.js';
export { PROVINCIAL_KINDS } from './rules/ch3-application.js';
export { deadlines } from './deadlines.js';
export { certificateNumber } from './limits.js';
export { freeCertificateQuery } from './rules/ch4-evaluation.js';
export type { PlanFacts } from './rules/ch4-evaluation.js';
export { levels, MAX_OCCUPATIONS } from './limits.js';
export { skillTypeOf } from './rules/ch2-occupations.js';
export { exampleProfile, exampleAsOf } from './example.js';
