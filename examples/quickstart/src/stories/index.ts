import type { Story } from '../runner.js';
import { fuzhouStory } from './fuzhou.js';
import { pilotStory } from './pilot.js';
import { shandongStory } from './shandong.js';
import { shanghaiStory } from './shanghai.js';
import { sichuanStory } from './sichuan.js';

/** The demo's stories, in the order they start. */
export const stories: Story[] = [shandongStory, sichuanStory, pilotStory, shanghaiStory, fuzhouStory];
