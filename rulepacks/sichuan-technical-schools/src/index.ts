import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { v1_0_0 } from './released/1.0.0.js';
import { v1_1_0 } from './released/1.1.0.js';

/** The current version, with the released ones it keeps loadable for replay. */
const sichuanTechnicalSchools: RulePack = defineRulePack({ ...definition, releases: [v1_1_0, v1_0_0] });

export default sichuanTechnicalSchools;
export { sichuanTechnicalSchools };
export * from './documents.js';
export * from './rules/ch1-principles.js';
export * from './rules/ch2-application.js';
export * from './rules/ch3-standards.js';
export * from './rules/ch6-requirements.js';
export * from './rules/annex4-certification.js';
export * from './rules/ch4-modes.js';
export * from './rules/annex1-conditions.js';
export * from './limits.js';
export * from './rules/annex2-materials.js';
export * from './rules/index.js';
export { definition } from './definition.js';
export { documents } from './documents.js';
export { materials } from './materials.js';
export { quotas } from './quotas.js';
export { deadlines } from './deadlines.js';
export { exampleProfile, exampleAsOf } from './example.js';
