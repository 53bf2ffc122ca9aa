import { describe, expect, it } from 'vitest';
import { allFacts, isLocalDate, optionalFact, perOccupation, worstOf, yesNoFact } from './ruleKit.js';
import { fail, pass, review } from './rulePack.js';

describe('rule kit', () => {
  it('optionalFact reads a key of an object, undefined otherwise', () => {
    expect(optionalFact({ a: 1 }, 'a')).toBe(1);
    expect(optionalFact({}, 'a')).toBeUndefined();
    expect(optionalFact(null, 'a')).toBeUndefined();
    expect(optionalFact('x', 'length')).toBeUndefined();
  });
  it('yesNoFact: true passes, false fails, anything else needs review', () => {
    expect(yesNoFact(true, ['p'], 'no', '?', 'yes')).toEqual({ outcome: 'pass', message: 'yes' });
    expect(yesNoFact(false, ['p'], 'no', '?')).toEqual({ outcome: 'fail', message: 'no', path: ['p'] });
    expect(yesNoFact(undefined, ['p'], 'no', '?')).toEqual({ outcome: 'review', message: '?', path: ['p'] });
    expect(yesNoFact('yes', ['p'], 'no', '?').outcome).toBe('review');
  });
  it('allFacts: a false fails at its path, a missing one asks an expert, all true pass', () => {
    const labels = { a: '甲', b: '乙' };
    expect(allFacts({ a: true, b: true }, ['capacity'], labels)).toEqual({ outcome: 'pass' });
    expect(allFacts({ a: true, b: false }, ['capacity'], labels)).toEqual({
      outcome: 'fail',
      message: '乙: 否',
      path: ['capacity', 'b'],
    });
    const r = allFacts({ a: true }, ['capacity'], labels);
    expect(r.outcome).toBe('review');
    expect(r.path).toEqual(['capacity', 'b']);
    expect(r.message).toContain('乙');
    expect(allFacts({ a: false }, ['capacity'], labels).outcome).toBe('fail');
  });
  it('worstOf and perOccupation: fail over review over pass', () => {
    expect(worstOf([pass(), review('r'), fail('f')])).toMatchObject({ outcome: 'fail', message: 'f' });
    expect(worstOf([pass(), review('r')])).toMatchObject({ outcome: 'review' });
    expect(worstOf([])).toEqual({ outcome: 'pass' });
    const occ = [{ code: '6-18-01-01' }, { code: '6-18-01-02' }] as never[];
    expect(perOccupation(occ, (_o, i) => (i === 1 ? fail('second') : pass()))).toMatchObject({
      outcome: 'fail',
      message: 'second',
    });
  });
  it('isLocalDate checks the shape', () => {
    expect(isLocalDate('2020-09-30')).toBe(true);
    expect(isLocalDate('2020-9-30')).toBe(false);
    expect(isLocalDate(20200930)).toBe(false);
  });
});
