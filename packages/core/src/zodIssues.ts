import type { z } from 'zod';
import type { ValidationIssue } from './errors.js';

/** Maps zod issues to certflow's ValidationIssue, prefixing the path. */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): ValidationIssue[] {
  return error.issues.map((i) => {
    const issue: ValidationIssue = {
      path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      code: i.code,
      message: i.message,
    };
    const expected = (i as { expected?: unknown }).expected;
    if (expected !== undefined) issue.expected = String(expected);
    return issue;
  });
}
