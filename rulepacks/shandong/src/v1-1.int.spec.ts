// shandong 1.1.0: what the clause-by-clause re-audit found, through engine.execute,
// decided otherwise under the released 1.0.0 (kept for replay).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  memoryStore,
  type Command,
  type Decision,
  type RulePack,
  type ApplicantProfile,
} from '@certflow/core';
import { caseFacts, loadRuleCases, testCalendar } from '@certflow/core/testing';
import shandong from './index.js';

const file = loadRuleCases(fileURLToPath(new URL('..', import.meta.url)));
const base = caseFacts(file, {
  name: 'base',
  asOf: '2020-05-20',
  expect: { outcome: 'needs-review' },
}) as ApplicantProfile;

async function submit(pack: RulePack, profile: Record<string, unknown>): Promise<Decision> {
  const engine = createEngine({
    store: memoryStore(),
    rulePacks: [pack],
    calendar: testCalendar(),
    clock: () => new Date('2020-05-20T10:00:00+08:00'),
  });
  const r = await engine.execute({
    commandId: 'c1',
    streamId: 'application-sd-1',
    type: 'SubmitApplication',
    actor: { id: 'org-sd', role: 'applicant' },
    payload: { ...profile, rulePack: 'shandong' },
  } as Command);
  return (r.events[0]!.data as unknown as { decision: Decision }).decision;
}
const channel = (d: Decision) => d.findings.find((f) => f.ruleId === 'application-channel')!;

describe('shandong 1.1.0', () => {
  it('keeps 1.0.0 released with the hash it had, and is the version new applications get', () => {
    expect(shandong.version).toBe('1.1.1');
    const [v110, v100] = shandong.releases;
    expect(v110?.version).toBe('1.1.0');
    expect(v100?.version).toBe('1.0.0');
    expect(v100?.hash).toBe('5a2dff54b607ba40e02605bbfd6d792f8c881b5fe09f7ec420a2c0dca0b407f7');
    expect(v100?.knownHashes).toEqual(
      expect.arrayContaining([
        'a9489a6db7b8b1df64709798587e17a51a9f31834bb1026201c699290c1bc1c6',
        '25b8c7f0358536448954564c82183ae86927eabfd40a37ecf954ef2c05aee60c',
        '5f3c4303c38d0e136c706024fcdd424bd592802dc4d4c8a2d46a704ffd9561d6',
      ]),
    );
  });

  it('三（二）1: only 省属企业、行业协会、院校 may apply at the province — a provincial public institution is not passed there but goes to the expert', async () => {
    const profile = {
      ...base,
      organization: { ...base.organization, kind: 'public-institution', affiliation: 'provincial' },
      submittedTo: 'province',
    };
    const now = channel(await submit(shandong, profile));
    expect(now).toMatchObject({ outcome: 'review', path: ['organization', 'kind'] });
    expect(now.message).toContain('省属企业、行业协会、院校');
    // 1.0.0 passed it: any kind with a provincial affiliation could apply at the province.
    expect(channel(await submit(shandong.releases.find((r) => r.version === '1.0.0')!, profile)).outcome).toBe('pass');
  });

  it('三（二）1: a provincial enterprise, association or school still applies at the province', async () => {
    for (const kind of ['enterprise', 'industry-association', 'university', 'vocational-college', 'technical-school']) {
      const profile = {
        ...base,
        organization: { ...base.organization, kind, affiliation: 'provincial', selfEvaluationQualified: true },
        submittedTo: 'province',
      };
      expect(channel(await submit(shandong, profile)).outcome, kind).toBe('pass');
    }
  });
});
