import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineRulePack, ValidationError } from '@certflow/core';
import { describeRulePack } from '@certflow/core/testing';
import { screenWithEngine } from '@certflow/core/testing';
import national, { exampleProfile, national_1_0_0, notAccessType } from './index.js';

describeRulePack(national, { packDir: fileURLToPath(new URL('..', import.meta.url)) });

describe('national 1.1.0 and the released 1.0.0', () => {
  const facts = { ...exampleProfile, occupations: [{ ...exampleProfile.occupations[0]!, standard: 'none' as const }] };
  const cites = async (pack: typeof national) => {
    const decision = await screenWithEngine(pack, facts, {
      name: 'x',
      asOf: '2020-06-01',
      expect: { outcome: 'ineligible' },
    });
    return Object.fromEntries(decision.findings.map((f) => [f.ruleId, `${f.cite.document} ${f.cite.clause}`]));
  };
  it('1.1.0 cites national documents where 1.0.0 cited two provincial notices', async () => {
    expect(national.version).toBe('1.1.1');
    expect(await cites(national)).toEqual({
      'levels-allowed': '人社部发〔2019〕90号 （原文未收录）',
      'not-access-type': '中就培函〔2020〕41号 二（二）',
      'standard-required': '中就培函〔2020〕41号 四（二）',
    });
    expect(await cites(national_1_0_0)).toEqual({
      'levels-allowed': '川人社办发〔2020〕20号 三',
      'not-access-type': '中就培函〔2020〕41号 二（二）',
      'standard-required': '鲁人社字〔2020〕50号 二',
    });
  });
  it('keeps 1.0.0 loadable with the hash it had', () => {
    expect(national.releases.map((r) => r.version)).toEqual(['1.1.0', '1.0.0']);
    expect(national_1_0_0.hash).toBe('3dd19d8532e030f9308b266d3afed7c6701aca028d91791a7146bfbcab98156d');
    expect(national_1_0_0.knownHashes).toContain('9a89a3ce640e81682ee91d52556acf6aa00c79607c7604ee87fa0495a925c924');
  });
});

describe('national pack as a base', () => {
  it('is the default export and allows all five levels', () => {
    expect(national.id).toBe('national');
    expect(national.levels?.allowed).toEqual([1, 2, 3, 4, 5]);
    expect(national.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an extending pack inherits its rules and must name what it overrides', () => {
    const base = {
      version: '1.0.0',
      title: 't',
      documents: [],
      jurisdiction: { name: '某市', code: '350100', level: 'city' as const },
    };
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

    const unknown = () =>
      defineRulePack({
        ...base,
        id: 'child',
        extends: national,
        rules: [{ ...notAccessType, id: 'x', replaces: 'no-such-rule' }],
      });
    expect(unknown).toThrow(/no-such-rule/);
  });

  it('a pack may narrow the roles of some commands only', () => {
    const base = {
      version: '1.0.0',
      title: 't',
      documents: [],
      jurisdiction: { name: '某市', code: '350100', level: 'city' as const },
    };
    const child = defineRulePack({
      ...base,
      id: 'child',
      extends: national,
      rules: [],
      roles: { CompleteFiling: ['provincial-center'] },
    });
    expect(child.roles).toEqual({ CompleteFiling: ['provincial-center'] });
  });

  it('a malformed pack is refused at definition time with field paths', () => {
    const err = (() => {
      try {
        defineRulePack({
          id: 'Bad Id',
          version: 'one',
          title: '',
          documents: [],
          jurisdiction: { name: 'x', code: '1', level: 'city' },
          rules: [
            {
              id: 'r',
              description: 'd',
              cite: { document: '', clause: '', text: '' },
              evaluate: () => ({ outcome: 'pass' }),
            },
          ],
        });
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    const paths = err!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'version',
        'title',
        'jurisdiction.code',
        'rules.0.cite.document',
        'rules.0.cite.clause',
        'rules.0.cite.text',
      ]),
    );
  });
});
