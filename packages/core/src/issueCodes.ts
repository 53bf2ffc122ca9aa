/**
 * Every code a `ValidationIssue` of certflow carries, in one typed list: zod's
 * own codes (an issue that comes from a schema keeps zod's code) and
 * certflow's, all snake_case. Each has a message in every locale of core
 * (`src/locales/`), held by a parity test. A code is API: rename one only with
 * an entry in `ISSUE_CODE_ALIASES`.
 */
export const ISSUE_CODES = [
  // zod 4's codes
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
  // certflow's: values and options
  'required',
  'invalid_number',
  'invalid_instant',
  'invalid_json',
  'not_json',
  'not_i_json',
  'invalid_file',
  'invalid_schema_name',
  'invalid_expected_version',
  // streams and events
  'invalid_stream_id',
  'invalid_stream',
  'wrong_stream',
  'invalid_event_type',
  'unknown_event_type',
  'empty_batch',
  'stream_moved',
  // an import that does not continue the store's log (the kinds of verifyLog)
  'schema',
  'hash_mismatch',
  'chain_broken',
  'version_gap',
  'version_order',
  'position_order',
  'duplicate_position',
  // commands
  'unknown_rule_pack',
  'duplicate_id',
  'not_open',
  'not_under_review',
  'not_in_roster',
  'not_accepted',
  'empty_change',
  'empty_scope',
  // rule packs and their tools
  'unknown_replaced',
  'implicit_override',
  'not_inherited',
  'bad_release',
  'unknown_pack',
  'exists',
  'no_base_case',
  // stores
  'no_transparency_log',
  'invalid_personal_row',
] as const;

/** A code of `ISSUE_CODES`. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * Codes issues carried before the list was unified, and the code each is now.
 * An import refusal named its log problems in verifyLog's kebab-case
 * (`position-order`) beside its own `position_order`; the SQLite store's
 * options said `invalid_enum_value` (zod 3's name) where zod 4 says
 * `invalid_value`; an objection recorded twice said `duplicate`; the HTTP
 * example said zod 3's `invalid_string` and its own `invalid_escape`.
 */
export const ISSUE_CODE_ALIASES: Readonly<Record<string, IssueCode>> = {
  'hash-mismatch': 'hash_mismatch',
  'chain-broken': 'chain_broken',
  'version-gap': 'version_gap',
  'version-order': 'version_order',
  'position-order': 'position_order',
  'duplicate-position': 'duplicate_position',
  invalid_enum_value: 'invalid_value',
  invalid_string: 'invalid_format',
  invalid_escape: 'invalid_format',
  duplicate: 'duplicate_id',
};

const KNOWN: ReadonlySet<string> = new Set(ISSUE_CODES);

/** The current code for a code of today or of before (`ISSUE_CODE_ALIASES`); `custom` for one certflow never used. */
export function issueCode(code: string): IssueCode {
  if (KNOWN.has(code)) return code as IssueCode;
  return ISSUE_CODE_ALIASES[code] ?? 'custom';
}
