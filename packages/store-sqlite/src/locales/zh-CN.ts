import type { MessageTable } from '@certflow/core';
import type { SqliteErrorParams } from './types.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The messages of @certflow/store-sqlite in Chinese (zh-CN). */
export const zhCN: MessageTable<SqliteErrorParams> = {
  STORE_NOT_A_DATABASE: (p) => `${s(p.file)} 不是可读取的 SQLite 数据库（${s(p.detail)}）`,
  STORE_FOREIGN_DATABASE: (p) =>
    `${s(p.file)} 不是 certflow 创建的 SQLite 数据库（包含表：${p.tables.join('、')}），请使用新文件`,
  STORE_SCHEMA_UNSUPPORTED: (p) =>
    `${s(p.file)} 的 certflow 数据结构版本为 ${s(p.found)}，本版本仅支持 ${s(p.supported)}，请升级 @certflow/store-sqlite`,
  STORE_BUSY: (p) =>
    `${s(p.file)} 在执行 ${s(p.operation)} 时被其他写入者锁定超过 ${s(p.busyTimeoutMs)} 毫秒，未写入任何内容，可重试`,
  STORE_READ_ONLY: (p) => `无法执行 ${s(p.operation)}：${s(p.file)} 上的事件存储以只读方式打开，未写入任何内容`,
  STORE_NO_EVENT_STORE: (p) => `${s(p.file)} 中没有 certflow 事件日志（${s(p.found)}）；只读打开不会创建任何内容`,
};
