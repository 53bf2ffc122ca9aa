import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRules, type ApplicantProfile } from '@certflow/core';
import { caseFacts, describeRulePack, loadRuleCases, screenWithEngine } from '@certflow/core/testing';
import { ZHONGJIUPEIHAN_2020_41 } from '@certflow/rulepack-national';
import fujianFuzhou from './index.js';

const packDir = fileURLToPath(new URL('..', import.meta.url));
describeRulePack(fujianFuzhou, {
  packDir,
  sourceDirs: [fileURLToPath(new URL('../../national/source', import.meta.url))],
  screen: screenWithEngine,
  nationalDocuments: [ZHONGJIUPEIHAN_2020_41],
});

const file = loadRuleCases(packDir);
const baseProfile = caseFacts(file, {
  name: 'base',
  asOf: '2021-05-06',
  expect: { outcome: 'eligible' },
}) as ApplicantProfile;
const finding = (asOf: string, id: string, profile = baseProfile) =>
  evaluateRules(fujianFuzhou, profile, { asOf }).findings.find((f) => f.ruleId === id)!;

describe('Fuzhou pack', () => {
  it('extends national, keeps five levels, requires a national standard', () => {
    expect(fujianFuzhou.parent?.id).toBe('national');
    expect(fujianFuzhou.levels?.allowed).toEqual([1, 2, 3, 4, 5]);
    const ids = fujianFuzhou.rules.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(['national-standard-required', 'not-access-type-fuzhou', 'levels-allowed']),
    );
    expect(ids).not.toContain('standard-required');
  });

  it('first batch up to 2021-05-15, continuing intake after', () => {
    expect(finding('2021-05-14', 'first-batch-window').params?.batch).toBe('first');
    expect(finding('2021-05-15', 'first-batch-window').params?.batch).toBe('first');
    expect(finding('2021-05-16', 'first-batch-window').params?.batch).toBe('continuing');
  });

  it('filing valid 3 years, at most 2 organizations per occupation (one bucket per occupation)', () => {
    expect(fujianFuzhou.filingValidity?.years).toBe(3);
    const q = fujianFuzhou.quotas.find((x) => x.id === 'filings-per-occupation')!;
    expect(q.max).toBe(2);
    const two = {
      ...baseProfile,
      occupations: [baseProfile.occupations[0], { ...baseProfile.occupations[0], code: '6-18-01-02' }],
    };
    expect(q.buckets(two as ApplicantProfile)).toEqual(['occupation:6-18-01-01', 'occupation:6-18-01-02']);
  });

  it('declares the plan lead time (10 before the exam) and the results filing (within 10 after the end)', () => {
    const byId = Object.fromEntries(fujianFuzhou.deadlines.map((d) => [d.id, d]));
    expect(byId['exam-plan-lead-time']).toMatchObject({
      kind: 'before',
      workingDays: 10,
      step: 'FileExamPlan',
      from: { event: 'ExamPlanned', field: 'examDate' },
    });
    expect(byId['results-filing']).toMatchObject({
      kind: 'within',
      workingDays: 10,
      step: 'RecordResults',
      from: { event: 'ExamPlanned', field: 'examEndDate' },
    });
  });

  it('the question-bank failure names the occupation, level and field', () => {
    const p = structuredClone(baseProfile);
    p.occupations[0]!.questionBank!['4']!.theoryQuestions = 1199;
    const f = finding('2021-05-06', 'min-theory-questions', p);
    expect(f.outcome).toBe('fail');
    expect(f.path).toEqual(['occupations', 0, 'questionBank', '4', 'theoryQuestions']);
    expect(f.params).toMatchObject({ value: 1199, min: 1200, level: 4 });
  });
});
