import { describe, expect, it } from 'vitest';
import { evaluateRules } from '@certflow/core';
import { screenWithEngine, testProfile, testRulePack } from '@certflow/core/testing';

describe('screenWithEngine', () => {
  it('returns the decision the engine recorded, equal to evaluating the pack directly', async () => {
    const facts = { ...testProfile(), materials: [] };
    const c = { name: 'x', asOf: '2020-06-01', expect: { outcome: 'ineligible' as const } };
    const screened = await screenWithEngine(testRulePack, facts, c);
    expect(screened.outcome).toBe('ineligible');
    expect(screened).toEqual(JSON.parse(JSON.stringify(evaluateRules(testRulePack, facts, { asOf: '2020-06-01' }))));
  });
});
