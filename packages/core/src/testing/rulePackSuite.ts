import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applicantProfileSchema,
  evaluateRules,
  renderPackSnapshot,
  type Decision,
  type RulePack,
} from '@certflow/core';
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
  /**
   * The national documents the pack may cite besides its own notices (e.g.
   * ['中就培函〔2020〕41号']). When given, the suite checks that no rule,
   * deadline, quota, material, levels, validity or numbering clause of the
   * pack — inherited ones included — cites another region's notice.
   */
  nationalDocuments?: string[];
}

/**
 * Where a pack cites a document that is neither its own (declared by the
 * pack itself, not inherited) nor a national one (`level: 'national'` or
 * listed): a finding of a Fuzhou filing must not quote Sichuan's notice.
 * Returns `label: document` for each.
 */
export function foreignCitations(pack: RulePack, nationalDocuments: readonly string[] = []): string[] {
  const inherited = new Set(pack.parent?.documents ?? []);
  const allowed = new Set([
    ...pack.documents.filter((d) => !inherited.has(d)).map((d) => d.number),
    ...pack.documents.filter((d) => d.level === 'national').map((d) => d.number),
    ...nationalDocuments,
  ]);
  const cited: [string, { document: string }][] = [
    ...pack.rules.map((r) => [`rule ${r.id}`, r.cite] as [string, { document: string }]),
    ...pack.deadlines.map((d) => [`deadline ${d.id}`, d.cite] as [string, { document: string }]),
    ...pack.quotas.map((q) => [`quota ${q.id}`, q.cite] as [string, { document: string }]),
    ...pack.materials.map((m) => [`material ${m.id}`, m.cite] as [string, { document: string }]),
    ...(pack.levels ? [['levels', pack.levels.cite] as [string, { document: string }]] : []),
    ...(pack.filingValidity ? [['filing validity', pack.filingValidity.cite] as [string, { document: string }]] : []),
    ...(pack.certificateNumber
      ? [['certificate number', pack.certificateNumber.cite] as [string, { document: string }]]
      : []),
  ];
  return cited.filter(([, c]) => !allowed.has(c.document)).map(([label, c]) => `${label}: ${c.document}`);
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
        ...pack.deadlines
          .filter((d) => !pack.parent?.deadlines.includes(d))
          .map((d) => [`deadline ${d.id}`, d.cite] as [string, typeof d.cite]),
        ...pack.quotas
          .filter((q) => !pack.parent?.quotas.includes(q))
          .map((q) => [`quota ${q.id}`, q.cite] as [string, typeof q.cite]),
        ...pack.materials
          .filter((m) => !pack.parent?.materials.includes(m))
          .map((m) => [`material ${m.id}`, m.cite] as [string, typeof m.cite]),
        ...pack.documents.flatMap((d) =>
          (d.schedule ?? []).map((s) => [`schedule ${s.id}`, s.cite] as [string, typeof s.cite]),
        ),
        ...(pack.levels && pack.levels !== pack.parent?.levels
          ? [['levels', pack.levels.cite] as [string, typeof pack.levels.cite]]
          : []),
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

    if (options.nationalDocuments) {
      it('cites only its own notices and national documents, never another region’s notice', () => {
        expect(foreignCitations(pack, options.nationalDocuments)).toEqual([]);
      });
    }

    it('snapshot.md matches the pack (regenerate with `pnpm snapshots`)', () => {
      const file = join(options.packDir, 'snapshot.md');
      expect(existsSync(file), 'snapshot.md is missing: run `pnpm snapshots`').toBe(true);
      expect(
        readFileSync(file, 'utf8'),
        'snapshot.md drifted from the pack: run `pnpm snapshots` and review the diff',
      ).toBe(renderPackSnapshot(pack));
    });

    describe('cases', () => {
      it('every own rule is exercised by a case', () => {
        const exercised = new Set(
          file.cases.flatMap((c) => [...(c.expect.fail ?? []), ...(c.expect.review ?? []), ...(c.covers ?? [])]),
        );
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
            const failing = decision.findings
              .filter((f) => f.outcome === 'fail')
              .map((f) => f.ruleId)
              .sort();
            const reviewing = decision.findings
              .filter((f) => f.outcome === 'review')
              .map((f) => f.ruleId)
              .sort();
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
