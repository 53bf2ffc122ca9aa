import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  applicantProfileSchema,
  evaluateRules,
  renderPackSnapshot,
  type CommandType,
  type Decision,
  type Rule,
  type RulePack,
} from '@certflow/core';

/** One test case as a rule author writes it (YAML or JSON). */
export interface RuleCase {
  name: string;
  /** China local date of the decision. */
  asOf: string;
  /** The command whose rules are evaluated (default SubmitApplication). */
  command?: CommandType;
  /** Changes to the file's `base` profile, by dotted path ('occupations.0.levels': [5, 4]). */
  set?: Record<string, unknown>;
  /** Paths to delete from the base (to test a missing optional fact). */
  unset?: string[];
  /** Facts given whole, instead of base + set (e.g. for exam-plan rules). */
  facts?: unknown;
  expect: {
    outcome: Decision['outcome'];
    /** Exactly the rule ids that fail. */
    fail?: string[];
    /** Exactly the rule ids that need review. */
    review?: string[];
    /** The clauses (as cited) of the failing rules, e.g. '一（一）'. */
    clauses?: string[];
  };
  /** Rule ids this case exercises though they pass (counts for "every rule has a test"). */
  covers?: string[];
}

export interface RuleCaseFile {
  base: Record<string, unknown>;
  /** Facts for cases of other commands, keyed by command. */
  bases?: Record<string, unknown>;
  cases: RuleCase[];
}

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
    ...(pack.certificateNumber ? [['certificate number', pack.certificateNumber.cite] as [string, { document: string }]] : []),
  ];
  return cited.filter(([, c]) => !allowed.has(c.document)).map(([label, c]) => `${label}: ${c.document}`);
}

const squash = (s: string) => s.replace(/\s+/g, '');

function setPath(target: Record<string, unknown>, path: string, value: unknown, remove = false): void {
  const keys = path.split('.');
  let node: any = target;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === undefined) node[k] = /^\d+$/.test(k) ? [] : {};
    node = node[k];
  }
  const last = keys[keys.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
}

export function loadRuleCases(packDir: string): RuleCaseFile {
  for (const name of ['cases.yaml', 'cases.yml', 'cases.json']) {
    const file = join(packDir, 'test', name);
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      return (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as RuleCaseFile;
    }
  }
  throw new Error(`no test/cases.yaml in ${packDir}`);
}

/** The facts a case describes: its own `facts`, or the base with its changes applied. */
export function caseFacts(file: RuleCaseFile, c: RuleCase): unknown {
  if (c.facts !== undefined) return c.facts;
  const command = c.command ?? 'SubmitApplication';
  const base = command === 'SubmitApplication' ? file.base : file.bases?.[command];
  if (base === undefined) throw new Error(`case ${c.name}: no base facts for ${command}`);
  const facts = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of Object.entries(c.set ?? {})) setPath(facts, path, value);
  for (const path of c.unset ?? []) setPath(facts, path, undefined, true);
  return facts;
}

/** The rules this pack defines or replaces itself (not those inherited unchanged). */
export function ownRules(pack: RulePack): Rule<any>[] {
  const inherited = new Set(pack.parent?.rules ?? []);
  return pack.rules.filter((r) => !inherited.has(r));
}

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

    if (options.nationalDocuments) {
      it('cites only its own notices and national documents, never another region’s notice', () => {
        expect(foreignCitations(pack, options.nationalDocuments)).toEqual([]);
      });
    }

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
