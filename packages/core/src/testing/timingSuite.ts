import { describe, expect, it } from 'vitest';
import type { RulePack, WorkingDayCalendar } from '@certflow/core';
import { loadRuleCases } from './ruleCases.js';
import { runDeadlineCase, runQuotaCase } from './timingCases.js';

export interface TimingSuiteOptions {
  /** The pack's folder (its `test/cases.yaml` holds the `deadlines` and `quotas` cases). */
  packDir: string;
  /** The calendar the engine counts working days with: `createChinaCalendar()` from `@certflow/calendar`. */
  calendar: WorkingDayCalendar;
}

/**
 * Runs a pack's deadline and quota cases through the engine: each deadline
 * case files the base profile, plans an exam for `examDate` and files the plan
 * on `filedOn`; each quota case files `filings` organizations like the base.
 * The outcome (`ok`, or `refused` by a RuleViolationError naming the deadline
 * or quota) must be the one the case states.
 */
export function describeTimingCases(pack: RulePack, options: TimingSuiteOptions): void {
  const file = loadRuleCases(options.packDir);
  const deadlines = file.deadlines ?? [];
  const quotas = file.quotas ?? [];
  if (deadlines.length === 0 && quotas.length === 0) return;
  describe(`deadline and quota cases of ${pack.id}`, () => {
    for (const c of deadlines) {
      it(`${c.name} (exam ${c.examDate}, plan filed ${c.filedOn}): ${c.expect}`, async () => {
        if (c.deadline !== undefined)
          expect(
            pack.deadlines.map((d) => d.id),
            `the pack has no deadline ${c.deadline}`,
          ).toContain(c.deadline);
        const r = await runDeadlineCase(pack, file, c, options.calendar);
        expect(r.outcome).toBe(c.expect);
        if (c.expect === 'refused' && c.deadline !== undefined) expect(r.refusedBy).toContain(c.deadline);
      });
    }
    for (const c of quotas) {
      it(`${c.name} (${c.filings} filings): ${c.expect}`, async () => {
        if (c.quota !== undefined)
          expect(
            pack.quotas.map((q) => q.id),
            `the pack has no quota ${c.quota}`,
          ).toContain(c.quota);
        const r = await runQuotaCase(pack, file, c, options.calendar);
        expect(r.outcome).toBe(c.expect);
        if (c.expect === 'refused' && c.quota !== undefined) expect(r.refusedBy).toContain(c.quota);
      });
    }
  });
}
