import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { fujianFuzhou_1_0_0 } from './released/1.0.0.js';
import { fujianFuzhou_1_1_0 } from './released/1.1.0.js';

/** The current version; it keeps the released versions a log may name. */
const fujianFuzhou: RulePack = defineRulePack({ ...definition, releases: [fujianFuzhou_1_1_0, fujianFuzhou_1_0_0] });

export default fujianFuzhou;
export { definition } from './definition.js';
export { levelsCite } from './limits.js';
export { fujianFuzhou_1_0_0 } from './released/1.0.0.js';
export { fujianFuzhou_1_1_0 } from './released/1.1.0.js';
export { fujianFuzhou };
export { FUZHOU_2021_04_22, documents } from './documents.js';
export { checkAdvertising, advertisingCite } from './rules/ch4-requirements.js';
export type { AdvertisingFinding, AdvertisingMark } from './rules/ch4-requirements.js';
export { deadlines } from './deadlines.js';
export { filingValidity } from './limits.js';
export { materials } from './materials.js';
export { quotas } from './quotas.js';
export { QUESTION_BANK_MINIMUMS } from './limits.js';
export { PRIORITY_CLAIMS } from './rules/ch1-conditions.js';
export type { PriorityClaim } from './rules/ch1-conditions.js';
export { MIN_WORKSTATIONS, MAX_OCCUPATIONS_FIRST_APPLICATION } from './limits.js';
export { skillTypeOf } from './rules/ch2-occupations.js';
export { MIN_CONSECUTIVE_YEARS, MIN_PERSON_TIMES } from './limits.js';
export { exampleProfile, exampleAsOf } from './example.js';
