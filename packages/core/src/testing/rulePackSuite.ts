import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicantProfileSchema, evaluateRules, renderPackSnapshot, type Decision, type RulePack } from '@certflow/core';
import { loadRuleCases, ownRules, caseFacts, type RuleCase } from './ruleCases.js';

export { loadRuleCases, caseFacts, ownRules } from './ruleCases.js';
export type { RuleCase, RuleCaseFile } from './ruleCases.js';

export interface RulePackSuiteOptions {
  /** The pack's folder: `source/` holds the notice texts, `test/cases.yaml` (or .json) the cases. */
  packDir: string;
  /** Further folders to look in for source texts of inherited documents (e.g. the parent pack's source/). */
  sourceDirs?: string[];
  /** Runs a case through the engine as a host would; when given, each case is checked this way too. */
  screen?: (pack: RulePack, facts: unknown, c: RuleCase) => Promise<Decision>;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The meta-test and case runner every rule pack runs:
 * - every own rule cites a document of the pack, and its `cite.text` occurs
 *   verbatim (whitespace aside) in that document's shipped text;
 *   likewise every deadline, quota, material, schedule date and levels clause;
 * - every own rule is exercised by at least one case;
 * - every case's profile is valid input, and its decision matches.
 */
export function describeRulePack(pack: RulePack, options: RulePackSuiteOptions): void {
  const dirs = [join(options.packDir, 'source'), ...(options.sourceDirs ?? [])];
  const textOf = (documentNumber: string): string | undefined => {
    const doc = pack.documents.find((d) => d.number === documentNumber);
    if (!doc) return undefined;
    for (const dir of dirs) {
      const f = join(dir, doc.source);
      if (existsSync(f)) return squash(readFileSync(f, 'utf8'));
    }
    return undefined;
  };
  const file = loadRuleCases(options.packDir);
  const own = ownRules(pack);

  describe(`rule pack ${pack.id}@${pack.version}`, () => {
    describe('citations occur verbatim in the shipped notices', () => {
      const cited: Array<[string, { document: string; clause: string; text: string }]> = [
        ...own.map((r) => [`rule ${r.id}`, r.cite] as [string, typeof r.cite]),
        ...pack.deadlines.filter((d) => !pack.parent?.deadlines.includes(d)).map((d) => [`deadline ${d.id}`, d.cite] as [string, typeof d.cite]),
        ...pack.quotas.filter((q) => !pack.parent?.quotas.includes(q)).map((q) => [`quota ${q.id}`, q.cite] as [string, typeof q.cite]),
        ...pack.materials.filter((m) => !pack.parent?.materials.includes(m)).map((m) => [`material ${m.id}`, m.cite] as [string, typeof m.cite]),
        ...pack.documents.flatMap((d) => (d.schedule ?? []).map((s) => [`schedule ${s.id}`, s.cite] as [string, typeof s.cite])),
        ...(pack.levels && pack.levels !== pack.parent?.levels ? [['levels', pack.levels.cite] as [string, typeof pack.levels.cite]] : []),
        ...(pack.certificateNumber && pack.certificateNumber !== pack.parent?.certificateNumber
          ? [['certificate number', pack.certificateNumber.cite] as [string, typeof pack.certificateNumber.cite]]
          : []),
        ...(pack.filingValidity && pack.filingValidity !== pack.parent?.filingValidity
          ? [['filing validity', pack.filingValidity.cite] as [string, typeof pack.filingValidity.cite]]
          : []),
      ];
      it('has something to cite', () => {
        expect(cited.length).toBeGreaterThan(0);
      });
      for (const [label, cite] of cited) {
        it(`${label}: ${cite.document} ${cite.clause}`, () => {
          const text = textOf(cite.document);
          expect(text, `${label} cites ${cite.document}, which the pack does not ship in source/`).toBeDefined();
          expect(text!.includes(squash(cite.text)), `${label}: 「${cite.text}」 is not in ${cite.document}`).toBe(true);
        });
      }
    });

    it('snapshot.md matches the pack (regenerate with `pnpm snapshots`)', () => {
      const file = join(options.packDir, 'snapshot.md');
      expect(existsSync(file), 'snapshot.md is missing: run `pnpm snapshots`').toBe(true);
      expect(readFileSync(file, 'utf8'), 'snapshot.md drifted from the pack: run `pnpm snapshots` and review the diff').toBe(renderPackSnapshot(pack));
    });

    describe('cases', () => {
      it('every own rule is exercised by a case', () => {
        const exercised = new Set(file.cases.flatMap((c) => [...(c.expect.fail ?? []), ...(c.expect.review ?? []), ...(c.covers ?? [])]));
        const untested = own.map((r) => r.id).filter((id) => !exercised.has(id));
        expect(untested, `rules without a case: ${untested.join(', ')}`).toEqual([]);
      });

      for (const c of file.cases) {
        it(`${c.name} (as of ${c.asOf})`, async () => {
          const facts = caseFacts(file, c);
          const command = c.command ?? 'SubmitApplication';
          if (command === 'SubmitApplication') {
            const parsed = applicantProfileSchema.safeParse(facts);
            expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
          }
          const decisions = [evaluateRules(pack, facts, { asOf: c.asOf, command })];
          if (options.screen) decisions.push(await options.screen(pack, facts, c));
          for (const decision of decisions) {
            const failing = decision.findings.filter((f) => f.outcome === 'fail').map((f) => f.ruleId).sort();
            const reviewing = decision.findings.filter((f) => f.outcome === 'review').map((f) => f.ruleId).sort();
            expect({ outcome: decision.outcome, fail: failing, review: reviewing }).toEqual({
              outcome: c.expect.outcome,
              fail: [...(c.expect.fail ?? [])].sort(),
              review: [...(c.expect.review ?? [])].sort(),
            });
            if (c.expect.clauses) {
              const clauses = decision.findings.filter((f) => f.outcome === 'fail').map((f) => f.cite.clause);
              expect([...new Set(clauses)].sort()).toEqual([...c.expect.clauses].sort());
            }
          }
        });
      }
    });
  });
}
