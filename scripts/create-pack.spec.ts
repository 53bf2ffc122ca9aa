import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ValidationError,
  evaluateRules,
  findingCatalogueProblems,
  findingTranslator,
  type FindingCatalogue,
  type RulePack,
} from '@certflow/core';
import { describeRulePack, loadRuleCases, screenWithEngine } from '@certflow/core/testing';
import { PACK_SOURCE_FILES } from '../packages/cli/src/newPack/templates.js';
import { createPack, writeSnapshot } from './create-pack.js';

const rulepacks = fileURLToPath(new URL('../rulepacks', import.meta.url));
// A temp copy of the repo layout: <tmp>/tsconfig.base.json and <tmp>/rulepacks/<id>, as generated packs expect.
const tmp = mkdtempSync(join(tmpdir(), 'certflow-create-pack-'));
copyFileSync(fileURLToPath(new URL('../tsconfig.base.json', import.meta.url)), join(tmp, 'tsconfig.base.json'));
const into = join(tmp, 'rulepacks');
mkdirSync(into);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A made-up city under the national base, and one under a sibling pack whose registration rule it must replace.
const city = await createPack({ id: 'example-city', code: '350200', name: '样例市', into });
const cityPack = await writeSnapshot(city.dir);
const child = await createPack({ id: 'example-child', code: '350200', name: '样例市', extends: 'fujian-fuzhou', into });
const childPack = await writeSnapshot(child.dir);

describe('pnpm create-pack', () => {
  it('generates the whole file set of a pack', () => {
    for (const f of [
      'package.json',
      'tsup.config.ts',
      'tsconfig.json',
      'source/notice.txt',
      'src/digest.ts',
      'FIDELITY.md',
      ...PACK_SOURCE_FILES.map((f) => `src/${f}`),
      'src/rules/ch1-conditions.ts',
      'src/example-city.unit.spec.ts',
      'test/cases.yaml',
      'README.md',
      'snapshot.md',
      'LICENSE',
      'CHANGELOG.md',
    ]) {
      expect(existsSync(join(city.dir, f)), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(city.dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@certflow/rulepack-example-city');
    expect(pkg.dependencies).toEqual({ '@certflow/rulepack-national': 'workspace:*' });
    expect(pkg.peerDependencies).toEqual({ '@certflow/core': 'workspace:^' });
    expect(pkg.devDependencies).toEqual({ '@certflow/core': 'workspace:*' });
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md']));
    expect(pkg.exports['.'].require.types).toBe('./dist/index.d.cts');
  });

  it('the README quotes its sample from a docs snippet, as the docs check requires', () => {
    const readme = readFileSync(join(city.dir, 'README.md'), 'utf8');
    const block = /<!-- snippet: docs\/snippets\/rulepack-example-city\.ts#evaluate -->\n```ts\n([\s\S]*?)\n```/.exec(
      readme,
    )?.[1];
    expect(block).toBeDefined();
    const snippet = readFileSync(city.snippet, 'utf8');
    expect(city.snippet).toBe(join(tmp, 'docs', 'snippets', 'rulepack-example-city.ts'));
    expect(snippet).toBe(
      `// rulepacks/example-city/README.md\n// #region evaluate\n${block}\n// #endregion evaluate\n`,
    );
  });

  it('the generated pack exports its test base as an example profile, screened as its first case expects', async () => {
    for (const [dir, pack] of [
      [city.dir, cityPack],
      [child.dir, childPack],
    ] as const) {
      const mod = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as {
        exampleProfile: unknown;
        exampleAsOf: string;
      };
      const first = loadRuleCases(dir).cases[0]!;
      expect(mod.exampleAsOf).toBe(first.asOf);
      expect(evaluateRules(pack, mod.exampleProfile, { asOf: mod.exampleAsOf }).outcome).toBe(first.expect.outcome);
    }
  });

  it('the generated pack extends its parent and screens by registration', () => {
    expect(cityPack.id).toBe('example-city');
    expect(cityPack.parent?.id).toBe('national');
    expect(cityPack.jurisdiction).toEqual({ name: '样例市', code: '350200', level: 'city' });
    const base = {
      organization: {
        name: 'x',
        uscc: '52350200MJD123451J',
        kind: 'enterprise',
        registeredIn: '350203',
        independentLegalPerson: true,
        creditClean: true,
      },
      history: { consecutiveYears: 1, personTimesTotal: 1, personTimesEvaluated: 1 },
      capacity: {
        dedicatedDepartment: true,
        fullTimeStaff: 1,
        experts: 1,
        proctors: 1,
        supervisors: 1,
        videoMonitoring: true,
        notForProfit: true,
        stableFunding: true,
      },
      occupations: [
        { code: '6-18-01-01', name: '车工', levels: [5], standard: 'national', accessType: false, evaluators: 1 },
      ],
      materials: [],
    };
    expect(evaluateRules(cityPack, base, { asOf: '2021-06-01' }).outcome).toBe('eligible');
    const elsewhere = { ...base, organization: { ...base.organization, registeredIn: '350100' } };
    expect(
      evaluateRules(cityPack, elsewhere, { asOf: '2021-06-01' })
        .findings.filter((f) => f.outcome === 'fail')
        .map((f) => f.ruleId),
    ).toEqual(['registered-in-example-city']);
  });

  it("the generated pack's findings have texts in both languages (src/locales, outside its digest)", async () => {
    const { findings } = (await import(pathToFileURL(join(city.dir, 'src', 'locales', 'index.ts')).href)) as {
      findings: FindingCatalogue;
    };
    expect(findings.id).toBe('example-city');
    expect(findingCatalogueProblems(findings)).toEqual([]);
    const base = loadRuleCases(city.dir).base as { organization: Record<string, unknown> };
    const elsewhere = { ...base, organization: { ...base.organization, registeredIn: '110000' } };
    const failed = evaluateRules(cityPack, elsewhere, { asOf: '2021-06-01' }).findings.find(
      (f) => f.ruleId === 'registered-in-example-city',
    );
    expect(failed?.message).toBeDefined();
    expect(findingTranslator([findings])(failed!.message!, 'en')).toBe('registered in 110000, outside 样例市');
  });

  it('under a sibling pack, the new registration rule replaces the inherited one', () => {
    const ids = childPack.rules.map((r) => r.id);
    expect(ids).toContain('registered-in-example-child');
    expect(ids).not.toContain('registered-in-fuzhou');
  });

  it('refuses a bad id, code or parent naming each option, and writes nothing', async () => {
    const err = await createPack({ id: 'Bad_Id', code: '12', extends: 'no-such-pack', into }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path.join('.')).sort()).toEqual(['code', 'extends', 'id']);
    expect(existsSync(join(into, 'Bad_Id'))).toBe(false);
    await expect(createPack({ id: 'example-city', code: '350200', into })).rejects.toThrow(/already exists/);
  });
});

// The generated packs pass the same meta-test and cases every pack runs.
const sourceDirs = (parent: string) => [join(rulepacks, 'national', 'source'), join(rulepacks, parent, 'source')];
describeRulePack(cityPack as RulePack, {
  packDir: city.dir,
  sourceDirs: sourceDirs('national'),
  screen: screenWithEngine,
});
describeRulePack(childPack as RulePack, {
  packDir: child.dir,
  sourceDirs: sourceDirs('fujian-fuzhou'),
  screen: screenWithEngine,
});
