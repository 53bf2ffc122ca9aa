import type { ValidationIssue } from '../errors.js';
import { formatPath } from '../path.js';
import type { CoreLocaleMessages, IssueView } from './types.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const was = (i: IssueView) => (i.received !== undefined ? `, received ${i.received}` : '');
const want = (i: IssueView, fallback: string) => (i.expected !== undefined ? `expected ${i.expected}` : fallback);

/** An issue in English: the text its source wrote, else the code's message. */
export function issueTextEn(i: ValidationIssue): string {
  return i.message !== '' && i.message !== undefined ? i.message : en.issues[i.code](i);
}

/** Core's messages in English. */
export const en: CoreLocaleMessages = {
  errors: {
    CONCURRENCY: (p) =>
      `stream ${s(p.streamId)}: expected version ${s(p.expected)}, but the stream is at ${s(p.actual)}`,
    VALIDATION: (p) =>
      `invalid input: ${p.issues.map((i) => `${issueTextEn(i)} → at ${formatPath(i.path)}`).join('; ')}`,
    INVALID_TRANSITION: (p) => `${s(p.command)} is not allowed on ${s(p.streamId)} in state ${s(p.state)}`,
    FORBIDDEN: (p) => `role ${s(p.role)} may not issue ${s(p.command)}`,
    RULE_VIOLATION: (p) =>
      `${s(p.command)} refused: ${p.findings.map((f) => `${f.ruleId} (${f.cite.document} ${f.cite.clause})${f.message ? `: ${f.message}` : ''}`).join('; ')}`,
    NOT_FOUND: (p) => `${s(p.what)} ${s(p.id)} not found`,
    IDEMPOTENCY_CONFLICT: (p) =>
      `commandId ${s(p.commandId)} was already used for a different command (recorded ${s(p.recorded)}, now ${s(p.attempted)})${p.detail ? `: ${s(p.detail)}` : ''}; nothing was appended`,
    STORE_UNAVAILABLE: (p) =>
      `the store failed during ${s(p.operation)}${p.driverCode ? ` (${s(p.driverCode)})` : ''}${p.detail ? `: ${s(p.detail)}` : ''}; ${p.outcome === 'unknown' ? 'the write may have committed: retry with the same commandId or expectedVersion' : 'nothing was written'}`,
    CORRUPT_STORE: (p) =>
      `${s(p.source)} is damaged${p.streamId !== undefined ? ` at ${s(p.streamId)} version ${s(p.version)}` : ''}${p.position !== undefined ? ` (position ${s(p.position)})` : ''}: ${s(p.detail)}`,
    STORE_CLOSED: (p) => `cannot ${s(p.operation)}: the store on ${s(p.store)} is closed`,
    CALENDAR_REQUIRED: (p) =>
      `a working-day calendar is needed to compute deadline ${s(p.deadlineId)}: pass createEngine({ calendar: createChinaCalendar() })`,
    CALENDAR_PROVISIONAL: (p) =>
      `${s(p.step)} is refused: deadline ${s(p.deadlineId)} (due ${s(p.due)}) rests on ${p.years.join(', ')}, whose arrangement is not published; the engine was created with provisional: 'refuse' (add the published year, or use provisional: 'compute')`,
    MALFORMED_NOTE: (p) => `${s(p.what)} is malformed: ${s(p.detail)}`,
    UNVERIFIED_NOTE: (p) =>
      `${s(p.what)} carries no valid signature by ${s(p.keyName)}${p.detail ? `: ${s(p.detail)}` : ''}`,
    PROOF_INVALID: (p) => `the ${s(p.kind)} proof does not verify: ${s(p.detail)}`,
    CHECKPOINT_INCONSISTENT: (p) =>
      `log ${s(p.origin)} at ${s(p.newSize)} entries does not extend its checkpoint of ${s(p.oldSize)} entries: ${s(p.detail)}`,
    PROOF_UNAVAILABLE: (p) => `no proof: ${s(p.detail)}`,
  },
  issues: {
    invalid_type: (i) => `${want(i, 'a value of another type')}${was(i)}`,
    too_big: (i) => `${want(i, 'a smaller value')}${was(i)}`,
    too_small: (i) => `${want(i, 'a larger value')}${was(i)}`,
    invalid_format: (i) => `${want(i, 'another format')}${was(i)}`,
    not_multiple_of: (i) => `${want(i, 'a multiple')}${was(i)}`,
    unrecognized_keys: (i) => `unrecognized keys${i.received !== undefined ? `: ${i.received}` : ''}`,
    invalid_union: (i) => `${want(i, 'a value matching one of the allowed shapes')}${was(i)}`,
    invalid_key: (i) => `${want(i, 'a valid key')}${was(i)}`,
    invalid_element: (i) => `${want(i, 'valid elements')}${was(i)}`,
    invalid_value: (i) => `${want(i, 'one of the allowed values')}${was(i)}`,
    custom: (i) => `${want(i, 'a valid value')}${was(i)}`,
    required: (i) => `${want(i, 'a value')}, which is missing`,
    invalid_number: (i) => `${want(i, 'a number')}${was(i)}`,
    invalid_instant: (i) => `${want(i, 'an instant (a Date or an ISO-8601 string)')}${was(i)}`,
    invalid_json: (i) => `${want(i, 'JSON text')}${was(i)}`,
    not_json: (i) => `${want(i, 'a JSON value')}${was(i)}`,
    not_i_json: (i) => `${want(i, 'an I-JSON value (RFC 7493)')}${was(i)}`,
    invalid_file: (i) => `${want(i, 'a file path')}${was(i)}`,
    invalid_schema_name: (i) => `${want(i, 'a PostgreSQL schema name')}${was(i)}`,
    invalid_expected_version: (i) => `${want(i, "a version ≥ 0, 'no-stream' or 'any'")}${was(i)}`,
    invalid_stream_id: (i) => `${want(i, 'a stream id like application-<id>')}${was(i)}`,
    invalid_stream: (i) => `${want(i, "a machine's stream")}${was(i)}`,
    wrong_stream: (i) => `${want(i, 'a stream of the machine the command acts on')}${was(i)}`,
    invalid_event_type: (i) => `${want(i, 'an event type every store can keep')}${was(i)}`,
    unknown_event_type: (i) => `${want(i, 'an event type of the stream')}${was(i)}`,
    empty_batch: () => 'expected at least one event',
    stream_moved: () => 'a stream of the import was appended to concurrently; nothing was imported',
    schema: (i) => `the event's envelope is malformed${was(i)}`,
    hash_mismatch: () => "the event's content no longer matches its hash",
    chain_broken: () => "prevHash does not match the previous event's hash",
    version_gap: () => 'a version is missing',
    version_order: () => 'a version repeats or goes backwards',
    position_order: (i) => `${want(i, 'increasing positions')}${was(i)}`,
    duplicate_position: () => 'two events claim one global position',
    unknown_rule_pack: (i) => `${want(i, 'a rule pack passed to createEngine')}${was(i)}`,
    duplicate_id: (i) => `already recorded${i.received !== undefined ? `: ${i.received}` : ''}`,
    not_open: (i) => `not open${i.received !== undefined ? `: ${i.received}` : ''}`,
    not_under_review: (i) => `not a criterion awaiting review${i.received !== undefined ? `: ${i.received}` : ''}`,
    not_in_roster: () => 'expected a candidate of the exam plan roster',
    invalid_personal_row: () => 'expected a personal-data vault row whose salt opens its commitment',
    not_accepted: (i) => `${want(i, 'another value')}${was(i)}`,
    empty_change: () => 'expected a change: add or drop at least one occupation or level',
    empty_scope: () => 'a filing keeps at least one occupation; revoke it instead',
    unknown_replaced: (i) =>
      `replaces a rule the pack does not inherit${i.received !== undefined ? `: ${i.received}` : ''}`,
    implicit_override: (i) =>
      `an inherited id: an override must say replaces${i.received !== undefined ? ` (${i.received})` : ''}`,
    not_inherited: (i) => `not an inherited rule of the pack${i.received !== undefined ? `: ${i.received}` : ''}`,
    bad_release: (i) => `${want(i, 'a release of the pack, each version once')}${was(i)}`,
    unknown_pack: (i) => `no such pack${i.received !== undefined ? `: ${i.received}` : ''}`,
    exists: (i) => `already exists${i.received !== undefined ? `: ${i.received}` : ''}`,
    no_base_case: () => 'the parent pack has no case on its unchanged base',
    no_transparency_log: () => 'a store that keeps a transparency log (memoryStore, sqliteStore, postgresStore)',
  },
  findings: {
    '{step} may happen on or after {due} ({workingDays} working days from {anchor}); today is {today}':
      '{step} may happen on or after {due} ({workingDays} working days from {anchor}); today is {today}',
    '{step} was due on or before {due} ({kind} {workingDays} working days, anchor {anchor}); today is {today}':
      '{step} was due on or before {due} ({kind} {workingDays} working days, anchor {anchor}); today is {today}',
    '{step} was due on or before {due} (within {workingDays} working days, anchor {anchor}); today is {today}':
      '{step} was due on or before {due} (within {workingDays} working days, anchor {anchor}); today is {today}',
    '{step} was due on or before {due} (before {workingDays} working days, anchor {anchor}); today is {today}':
      '{step} was due on or before {due} (before {workingDays} working days, anchor {anchor}); today is {today}',
    '{bucket}: {taken} of at most {max} places are taken ({holders})':
      '{bucket}: {taken} of at most {max} places are taken ({holders})',
    'in force {from} to {until}': 'in force {from} to {until}',
    // The rule kit's and the common rules' own messages (commonRules.ts, ruleKit.ts), as packs use them.
    'missing materials: {value}': 'missing materials: {value}',
    '{code} {name} 为准入类职业资格': '{code} {name} is an access-type (准入类) occupational qualification',
    'levels not allowed: {value} (allowed: {value2})': 'levels not allowed: {value} (allowed: {value2})',
    '{code} {name} 不是技能类职业（工种）': '{code} {name} is not a skill occupation (技能类职业（工种）)',
    '专家核实：{code} 是否为技能类职业（工种）':
      'for an expert to check: whether {code} is a skill occupation (技能类职业（工种）)',
    '{label}: 否': '{label}: no',
    '专家核实：{value}（申报信息未提供 {value2}）':
      'for an expert to check: {value} (the profile does not give {value2})',
    '{code} is access-type': '{code} is access-type',
    'fewer than 10,000 person-times: an expert judges the brand':
      'fewer than 10,000 person-times: an expert judges the brand',
    'a dishonesty record': 'a dishonesty record',
    'no supervisor in the plan': 'no supervisor in the plan',
    'rule raised an error: {error}': 'rule raised an error: {error}',
  },
};
