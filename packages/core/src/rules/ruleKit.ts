import type { Occupation } from '../domain/profile.js';
import { fail, pass, review, type RuleResult } from './rulePack.js';

/**
 * Small helpers every rule pack needs. The applicant profile is one shape for
 * all regions; a pack may read optional facts of its own, and a fact that is
 * absent makes a finding `review` (an expert checks it), never an error.
 */

/** Reads an optional fact the shared profile does not carry (undefined when absent). */
export function optionalFact(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * A yes/no fact the profile may carry: `true` passes, `false` fails with `no`,
 * absent (or not a boolean) needs an expert with `unknown`.
 */
export function yesNoFact(
  value: unknown,
  path: (string | number)[],
  no: string,
  unknown: string,
  yes?: string,
): RuleResult {
  if (value === true) return pass(yes);
  if (value === false) return fail(no, path);
  return review(unknown, path);
}

/**
 * All of several optional yes/no facts of one object: any `false` fails, any
 * missing one needs an expert, all `true` passes. `labels` maps each key to
 * what it means, in the notice's words.
 */
export function allFacts(obj: unknown, basePath: string[], labels: Record<string, string>): RuleResult {
  const entries = Object.entries(labels).map(([key, label]) => ({ key, label, value: optionalFact(obj, key) }));
  const no = entries.find((e) => e.value === false);
  if (no) return fail(`${no.label}: 否`, [...basePath, no.key]);
  const missing = entries.filter((e) => typeof e.value !== 'boolean');
  if (missing.length > 0) {
    return review(
      `专家核实：${missing.map((e) => e.label).join('、')}（申报信息未提供 ${missing.map((e) => [...basePath, e.key].join('.')).join(', ')}）`,
      [...basePath, missing[0]!.key],
    );
  }
  return pass();
}

/** The weakest of several results: any fail, else any review, else pass. */
export function worstOf(results: readonly RuleResult[]): RuleResult {
  return results.find((r) => r.outcome === 'fail') ?? results.find((r) => r.outcome === 'review') ?? pass();
}

/** Checks every occupation applied for and combines the results with `worstOf`. */
export function perOccupation(
  occupations: readonly Occupation[],
  check: (o: Occupation, i: number) => RuleResult,
): RuleResult {
  return worstOf(occupations.map(check));
}

/** True for a 'YYYY-MM-DD' string (shape only; the profile schema checks real dates where it owns the field). */
export const isLocalDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
