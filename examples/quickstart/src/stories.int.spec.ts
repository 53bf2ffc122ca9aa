import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCertificateNumber, type ApplicationContext } from '@certflow/core';
import { sqliteStore } from '@certflow/store-sqlite';
import { runDemo } from './demo.js';
import { stories } from './stories/index.js';

const dir = mkdtempSync(join(tmpdir(), 'certflow-quickstart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What each region's story must end with: the province code in its certificate numbers and the clause of its refusal. */
const expected: Record<
  string,
  { province: string; refusal: { ruleId: string; clause: string }; validUntil: string | null }
> = {
  'national-industry-pilot': {
    province: '11',
    refusal: { ruleId: 'not-affiliated-unit', clause: '二（一）' },
    validUntil: null,
  },
  shandong: { province: '37', refusal: { ruleId: 'exam-plan-lead-time', clause: '四（一）' }, validUntil: null },
  'sichuan-technical-schools': {
    province: '51',
    refusal: { ruleId: 'quality-supervisor-every-session', clause: '附件4（三）' },
    validUntil: '2023-09-27',
  },
  shanghai: {
    province: '31',
    refusal: { ruleId: 'amended-occupations-in-scope', clause: '五（三）' },
    validUntil: '2023-12-20',
  },
  'fujian-fuzhou': {
    province: '35',
    refusal: { ruleId: 'exam-plan-lead-time', clause: '三（三）1' },
    validUntil: '2024-05-19',
  },
};

describe.each(stories.map((s) => [s.region, s] as const))('the %s story on its own SQLite file', (_region, story) => {
  it('files the organization, runs an exam to certificates, is refused once with the clause, and leaves a log that verifies', async () => {
    const want = expected[story.key];
    expect(want, `expectations for ${story.key}`).toBeDefined();
    const store = sqliteStore({ file: join(dir, `${story.key}.sqlite`) });
    try {
      const demo = await runDemo(store, () => {}, [story]);
      const [r] = demo.stories;
      expect(r!.application.state).toBe('filed.active');
      const filing = r!.application.context as ApplicationContext;
      expect(filing.filingNumber).toBeTruthy();
      expect(filing.organizationCode).toMatch(/^\d{4}$/);
      expect(filing.validUntil).toBe(want!.validUntil);
      expect(r!.exam.state).toBe('certificatesIssued');
      expect(r!.certificates.length).toBeGreaterThan(0);
      for (const n of r!.certificates) {
        expect(n).toHaveLength(22);
        expect(parseCertificateNumber(n).provinceCode).toBe(want!.province);
      }
      expect(r!.refusals.map((x) => x.clauses.map((c) => ({ ruleId: c.ruleId, clause: c.clause })))).toContainEqual([
        want!.refusal,
      ]);
      expect(demo.verify).toMatchObject({ ok: true, problems: [] });
      expect(demo.verify.events).toBe(demo.events);
    } finally {
      await store.close();
    }
  });
});
