import { describe, expect, it } from 'vitest';
import { InvalidDateError, toLocalDate } from './index.js';

describe('toLocalDate', () => {
  it('reads instants in China time (UTC+8) whatever TZ the host has', () => {
    expect(toLocalDate(new Date('2020-10-08T20:00:00Z'))).toBe('2020-10-09');
    expect(toLocalDate(new Date('2020-10-08T15:59:59.999Z'))).toBe('2020-10-08');
    expect(toLocalDate('2020-10-08T20:00:00Z')).toBe('2020-10-09');
    expect(toLocalDate('2020-10-08T23:30:00+08:00')).toBe('2020-10-08');
    expect(toLocalDate('2020-10-08T23:30:00-07:00')).toBe('2020-10-09');
    expect(toLocalDate('2020-10-08T20:00Z')).toBe('2020-10-09');
    expect(toLocalDate('2020-03-08T10:00:00.123456+05:30')).toBe('2020-03-08');
  });

  it('passes a checked local date through', () => {
    expect(toLocalDate('2020-02-29')).toBe('2020-02-29');
    expect(() => toLocalDate('2020-02-30')).toThrow(InvalidDateError);
  });

  it('refuses an instant without a zone, which would be read in the host time zone', () => {
    expect(() => toLocalDate('2020-10-08T20:00:00')).toThrow(InvalidDateError);
    expect(() => toLocalDate('2020-10-08 20:00:00Z')).toThrow(InvalidDateError);
  });

  it('refuses impossible instants and other inputs', () => {
    expect(() => toLocalDate('2020-02-30T10:00:00Z')).toThrow(InvalidDateError);
    expect(() => toLocalDate('2020-10-08T25:00:00Z')).toThrow(InvalidDateError);
    expect(() => toLocalDate(new Date(Number.NaN))).toThrow(InvalidDateError);
    expect(() => toLocalDate(1602187200000 as never)).toThrow(InvalidDateError);
  });
});
