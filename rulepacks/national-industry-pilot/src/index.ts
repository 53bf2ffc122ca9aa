import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { v1_0_0 } from './released/1.0.0.js';
import { v1_1_0 } from './released/1.1.0.js';

/** The current version, with the released ones it keeps loadable for replay. */
const nationalIndustryPilot: RulePack = defineRulePack({ ...definition, releases: [v1_1_0, v1_0_0] });

export default nationalIndustryPilot;
export { nationalIndustryPilot };
export * from './documents.js';
export * from './rules/ch2-scope.js';
export * from './rules/ch3-steps.js';
export * from './rules/ch5-schedule.js';
export * from './materials.js';
export * from './rules/annex-materials.js';
export * from './rules/index.js';
export { definition } from './definition.js';
export { documents, SCHEDULE } from './documents.js';
export { quotas } from './quotas.js';
export { deadlines } from './deadlines.js';
export { certificateNumber } from './limits.js';
export { exampleProfile, exampleAsOf } from './example.js';
