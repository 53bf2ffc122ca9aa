import { catalogueProblems } from '@certflow/core';
import { describe, expect, it } from 'vitest';
import { StoreClosedError } from '../errors.js';
import { sqliteCatalogue } from './index.js';

describe("store-sqlite's messages", () => {
  it('every code has a message in en and zh-CN reading the same params', () => {
    expect(catalogueProblems(sqliteCatalogue)).toEqual([]);
  });

  it('an error finds its messages through itself, nothing registered on import', () => {
    const e = new StoreClosedError('a.sqlite', 'append');
    expect(e.format('zh-CN')).toBe('无法执行 append：a.sqlite 上的事件存储已关闭');
    expect(e.message).toBe('cannot append: the store on a.sqlite is closed');
  });
});
