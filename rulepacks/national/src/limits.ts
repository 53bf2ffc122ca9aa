import type { LevelsSpec } from '@certflow/core';
import { levelsCite } from './rules/renshebufa-2019-90.js';

/**
 * The levels a pack allows: all five here (五级 to 一级). A regional pack narrows them in its own
 * limits.ts and replaces `levels-allowed` to cite its clause. The base sets no filing validity and
 * no certificate numbering: each regional notice sets its own.
 */
export const levels: LevelsSpec = { allowed: [1, 2, 3, 4, 5], cite: levelsCite };
