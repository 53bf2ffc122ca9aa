import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '@certflow/core';
import { describeRulePack, loadRuleCases, screenWithEngine } from '@certflow/core/testing';
import shanghai, { REMOVAL_GROUNDS } from './index.js';

const packDir = fileURLToPath(new URL('..', import.meta.url));
const nationalSource = fileURLToPath(new URL('../../national/source', import.meta.url));

describeRulePack(shanghai, { packDir, sourceDirs: [nationalSource], screen: screenWithEngine });

describe('shanghai pack', () => {
  it('is the default export, extends the national base and allows AmendScope', () => {
    expect(shanghai.id).toBe('shanghai');
    expect(shanghai.parent?.id).toBe('national');
    expect(shanghai.jurisdiction.code).toBe('310000');
    expect(shanghai.disabledCommands ?? []).not.toContain('AmendScope');
    expect(shanghai.rules.some((r) => r.appliesTo === 'AmendScope')).toBe(true);
    expect(shanghai.rules.map((r) => r.id)).not.toContain('standard-required');
  });

  it('dates its schedule: catalog cut-off 2020-09-30, selection from 2020-11-18', () => {
    const schedule = shanghai.documents.flatMap((d) => d.schedule ?? []);
    expect(schedule.map((s) => [s.id, s.date])).toEqual([
      ['catalog-exit-cutoff', '2020-09-30'],
      ['selection-starts', '2020-11-18'],
    ]);
  });

  it('the removal grounds of 四（三） are quoted verbatim', () => {
    const text = readFileSync(new URL('../source/hurenshezhi-2020-439.txt', import.meta.url), 'utf8').replace(
      /\s+/g,
      '',
    );
    expect(text.includes(REMOVAL_GROUNDS.cite.text.replace(/\s+/g, ''))).toBe(true);
    for (const g of REMOVAL_GROUNDS.grounds) expect(REMOVAL_GROUNDS.cite.text).toContain(g.name);
  });

  it('a missing optional fact never throws: it is a review finding', () => {
    const profile = {
      organization: {
        name: 'x',
        uscc: '91310000MA1K123451',
        kind: 'enterprise',
        registeredIn: '310000',
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
        { code: '6-18-01-01', name: '车工', levels: [5], standard: 'national', accessType: false, evaluators: 3 },
      ],
      materials: [],
    };
    const d = evaluateRules(shanghai, profile, { asOf: '2020-12-01' });
    expect(d.findings.every((f) => !String(f.message ?? '').startsWith('rule raised'))).toBe(true);
    expect(d.outcome).toBe('needs-review');
  });
});

describe('shanghai releases', () => {
  it('1.1.0 keeps 1.0.0 loadable with the hashes its logs recorded', () => {
    expect(shanghai.version).toBe('1.1.1');
    const [v110, v100] = shanghai.releases;
    expect(v110?.version).toBe('1.1.0');
    expect(v100?.version).toBe('1.0.0');
    expect(v100?.hash).toBe('cab1112362fb7ec0fa0c0260b01c61f425f91511e48ee765fe34ce0623620f0a');
    expect(v100?.knownHashes).toContain('7fa2f2835129e842c9fbd5d9a4f3f5fc8cf7c8f9170fa5670ee6a5da0c520bce');
  });
  it('an occupation whose implementing body is unknown: 1.0.0 passed it, 1.1.0 sends it to review', () => {
    const { base } = loadRuleCases(packDir);
    const profile = structuredClone(base) as { occupations: Record<string, unknown>[] };
    delete profile.occupations[0]!.implementedByHrAuthorities;
    const scope = (p: typeof shanghai) =>
      evaluateRules(p, profile, { asOf: '2020-12-01' }).findings.find((f) => f.ruleId === 'occupation-scope')?.outcome;
    expect(scope(shanghai.releases.find((r) => r.version === '1.0.0')!)).toBe('pass');
    expect(scope(shanghai)).toBe('review');
  });
});
