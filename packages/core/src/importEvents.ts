import { ValidationError, type ValidationIssue } from './errors.js';
import { issueCode } from './issueCodes.js';
import { EVENT_TYPE_PATTERN, type StoredEvent } from './event.js';
import { verifyLog, type StreamHead } from './verifyLog.js';

/**
 * Shared pre-check for `EventStore.importEvents`: the batch must verify as a
 * continuation of the store's stream heads, and its positions must be strictly
 * increasing and above the store's highest position, and every type must be
 * text a store can keep exactly. Throws ValidationError and the store writes
 * nothing.
 */
export function checkImport(events: StoredEvent[], heads: Map<string, StreamHead>, maxPosition: number): void {
  const result = verifyLog(events, { heads });
  const issues: ValidationIssue[] = result.problems.map((p) => ({
    path: ['events', p.streamId, p.version ?? '?'],
    code: issueCode(p.kind),
    message: p.detail,
  }));
  let last = maxPosition;
  events.forEach((e, i) => {
    // A type a text column cannot keep exactly would no longer match its hash
    // once stored (see EVENT_TYPE_PATTERN): refuse it rather than change it.
    if (typeof e?.type === 'string' && !EVENT_TYPE_PATTERN.test(e.type)) {
      issues.push({
        path: ['events', i, 'type'],
        code: 'invalid_event_type',
        message: `expected a type without control characters or lone surrogates, received ${JSON.stringify(e.type)}`,
        expected: 'text every store can keep',
        received: JSON.stringify(e.type),
      });
    }
    if (!(e.position > last)) {
      issues.push({
        path: ['events', i, 'position'],
        code: 'position_order',
        message: `expected a position above ${last}, found ${e.position}`,
      });
    }
    last = Math.max(last, e.position);
  });
  if (issues.length > 0) throw new ValidationError(issues, 'import');
}
