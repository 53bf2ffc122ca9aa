import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineRulePack, ValidationError } from '@certflow/core';
import { describeRulePack } from '@certflow/core/testing';
import national, { notAccessType } from './index.js';

describeRulePack(national, { packDir: fileURLToPath(new URL('..', import.meta.url)) });

describe('national pack as a base', () => {
  it('is the default export and allows all five levels', () => {
    expect(national.id).toBe('national');
    expect(national.levels?.allowed).toEqual([1, 2, 3, 4, 5]);
    expect(national.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an extending pack inherits its rules and must name what it overrides', () => {
    const base = { version: '1.0.0', title: 't', documents: [], jurisdiction: { name: '某市', code: '350100', level: 'city' as const } };
    const child = defineRulePack({ ...base, id: 'child', extends: national, rules: [] });
    expect(child.rules.map((r) => r.id)).toEqual(national.rules.map((r) => r.id));

    const implicit = () => defineRulePack({ ...base, id: 'child', extends: national, rules: [{ ...notAccessType }] });
    expect(implicit).toThrow(ValidationError);
    expect(implicit).toThrow(/replaces: 'not-access-type'/);

    const explicit = defineRulePack({
      ...base,
      id: 'child',
      extends: national,
      rules: [{ ...notAccessType, id: 'not-access-type-local', replaces: 'not-access-type' }],
    });
    expect(explicit.rules.map((r) => r.id)).toContain('not-access-type-local');
    expect(explicit.rules.map((r) => r.id)).not.toContain('not-access-type');

    const unknown = () => defineRulePack({ ...base, id: 'child', extends: national, rules: [{ ...notAccessType, id: 'x', replaces: 'no-such-rule' }] });
    expect(unknown).toThrow(/no-such-rule/);
  });

  it('a pack may narrow the roles of some commands only', () => {
    const base = { version: '1.0.0', title: 't', documents: [], jurisdiction: { name: '某市', code: '350100', level: 'city' as const } };
    const child = defineRulePack({ ...base, id: 'child', extends: national, rules: [], roles: { CompleteFiling: ['provincial-center'] } });
    expect(child.roles).toEqual({ CompleteFiling: ['provincial-center'] });
  });

  it('a malformed pack is refused at definition time with field paths', () => {
    const err = (() => {
      try {
        defineRulePack({ id: 'Bad Id', version: 'one', title: '', documents: [], jurisdiction: { name: 'x', code: '1', level: 'city' }, rules: [{ id: 'r', description: 'd', cite: { document: '', clause: '', text: '' }, evaluate: () => ({ outcome: 'pass' }) }] });
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    const paths = err!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'version', 'title', 'jurisdiction.code', 'rules.0.cite.document', 'rules.0.cite.clause', 'rules.0.cite.text']));
  });
});
