import type { CoreErrorParams, ValidationIssue } from '../errors.js';
import type { IssueCode } from '../issueCodes.js';
import type { MessageTable } from '../messages.js';

/** What an issue message reads: the issue's expected and received values and its params. */
export type IssueView = Pick<ValidationIssue, 'expected' | 'received' | 'params' | 'message'>;

/**
 * Texts of findings, keyed by the finding's message as its source writes it,
 * with `{name}` where a value goes (`'{step} was due on or before {due}'`):
 * the value is that key's text in the locale, with the same placeholders.
 * A rule pack's translations (`@certflow/rulepack-<id>/locales`) have this shape.
 */
export type FindingTexts = Readonly<Record<string, string>>;

/** One locale of core's messages: its errors, the issues of a ValidationError, and the findings core itself writes (deadlines). */
export interface CoreLocaleMessages {
  errors: MessageTable<CoreErrorParams>;
  issues: MessageTable<Record<IssueCode, IssueView>>;
  findings: FindingTexts;
}
