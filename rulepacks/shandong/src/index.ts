import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { shandong_1_0_0 } from './released/1.0.0.js';

/** 鲁人社字〔2020〕50号: the current version, with the released ones it keeps loadable for replay. */
const shandong: RulePack = defineRulePack({ ...definition, releases: [shandong_1_0_0] });

export default shandong;
export { shandong };
export { shandong_1_0_0 };
export { definition } from './definition.js';
export { LURENSHEZI_2020_50, documents } from './documents.js';
export { materials, quotas, PROVINCIAL_KINDS } from './application.js';
export { deadlines, certificateNumber, freeCertificateQuery } from './exam.js';
export type { PlanFacts } from './exam.js';
export { levels, skillTypeOf, MAX_OCCUPATIONS } from './scope.js';
export { exampleProfile, exampleAsOf } from './example.js';
