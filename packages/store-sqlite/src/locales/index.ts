import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { SqliteErrorParams } from './types.js';

/** The messages of @certflow/store-sqlite in every locale: what its errors carry. */
export const sqliteCatalogue = { en, 'zh-CN': zhCN } as const;
