import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { v1_0_0 } from './released/1.0.0.js';

/** The current version, with the released ones it keeps loadable for replay. */
const sichuanTechnicalSchools: RulePack = defineRulePack({ ...definition, releases: [v1_0_0] });

export default sichuanTechnicalSchools;
export { sichuanTechnicalSchools };
export * from './rules.js';
export { definition, documents, materials } from './definition.js';
export { exampleProfile, exampleAsOf } from './example.js';
