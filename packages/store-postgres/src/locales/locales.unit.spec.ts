import { catalogueProblems } from '@certflow/core';
import { describe, expect, it } from 'vitest';
import { ReadOnlyStoreError } from '../readOnly.js';
import { postgresCatalogue } from './index.js';

describe("store-postgres's messages", () => {
  it('every code has a message in en and zh-CN reading the same params', () => {
    expect(catalogueProblems(postgresCatalogue)).toEqual([]);
  });

  it('an error finds its messages through itself, nothing registered on import', () => {
    const e = new ReadOnlyStoreError('audit', 'append');
    expect(e.format('zh-CN')).toContain('以只读方式打开');
    expect(e.message).toContain('was opened read-only');
  });
});
