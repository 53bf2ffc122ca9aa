export { describeEventStoreConformance } from './storeConformance.js';
export type { ConformanceOptions } from './storeConformance.js';
export { testEvent, testEvents } from './eventFactory.js';
export { describeRulePack, loadRuleCases, caseFacts, ownRules } from './rulePackSuite.js';
export type { RuleCase, RuleCaseFile, RulePackSuiteOptions } from './rulePackSuite.js';
