import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { PostgresErrorParams } from './types.js';

/** The messages of @certflow/store-postgres in every locale: what its errors carry. */
export const postgresCatalogue = { en, 'zh-CN': zhCN } as const;
