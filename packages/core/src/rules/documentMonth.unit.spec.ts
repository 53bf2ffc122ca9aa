import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { defineRulePack } from './rulePack.js';

const base = {
  version: '1.0.0',
  title: 't',
  jurisdiction: { name: '全国', code: '000000', level: 'national' as const },
  rules: [],
};
const withIssued = (issued: string) =>
  defineRulePack({ ...base, id: 'p', documents: [{ number: 'A', title: 't', issuer: 'i', issued, source: 's.txt' }] });

describe('a document dated to the month only (「2020年1月  日」)', () => {
  it('keeps YYYY-MM as printed instead of inventing a day', () => {
    expect(withIssued('2020-01').documents[0]!.issued).toBe('2020-01');
    expect(withIssued('2020-01-15').documents[0]!.issued).toBe('2020-01-15');
  });
  it('keeps YYYY for a document known only by its number (人社部发〔2019〕90号)', () => {
    expect(withIssued('2019').documents[0]!.issued).toBe('2019');
  });
  it('refuses what is neither a date nor a month', () => {
    for (const bad of ['2020-13', '2020-1', '202', '20201', '2020-02-30'])
      expect(() => withIssued(bad), bad).toThrow(ValidationError);
  });
});
