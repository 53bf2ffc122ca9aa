import { testRulePack } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { KNOWN_PACKS, loadKnownPacks, packSet, packsOf } from './packs.js';
import { testRulePackV2 } from './replayFixtures.js';

describe('rule packs for replay', () => {
  it('imports the packs certflow ships from their packages, by id', async () => {
    const packs = await loadKnownPacks(['national', 'shandong', 'fujian-fuzhou', 'shanghai', 'sichuan-technical-schools']);
    expect([...new Set(packs.map((p) => p.id))]).toEqual(['national', 'shandong', 'fujian-fuzhou', 'shanghai', 'sichuan-technical-schools']);
    // A pack module exports its released versions too (and the current pack carries them in releases).
    const fuzhou = packs.filter((p) => p.id === 'fujian-fuzhou').map((p) => p.version);
    expect(fuzhou).toEqual(expect.arrayContaining(['1.1.0', '1.0.0']));
    expect(packSet(packs).versions('fujian-fuzhou').sort()).toEqual(['1.0.0', '1.1.0']);
    expect(Object.keys(KNOWN_PACKS)).toEqual([
      'national',
      'shandong',
      'fujian-fuzhou',
      'shanghai',
      'sichuan-technical-schools',
      'national-industry-pilot',
    ]);
  });

  it('finds packs in a module: default, named and in arrays, once each', () => {
    expect(packsOf({ default: testRulePack, testRulePack, all: [testRulePack, testRulePackV2], other: 1 })).toEqual([testRulePack, testRulePackV2]);
  });

  it('a set knows every version of an id, and the parents of the packs it holds', () => {
    const set = packSet([testRulePackV2]);
    expect(set.versions('test-pack')).toEqual(['2.0.0', '1.0.0']);
    expect(set.find('test-pack', '1.0.0')?.hash).toBe(testRulePack.hash);
    expect(set.find('test-pack', '3.0.0')).toBeUndefined();
  });
});
