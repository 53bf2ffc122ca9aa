import type { MessageTable } from '@certflow/core';
import type { PostgresErrorParams } from './types.js';

/** The messages of @certflow/store-postgres in Chinese (zh-CN). */
export const zhCN: MessageTable<PostgresErrorParams> = {
  PG_SCHEMA_NOT_FOUND: (p) =>
    `模式 ${String(p.schema)} 中没有 certflow 事件日志（没有 ${String(p.schema)}.events 表）；只读存储不会创建任何内容`,
  PG_READ_ONLY: (p) =>
    `无法执行 ${String(p.operation)}：模式 ${String(p.schema)} 上的事件存储以只读方式打开，未写入任何内容`,
};
