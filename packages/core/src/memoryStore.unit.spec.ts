import { describeEventStoreConformance } from './testing/index.js';
import { memoryStore } from './memoryStore.js';

describeEventStoreConformance('memoryStore', () => memoryStore());
