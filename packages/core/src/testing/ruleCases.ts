// Rule cases as a rule author writes them (test/cases.yaml), loaded and
// turned into facts without vitest, so hosts and scripts can use them too
// (`@certflow/core/fixtures`); rulePackSuite.ts runs them under vitest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CommandType, Decision, Rule, RulePack } from '@certflow/core';
import type { DeadlineCase, QuotaCase } from './timingCases.js';

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
  /** Deadline cases (`examDate`, `filedOn`, expect `ok` or `refused`), run through the engine with a real calendar. */
  deadlines?: DeadlineCase[];
  /** Quota cases (`filings: n`, expect `ok` or `refused`), run through the engine with a real calendar. */
  quotas?: QuotaCase[];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown, remove = false): void {
  const keys = path.split('.');
  // Arrays are indexed by their digit keys like objects: one record type walks both.
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === undefined) node[k] = /^\d+$/.test(k) ? [] : {};
    node = node[k] as Record<string, unknown>;
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
export function ownRules(pack: RulePack): Rule<unknown>[] {
  const inherited = new Set(pack.parent?.rules ?? []);
  return pack.rules.filter((r) => !inherited.has(r));
}
