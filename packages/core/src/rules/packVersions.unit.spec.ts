import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/createEngine.js';
import { packRegistry } from '../engine/packRegistry.js';
import { memoryStore } from '../memoryStore.js';
import { testProfile, testRulePack } from '../testing/fixtures.js';
import { ValidationError } from '../errors.js';
import {
  compareVersions,
  defineRulePack,
  evaluateRules,
  fail,
  releaseOf,
  type RulePackDefinition,
} from './rulePack.js';

const DIGEST = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const cite = { document: 'certflow 测试规则', clause: '五', text: '有效期3年' };

/** A definition like the test pack's, as a pack module would hold it. */
const definition = (over: Partial<RulePackDefinition> = {}): RulePackDefinition => ({
  id: 'versioned',
  version: '1.1.0',
  title: testRulePack.title,
  documents: testRulePack.documents,
  jurisdiction: testRulePack.jurisdiction,
  levels: testRulePack.levels,
  rules: testRulePack.rules,
  sourceDigest: DIGEST,
  ...over,
});

describe('pack identity', () => {
  it('with a source digest, the hash does not depend on the text of the functions', () => {
    const a = defineRulePack(definition());
    // The same rules as another build would emit them: other function text, same behaviour.
    const rebuilt = defineRulePack(
      definition({
        rules: testRulePack.rules.map((r) => ({ ...r, evaluate: (f: unknown, c: never) => r.evaluate(f, c) })),
      }),
    );
    expect(rebuilt.hash).toBe(a.hash);
    expect(defineRulePack(definition({ sourceDigest: OTHER })).hash).not.toBe(a.hash);
  });

  it('without one, it falls back to the function text (so a pack defined inline is still identified)', () => {
    const { sourceDigest: _d, ...rest } = definition();
    const a = defineRulePack(rest);
    const b = defineRulePack({
      ...rest,
      rules: testRulePack.rules.map((r) => ({ ...r, evaluate: (f: unknown, c: never) => r.evaluate(f, c) })),
    });
    expect(b.hash).not.toBe(a.hash);
  });

  it('data still counts: a citation or a threshold in data changes the hash under the same digest', () => {
    const a = defineRulePack(definition());
    const recited = defineRulePack(
      definition({
        rules: testRulePack.rules.map((r, i) => (i === 0 ? { ...r, cite: { ...r.cite, clause: '九十九' } } : r)),
      }),
    );
    expect(recited.hash).not.toBe(a.hash);
  });

  it('knownHashes by version: the entry of the pack version is taken, after its own hash', () => {
    const p = defineRulePack(definition({ knownHashes: { '1.1.0': [OTHER], '1.0.0': ['c'.repeat(64)] } }));
    expect(p.knownHashes).toEqual([p.hash, OTHER]);
    expect(defineRulePack(definition({ knownHashes: [OTHER] })).knownHashes).toEqual([expect.any(String), OTHER]);
    expect(() => defineRulePack(definition({ knownHashes: ['not-a-hash'] }))).toThrow(ValidationError);
  });
});

describe('released versions', () => {
  const credit = testRulePack.rules.find((r) => r.id === 'credit-clean')!;
  // 1.1.0 made credit-clean stricter and added a rule; 1.0.0 had the lenient credit rule and not the new one.
  const strictCredit = { ...credit, evaluate: () => fail('stricter since 1.1.0') };
  const added = { id: 'new-in-1-1', description: '新规则', cite, evaluate: () => fail('new in 1.1.0') };
  const current = definition({ rules: [...testRulePack.rules.filter((r) => r !== credit), strictCredit, added] });
  const v100 = releaseOf(current, {
    version: '1.0.0',
    rules: [credit],
    withoutRules: ['new-in-1-1'],
    sourceDigest: OTHER,
    knownHashes: { '1.0.0': ['c'.repeat(64)] },
  });
  const pack = defineRulePack({ ...current, releases: [v100] });

  it('a release is the current definition with the old implementations of exactly the rules that changed', () => {
    expect(v100.version).toBe('1.0.0');
    expect(v100.rules.map((r) => r.id).sort()).toEqual(testRulePack.rules.map((r) => r.id).sort());
    expect(v100.rules.find((r) => r.id === 'credit-clean')).toBe(credit);
    expect(v100.knownHashes).toEqual([v100.hash, 'c'.repeat(64)]);
    expect(evaluateRules(v100, testProfile(), { asOf: '2020-06-01' }).outcome).toBe('eligible');
    expect(evaluateRules(pack, testProfile(), { asOf: '2020-06-01' }).outcome).toBe('ineligible');
    expect(pack.releases).toEqual([v100]);
  });

  it('the engine decides new applications under the current version and goes on with a stream under the release it was filed with', async () => {
    const engine = createEngine({
      store: memoryStore(),
      rulePacks: [pack],
      clock: () => new Date('2020-06-01T02:00:00Z'),
    });
    const r = await engine.execute({
      commandId: 'c1',
      streamId: 'application-v1',
      type: 'SubmitApplication',
      actor: { id: 'org-1', role: 'applicant' },
      payload: { rulePack: 'versioned', ...testProfile() },
    } as never);
    expect((r.decision as { rulePack: { version: string } }).rulePack.version).toBe('1.1.0');
    const registry = packRegistry([pack]);
    expect(registry.byId('versioned')).toBe(pack);
    expect(registry.resolve({ id: 'versioned', version: '1.0.0' })).toBe(v100);
    expect(registry.ids()).toEqual(['versioned@1.1.0', 'versioned@1.0.0']);
  });

  it('a release must be another version of the same pack, each once', () => {
    expect(() => defineRulePack({ ...current, releases: [testRulePack] })).toThrow(ValidationError);
    expect(() => defineRulePack({ ...current, releases: [v100, v100] })).toThrow(ValidationError);
    expect(() => defineRulePack({ ...current, releases: [defineRulePack(current)] })).toThrow(ValidationError);
  });

  it('orders versions numerically', () => {
    expect(['1.10.0', '1.9.0', '1.0.0-rc.1', '1.0.0', '2.0.0'].sort(compareVersions)).toEqual([
      '1.0.0-rc.1',
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ]);
  });
});

describe('citations of inherited rules', () => {
  const child = (citations: Record<string, typeof cite>) =>
    defineRulePack({ ...definition({ id: 'child', rules: [] }), extends: testRulePack, citations });

  it('re-cites an inherited rule to the pack’s own clause, keeping its logic', () => {
    const c = child({ 'credit-clean': cite });
    const rule = c.rules.find((r) => r.id === 'credit-clean')!;
    expect(rule.cite).toEqual(cite);
    expect(rule.evaluate).toBe(testRulePack.rules.find((r) => r.id === 'credit-clean')!.evaluate);
    const finding = evaluateRules(c, testProfile(), { asOf: '2020-06-01' }).findings.find(
      (f) => f.ruleId === 'credit-clean',
    )!;
    expect(finding.cite).toEqual(cite);
  });

  it('refuses a citation of a rule the pack does not inherit', () => {
    expect(() => child({ 'no-such-rule': cite })).toThrow(ValidationError);
  });
});
