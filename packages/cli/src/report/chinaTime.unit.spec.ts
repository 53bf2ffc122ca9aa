import { describe, expect, it } from 'vitest';
import { chinaTime } from './chinaTime.js';

describe('chinaTime', () => {
  it('shows an instant in China time whatever the host zone', () => {
    expect(chinaTime('2020-10-08T20:00:00Z')).toBe('2020-10-09 04:00');
    expect(chinaTime('2020-05-20T10:00:00+08:00')).toBe('2020-05-20 10:00');
    expect(chinaTime('2020-12-31T16:30:00.000Z')).toBe('2021-01-01 00:30');
  });
  it('leaves what is not an instant as it is', () => {
    expect(chinaTime('not a time')).toBe('not a time');
  });
});
