import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRules, formatCertificateNumber, parseCertificateNumber, type ApplicantProfile } from '@certflow/core';
import { caseFacts, describeRulePack, loadRuleCases, screenWithEngine } from '@certflow/core/testing';
import { ZHONGJIUPEIHAN_2020_41 } from '@certflow/rulepack-national';
import shandong, { freeCertificateQuery } from './index.js';

const packDir = fileURLToPath(new URL('..', import.meta.url));
describeRulePack(shandong, {
  packDir,
  sourceDirs: [fileURLToPath(new URL('../../national/source', import.meta.url))],
  screen: screenWithEngine,
  nationalDocuments: [ZHONGJIUPEIHAN_2020_41],
});

const file = loadRuleCases(packDir);
const baseProfile = caseFacts(file, {
  name: 'base',
  asOf: '2020-05-20',
  expect: { outcome: 'needs-review' },
}) as ApplicantProfile;
const batchOf = (asOf: string, profile: ApplicantProfile) =>
  evaluateRules(shandong, profile, { asOf }).findings.find((f) => f.ruleId === 'first-batch-window')?.params?.batch;

describe('Shandong pack', () => {
  it('extends national, allows levels 5–3 and replaces the inherited level and access-type rules', () => {
    expect(shandong.parent?.id).toBe('national');
    expect(shandong.levels?.allowed).toEqual([5, 4, 3]);
    const ids = shandong.rules.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(['levels-allowed-shandong', 'not-access-type-shandong', 'standard-required']),
    );
    expect(ids).not.toContain('levels-allowed');
    expect(ids).not.toContain('not-access-type');
  });

  it('first batch: city applications up to 2020-06-15, provincial ones up to 2020-05-30, then continuing selection', () => {
    expect(batchOf('2020-06-14', baseProfile)).toBe('first');
    expect(batchOf('2020-06-15', baseProfile)).toBe('first');
    expect(batchOf('2020-06-16', baseProfile)).toBe('continuing');
    const provincial: ApplicantProfile = {
      ...baseProfile,
      submittedTo: 'province',
      organization: { ...baseProfile.organization, kind: 'enterprise', affiliation: 'provincial' },
    };
    expect(batchOf('2020-05-29', provincial)).toBe('first');
    expect(batchOf('2020-05-30', provincial)).toBe('first');
    expect(batchOf('2020-05-31', provincial)).toBe('continuing');
  });

  it('the city quota holds 2–8 organizations and buckets by city of registration', () => {
    const q = shandong.quotas.find((x) => x.id === 'organizations-per-city')!;
    expect([q.min, q.max]).toEqual([2, 8]);
    expect(
      q.buckets({
        ...baseProfile,
        organization: { ...baseProfile.organization, registeredIn: '370212' },
      } as ApplicantProfile),
    ).toEqual(['city:370200']);
    expect(q.buckets({ ...baseProfile, submittedTo: 'province' } as ApplicantProfile)).toEqual([]);
  });

  it('declares the 5-working-day plan lead time and results publicity as data', () => {
    const byId = Object.fromEntries(shandong.deadlines.map((d) => [d.id, d]));
    expect(byId['exam-plan-lead-time']).toMatchObject({
      kind: 'before',
      workingDays: 5,
      step: 'FileExamPlan',
      from: { event: 'ExamPlanned', field: 'examDate' },
    });
    expect(byId['results-publicity-period']).toMatchObject({
      kind: 'min-period',
      workingDays: 5,
      step: 'ConfirmResults',
    });
  });

  it('certificate numbers carry the province code 37', () => {
    const n = formatCertificateNumber({
      organizationType: 'S',
      organizationCode: '0001',
      provinceCode: shandong.certificateNumber!.provinceCode,
      siteSequence: '000001',
      year: 2020,
      level: 3,
      serial: 1,
    });
    expect(parseCertificateNumber(n).provinceCode).toBe('37');
  });

  it('the informative free-query clause is quoted verbatim', () => {
    const text = readFileSync(new URL('../source/lurenshezi-2020-50.txt', import.meta.url), 'utf8').replace(/\s+/g, '');
    expect(text.includes(freeCertificateQuery.text.replace(/\s+/g, ''))).toBe(true);
  });
});
