export { describeEventStoreConformance } from './storeConformance.js';
export type { ConformanceOptions } from './storeConformance.js';
export { testEvent, testEvents } from './eventFactory.js';
