import type { Story } from '../runner.js';
import { fuzhouStory } from './fuzhou.js';
import { shandongStory } from './shandong.js';
import { shanghaiStory } from './shanghai.js';
import { sichuanStory } from './sichuan.js';

/** The demo's stories, in the order their events happened. */
export const stories: Story[] = [shandongStory, sichuanStory, shanghaiStory, fuzhouStory];
