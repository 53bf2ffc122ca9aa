import { fail, pass, review, type RuleResult } from '@certflow/core';

/** Reads an optional fact the shared profile does not carry; absent facts give `review`, never an error. */
export function optional(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * All of several optional yes/no facts: any `false` fails, any missing one
 * needs an expert, all `true` passes. `labels` maps each key to what it means.
 */
export function allFacts(obj: unknown, basePath: string[], labels: Record<string, string>): RuleResult {
  const entries = Object.entries(labels).map(([key, label]) => ({ key, label, value: optional(obj, key) }));
  const no = entries.find((e) => e.value === false);
  if (no) return fail(`${no.label}: 否`, [...basePath, no.key]);
  const missing = entries.filter((e) => typeof e.value !== 'boolean');
  if (missing.length > 0) {
    return review(`专家核实：${missing.map((e) => e.label).join('、')}（申报信息未提供 ${missing.map((e) => [...basePath, e.key].join('.')).join(', ')}）`, [
      ...basePath,
      missing[0]!.key,
    ]);
  }
  return pass();
}
