import type { z } from 'zod';
import type { ValidationIssue } from './errors.js';
import { issueCode } from './issueCodes.js';

/**
 * Maps zod issues to certflow's ValidationIssue, prefixing the path. The zod
 * issue's own fields (minimum, format, values, …) stay in `params.zod`, so the
 * issue can be worded in every locale (zod's zh-CN words for zh-CN).
 */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): ValidationIssue[] {
  return error.issues.map((i) => {
    const { path, message, code, input: _input, ...fields } = i as typeof i & { input?: unknown };
    const issue: ValidationIssue = {
      path: [...prefix, ...path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      code: issueCode(code),
      message,
    };
    const expected = (i as { expected?: unknown }).expected;
    if (expected !== undefined) issue.expected = String(expected);
    if (Object.keys(fields).length > 0) issue.params = { zod: fields };
    return issue;
  });
}
