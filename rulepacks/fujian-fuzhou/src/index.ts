import { defineRulePack, type RulePack } from '@certflow/core';
import { definition } from './definition.js';
import { fujianFuzhou_1_0_0 } from './released/1.0.0.js';

/** The current version; it keeps the released versions a log may name. */
const fujianFuzhou: RulePack = defineRulePack({ ...definition, releases: [fujianFuzhou_1_0_0] });

export default fujianFuzhou;
export { definition, levelsCite } from './definition.js';
export { fujianFuzhou_1_0_0 } from './released/1.0.0.js';
export { fujianFuzhou };
export { FUZHOU_2021_04_22, documents } from './documents.js';
export { checkAdvertising, advertisingCite } from './advertising.js';
export type { AdvertisingFinding, AdvertisingMark } from './advertising.js';
export { deadlines, filingValidity, materials, quotas } from './filing.js';
export { QUESTION_BANK_MINIMUMS } from './questionBank.js';
export { PRIORITY_CLAIMS } from './priority.js';
export type { PriorityClaim } from './priority.js';
export { MIN_WORKSTATIONS, MAX_OCCUPATIONS_FIRST_APPLICATION, skillTypeOf } from './scope.js';
export { MIN_CONSECUTIVE_YEARS, MIN_PERSON_TIMES } from './eligibility.js';
export { exampleProfile, exampleAsOf } from './example.js';
