import { testRulePack } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../testFixtures.js';
import { discoverPacks, loadKnownPacks, packIdOfName, packSet, packsOf } from './packs.js';

const root = resolve(import.meta.dirname, '../../../..');
const SHIPPED = [
  'fujian-fuzhou',
  'national',
  'national-industry-pilot',
  'shandong',
  'shanghai',
  'sichuan-technical-schools',
];
import { testRulePackV2 } from './replayFixtures.js';

describe('rule packs for replay', () => {
  it('imports the packs certflow ships from their packages, by id', async () => {
    const packs = await loadKnownPacks([
      'national',
      'shandong',
      'fujian-fuzhou',
      'shanghai',
      'sichuan-technical-schools',
    ]);
    expect([...new Set(packs.map((p) => p.id))].sort()).toEqual([
      'fujian-fuzhou',
      'national',
      'shandong',
      'shanghai',
      'sichuan-technical-schools',
    ]);
    // A pack module exports its released versions too (and the current pack carries them in releases).
    const fuzhou = packs.filter((p) => p.id === 'fujian-fuzhou').map((p) => p.version);
    expect(fuzhou).toEqual(expect.arrayContaining(['1.1.1', '1.1.0', '1.0.0']));
    expect(packSet(packs).versions('fujian-fuzhou').sort()).toEqual(['1.0.0', '1.1.0', '1.1.1']);
  });

  it('discovers the packs of a checkout (rulepacks/*) and those installed beside the CLI, with no list kept by hand', () => {
    const inCheckout = discoverPacks({
      cwd: join(root, 'packages'),
      cliDir: join(root, 'packages', 'cli', 'src', 'replay'),
    });
    expect(inCheckout.filter((p) => SHIPPED.includes(p.id)).map((p) => [p.id, p.name, p.from])).toEqual(
      SHIPPED.map((id) => [id, `@certflow/rulepack-${id}`, 'checkout']),
    );
    // Outside a checkout: an installed project's node_modules, scoped and unscoped names, other packages ignored.
    const project = tempDir();
    const pkg = (dir: string, name: string) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name }));
    };
    pkg(join(project, 'node_modules', '@certflow', 'cli'), '@certflow/cli');
    pkg(join(project, 'node_modules', '@certflow', 'core'), '@certflow/core');
    pkg(join(project, 'node_modules', '@acme', 'certflow-rulepack-hubei-wuhan'), '@acme/certflow-rulepack-hubei-wuhan');
    pkg(join(project, 'node_modules', 'certflow-rulepack-hubei'), 'certflow-rulepack-hubei');
    pkg(join(project, 'node_modules', 'left-pad'), 'left-pad');
    symlinkSync(join(root, 'rulepacks', 'shandong'), join(project, 'node_modules', '@certflow', 'rulepack-shandong'));
    const cliDir = join(project, 'node_modules', '@certflow', 'cli', 'dist');
    mkdirSync(cliDir);
    expect(discoverPacks({ cwd: tempDir(), cliDir }).map((p) => [p.id, p.name, p.from])).toEqual([
      ['hubei', 'certflow-rulepack-hubei', 'node_modules'],
      ['hubei-wuhan', '@acme/certflow-rulepack-hubei-wuhan', 'node_modules'],
      ['shandong', '@certflow/rulepack-shandong', 'node_modules'],
    ]);
    // Found from the folder the CLI runs in, too.
    expect(discoverPacks({ cwd: join(project, 'sub'), cliDir: tempDir() }).map((p) => p.id)).toEqual([
      'hubei',
      'hubei-wuhan',
      'shandong',
    ]);
  });

  it('a pack package name is @certflow/rulepack-<id>, certflow-rulepack-<id> or @<scope>/certflow-rulepack-<id>', () => {
    expect(
      [
        '@certflow/rulepack-fujian-fuzhou',
        'certflow-rulepack-hubei',
        '@acme/certflow-rulepack-x1',
        '@certflow/core',
        '@acme/rulepack-x',
        'rulepack-x',
        '@certflow/rulepack-Bad',
      ].map(packIdOfName),
    ).toEqual(['fujian-fuzhou', 'hubei', 'x1', undefined, undefined, undefined, undefined]);
  });

  it('finds packs in a module: default, named and in arrays, once each', () => {
    expect(packsOf({ default: testRulePack, testRulePack, all: [testRulePack, testRulePackV2], other: 1 })).toEqual([
      testRulePack,
      testRulePackV2,
    ]);
  });

  it('a set knows every version of an id, and the parents of the packs it holds', () => {
    const set = packSet([testRulePackV2]);
    expect(set.versions('test-pack')).toEqual(['2.0.0', '1.0.0']);
    expect(set.find('test-pack', '1.0.0')?.hash).toBe(testRulePack.hash);
    expect(set.find('test-pack', '3.0.0')).toBeUndefined();
  });
});
