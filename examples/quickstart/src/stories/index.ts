import type { Story } from '../runner.js';
import { fuzhouStory } from './fuzhou.js';
import { shandongStory } from './shandong.js';

/** The demo's stories, in the order their events happened. */
export const stories: Story[] = [shandongStory, fuzhouStory];
