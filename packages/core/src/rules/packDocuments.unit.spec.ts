import { describe, expect, it } from 'vitest';
import { defineRulePack } from './rulePack.js';

const doc = (number: string, extra: object = {}) => ({
  number,
  title: 't',
  issuer: 'i',
  issued: '2020-01-01',
  source: 's.txt',
  ...extra,
});
const base = {
  version: '1.0.0',
  title: 't',
  jurisdiction: { name: '全国', code: '000000', level: 'national' as const },
  rules: [],
};

describe('documents of an extending pack', () => {
  it("a child's document with a parent's number replaces it in place; others are appended", () => {
    const parent = defineRulePack({ ...base, id: 'parent', documents: [doc('A'), doc('B')] });
    const cite = { document: 'B', clause: '五', text: '九月底前' };
    const child = defineRulePack({
      ...base,
      id: 'child',
      extends: parent,
      documents: [doc('C'), doc('B', { schedule: [{ id: 'plan-due', date: '2020-09-30', description: 'd', cite }] })],
    });
    expect(child.documents.map((d) => d.number)).toEqual(['A', 'B', 'C']);
    expect(child.documents[1]!.schedule?.[0]?.date).toBe('2020-09-30');
    expect(parent.documents[1]!.schedule).toBeUndefined();
  });
});
