import { describeTransparencyConformance } from './testing/index.js';
import { memoryStore } from './memoryStore.js';

describeTransparencyConformance('memoryStore', () => memoryStore());
