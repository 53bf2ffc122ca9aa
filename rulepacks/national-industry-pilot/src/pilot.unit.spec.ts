import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRules, type ApplicantProfile } from '@certflow/core';
import { describeRulePack, loadRuleCases, screenWithEngine } from '@certflow/core/testing';
import pilot, { REGULATIONS } from './index.js';

const packDir = fileURLToPath(new URL('..', import.meta.url));
const nationalSource = fileURLToPath(new URL('../../national/source', import.meta.url));

describeRulePack(pilot, { packDir, sourceDirs: [nationalSource], screen: screenWithEngine });

describe('national-industry-pilot pack', () => {
  it('is the default export, national jurisdiction, extends the base', () => {
    expect(pilot.id).toBe('national-industry-pilot');
    expect(pilot.parent?.id).toBe('national');
    expect(pilot.jurisdiction).toEqual({ name: '全国', code: '000000', level: 'national' });
  });

  it('dates the schedule of 五 and 一', () => {
    const doc = pilot.documents.find((d) => d.number === '中就培函〔2020〕41号');
    expect(doc?.schedule?.map((s) => [s.id, s.date])).toEqual([
      ['plan-and-first-list', '2020-09-30'],
      ['branch-local-filing', '2020-10-10'],
      ['implementation-plan-and-publicity', '2020-11-20'],
      ['catalog-exit', '2020-12-31'],
    ]);
    expect(pilot.documents.filter((d) => d.number === '中就培函〔2020〕41号')).toHaveLength(1);
  });

  it('lists the twelve regulations by their exact names', () => {
    expect(REGULATIONS.map((r) => r.name)).toEqual([
      '考务管理办法',
      '考评人员管理办法',
      '试点及评价管理办法',
      '工作人员和考生违纪违规处理办法',
      '档案管理办法',
      '证书管理办法',
      '监督制度',
      '风险防控体系',
      '财务制度',
      '公示制度',
      '社会问责制度',
      '信息公开制度',
    ]);
  });

  it('two places per recommending department; industry organizations take none', () => {
    const quota = pilot.quotas.find((q) => q.id === 'two-per-department')!;
    expect(quota.max).toBe(2);
    const { base } = loadRuleCases(packDir);
    const profile = structuredClone(base) as ApplicantProfile;
    expect(quota.buckets(profile)).toEqual(['department:交通运输部']);
    delete profile.organization.recommendedBy;
    profile.organization.kind = 'industry-association';
    expect(quota.buckets(profile)).toEqual([]);
  });
});

describe('national-industry-pilot releases', () => {
  it('1.1.0 keeps 1.0.0 loadable; 1.0.0 let 2-02-10-09 through, 1.1.0 fails it', () => {
    expect(pilot.version).toBe('1.1.1');
    const [v110, v100] = pilot.releases;
    expect(v110?.version).toBe('1.1.0');
    expect(v100?.hash).toBe('d1022fd597723ae339f1fb460459f09f991d30eae4b846ae30436286ccc8bf50');
    expect(v100?.knownHashes).toContain('c0c14305f4af1c445c921dec8781b4e28b6fdbda2f8e5476bbbaec00dc45639d');
    const { base } = loadRuleCases(packDir);
    const profile = structuredClone(base) as { occupations: Record<string, unknown>[] };
    profile.occupations[0] = { ...profile.occupations[0], code: '2-02-10-09', name: '工程测量工程技术人员' };
    expect(evaluateRules(v100!, profile, { asOf: '2020-10-15' }).outcome).toBe('needs-review');
    expect(evaluateRules(pilot, profile, { asOf: '2020-10-15' }).outcome).toBe('ineligible');
  });
});
