import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { v1_0_0 } from './released/1.0.0.js';
import { v1_1_0 } from './released/1.1.0.js';

/** The current version, with the released ones it keeps loadable for replay. */
const shanghai: RulePack = defineRulePack({ ...definition, releases: [v1_1_0, v1_0_0] });

export default shanghai;
export { shanghai };
export * from './documents.js';
export * from './rules/ch1-conditions.js';
export * from './limits.js';
export * from './rules/ch2-occupations.js';
export * from './rules/ch5-other.js';
export * from './rules/index.js';
export { definition } from './definition.js';
export { documents, HURENSHEZHI_2020_439, CATALOG_EXIT_CUTOFF, SELECTION_STARTS } from './documents.js';
export { materials } from './materials.js';
export { quotas } from './quotas.js';
export { deadlines } from './deadlines.js';
export { exampleProfile, exampleAsOf } from './example.js';
