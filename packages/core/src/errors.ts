import type { IssueCode } from './issueCodes.js';
import { coreCatalogue, coreLocales, issueTextEn, issueTextZh } from './locales/index.js';
import { formatWith, type AnyCatalogue, type Locale } from './messages.js';
import { formatPath } from './path.js';

export { formatPath } from './path.js';

/** A structured problem in input: where (path), what was expected, what was found. */
export interface ValidationIssue {
  /** Field path, e.g. ['organization', 'uscc'] or ['events', 0, 'type']. */
  path: (string | number)[];
  /** One of `ISSUE_CODES`: each has a message in every locale. */
  code: IssueCode;
  /** The issue in English as its source wrote it (the zh-CN text is made from `code`, `expected`, `received` and `params`). */
  message: string;
  expected?: string;
  received?: string;
  /** Data the code's messages read; `zod` holds the fields of the zod issue it came from. */
  params?: Record<string, unknown>;
}

/** The params of each of core's error codes: what its messages in every locale read. */
export interface CoreErrorParams {
  CONCURRENCY: { streamId: string; expected: ExpectedVersion; actual: number };
  VALIDATION: { context?: string | undefined; summary: string; issues: ValidationIssue[] };
  INVALID_TRANSITION: { streamId: string; command: string; state: string; reason?: string | undefined };
  FORBIDDEN: { role: string; command: string; reason?: string | undefined };
  RULE_VIOLATION: { command: string; summary: string; findings: ViolationFinding[] };
  NOT_FOUND: { what: string; id: string };
  IDEMPOTENCY_CONFLICT: { commandId: string; recorded: string; attempted: string; detail?: string | undefined };
  STORE_UNAVAILABLE: {
    operation: string;
    outcome: 'not-written' | 'unknown';
    driverCode?: string | undefined;
    detail?: string | undefined;
  };
  CORRUPT_STORE: {
    source: string;
    detail: string;
    position?: number | undefined;
    streamId?: string | undefined;
    version?: number | undefined;
  };
  STORE_CLOSED: { store: string; operation: string };
  CALENDAR_REQUIRED: { deadlineId: string };
  CALENDAR_PROVISIONAL: { deadlineId: string; step: string; due: string; years: number[] };
  MALFORMED_NOTE: { what: string; detail: string };
  UNVERIFIED_NOTE: { what: string; keyName: string; detail?: string | undefined };
  PROOF_INVALID: { kind: 'inclusion' | 'consistency'; detail: string };
  CHECKPOINT_INCONSISTENT: { origin: string; oldSize: number; newSize: number; detail: string };
  PROOF_UNAVAILABLE: { detail: string };
}

/** A code of core's errors. */
export type CoreErrorCode = keyof CoreErrorParams;

/** Translates a finding's message into a locale, or says it cannot (`undefined`): see `findingTranslator`. */
export type FindingTranslator = (message: string, locale: Locale) => string | undefined;

/** The brand of every certflow error, core's or another package's (a registered symbol). */
export const CERTFLOW_ERROR: unique symbol = Symbol.for('certflow.error');

/**
 * Base of every error certflow throws on purpose. An error is data first:
 * a stable `code` and typed `params`; the message is produced from them in a
 * locale (`error.format('zh-CN')`).
 */
export class CertflowError<P extends object = Record<string, unknown>> extends Error {
  readonly code: string;
  readonly params: P;
  readonly [CERTFLOW_ERROR] = true;
  /** The catalogue of the package that threw it (not enumerable: not part of the error's JSON). */
  declare protected readonly catalogue: AnyCatalogue | undefined;
  /** The locale `message` is written in; `format()` without a locale uses it. */
  locale: Locale = 'en';

  /**
   * `x instanceof CertflowError` also holds for the errors of packages that
   * do not depend on core (`@certflow/calendar`'s): they carry the same brand,
   * a stable `code`, `params` and `format(locale)`. Subclasses keep the
   * ordinary prototype check.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    return (
      this === CertflowError &&
      typeof x === 'object' &&
      x !== null &&
      (x as Record<symbol, unknown>)[CERTFLOW_ERROR] === true
    );
  }

  /**
   * @param code a stable code, e.g. `CONCURRENCY`.
   * @param params the data its messages read.
   * @param catalogue the messages of the package that defines the error, by
   *   locale (`{ en, 'zh-CN' }` from its `src/locales/`); core's by default.
   */
  constructor(code: string, params: P, catalogue: AnyCatalogue = coreCatalogue) {
    super(formatWith(catalogue, code, params, 'en'));
    Object.defineProperty(this, 'catalogue', { value: catalogue, enumerable: false, writable: false });
    this.code = code;
    this.params = params;
    this.name = new.target.name;
  }

  /** The message in a locale (default: the error's `locale`, English unless `localize` set another). */
  format(locale: Locale = this.locale): string {
    return formatWith(this.catalogue, this.code, this.params, locale);
  }

  /**
   * Sets the locale of `message` (and of `format()` without an argument):
   * what `createEngine({ locale })` does to every error it throws.
   * `translate` words findings the error carries (a pack's texts).
   */
  localize(locale: Locale, translate?: FindingTranslator): this {
    void translate;
    this.locale = locale;
    this.message = this.format(locale);
    return this;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, ...this.params };
  }
}

/**
 * The message of any error in a locale: a certflow error of any package
 * (core's, a store's, the calendar's, the CLI's) by its code and params
 * through its own catalogue; another `Error` by its message. For hosts that
 * show errors to people: `formatError(err, 'zh-CN')`.
 */
export function formatError(err: unknown, locale: Locale = 'en', translate?: FindingTranslator): string {
  if (err instanceof RuleViolationError && translate) return err.formatWith(locale, translate);
  if (typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[CERTFLOW_ERROR] === true) {
    const f = (err as { format?: (l: Locale) => string }).format;
    if (typeof f === 'function') return f.call(err, locale);
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** What an append expects of its stream: that exact version (events so far), `'no-stream'` (no event yet), or `'any'`. */
export type ExpectedVersion = number | 'no-stream' | 'any';

/**
 * Code `CONCURRENCY`: the stream is not at the version the append expected
 * (another writer got there first). Nothing was appended. The engine reloads
 * and retries a command up to `maxRetries` times before this surfaces; a
 * plain append should re-read and decide again. HTTP: 409.
 */
export class ConcurrencyError extends CertflowError<CoreErrorParams['CONCURRENCY']> {
  readonly streamId: string;
  /** The version the append expected. */
  readonly expected: ExpectedVersion;
  /** The stream's version found (number of events). */
  readonly actual: number;
  constructor(streamId: string, expected: ExpectedVersion, actual: number) {
    super('CONCURRENCY', { streamId, expected, actual });
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Code `VALIDATION`: input that does not have the required shape (a command,
 * a payload, an event, an option). Each issue names the field `path`, what
 * was expected and what was received. Nothing was recorded. HTTP: 400.
 */
export class ValidationError extends CertflowError<CoreErrorParams['VALIDATION']> {
  /** Every problem found, not only the first. */
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], context?: string) {
    const summary = issues.map((i) => `${i.message} → at ${formatPath(i.path)}`).join('; ');
    super('VALIDATION', { context, summary, issues });
    this.issues = issues;
  }
}

/**
 * Code `INVALID_TRANSITION`: the stream's machine does not take the command in
 * its current state (e.g. `CompleteFiling` before publicity), or the rule pack
 * does not use the command; `params.reason` says which. Nothing was recorded.
 * HTTP: 409.
 */
export class InvalidTransitionError extends CertflowError<CoreErrorParams['INVALID_TRANSITION']> {
  readonly streamId: string;
  /** The command refused, e.g. `CompleteFiling`. */
  readonly command: string;
  /** The state it was refused in, dotted (e.g. `filed.suspended`); `draft` for a stream without events. */
  readonly state: string;
  constructor(streamId: string, command: string, state: string, reason?: string) {
    super('INVALID_TRANSITION', { streamId, command, state, reason });
    this.streamId = streamId;
    this.command = command;
    this.state = state;
  }
}

/**
 * Code `FORBIDDEN`: the actor's role may not issue the command under the
 * stream's rule pack (the defaults of `DEFAULT_ROLES`, narrowed by the pack;
 * `auditor` is read-only everywhere). Nothing was recorded. HTTP: 403.
 */
export class ForbiddenError extends CertflowError<CoreErrorParams['FORBIDDEN']> {
  /** The actor's role. */
  readonly role: string;
  readonly command: string;
  constructor(role: string, command: string, reason?: string) {
    super('FORBIDDEN', { role, command, reason });
    this.role = role;
    this.command = command;
  }
}

/** A citation of the clause a rule encodes: the document, the clause, and its original words. */
export interface Citation {
  /** The document's number, e.g. 鲁人社字〔2020〕50号. */
  document: string;
  /** The clause as the document numbers it, e.g. 一（二）. */
  clause: string;
  /** The clause's words, verbatim in the original Chinese (checked against the shipped notice). */
  text: string;
}

/** One rule's finding, as carried by a RuleViolationError. */
export interface ViolationFinding {
  /** The rule's id in its pack, e.g. `credit-clean`. */
  ruleId: string;
  /** `fail`, or `review` where a command needs every criterion passed. */
  outcome: string;
  message?: string;
  cite: Citation;
  path?: (string | number)[];
}

/**
 * Code `RULE_VIOLATION`: a rule of the pack refuses the command (a failed
 * criterion, a criterion still under review where all must pass, a quota
 * full, a deadline passed). Each finding cites its clause. Nothing was
 * recorded. HTTP: 422.
 */
export class RuleViolationError extends CertflowError<CoreErrorParams['RULE_VIOLATION']> {
  readonly command: string;
  /** The findings that refused, each with its citation. */
  readonly findings: ViolationFinding[];
  constructor(command: string, findings: ViolationFinding[]) {
    const summary = findings
      .map((f) => `${f.ruleId} (${f.cite.document} ${f.cite.clause})${f.message ? `: ${f.message}` : ''}`)
      .join('; ');
    super('RULE_VIOLATION', { command, summary, findings });
    this.command = command;
    this.findings = findings;
  }

  private translate: FindingTranslator | undefined;

  /** The message in a locale, each finding worded by `translate` (a pack's texts) where it knows the finding. */
  formatWith(locale: Locale, translate: FindingTranslator | undefined = this.translate): string {
    if (!translate) return super.format(locale);
    const findings = this.findings.map((f) =>
      f.message ? { ...f, message: translate(f.message, locale) ?? f.message } : f,
    );
    return formatWith(this.catalogue, this.code, { ...this.params, findings }, locale);
  }

  override format(locale: Locale = this.locale): string {
    return this.formatWith(locale);
  }

  /** The finding of index `i` worded in a locale (its own text where no translation knows it). */
  findingMessage(i: number, locale: Locale = this.locale): string | undefined {
    const m = this.findings[i]?.message;
    return m === undefined ? undefined : (this.translate?.(m, locale) ?? m);
  }

  override localize(locale: Locale, translate?: FindingTranslator): this {
    if (translate) this.translate = translate;
    return super.localize(locale);
  }
}

/** Code `NOT_FOUND`: a thing the call names does not exist (`what`: e.g. `stream`, `rule pack`; `id`: its id). HTTP: 404. */
export class NotFoundError extends CertflowError<CoreErrorParams['NOT_FOUND']> {
  readonly what: string;
  readonly id: string;
  constructor(what: string, id: string) {
    super('NOT_FOUND', { what, id });
    this.what = what;
    this.id = id;
  }
}

/**
 * A `commandId` was used again for a different command (another type, stream,
 * payload or actor). A retry repeats the same command with the same id; a new
 * command needs a new id. Nothing was appended.
 */
export class IdempotencyConflictError extends CertflowError<CoreErrorParams['IDEMPOTENCY_CONFLICT']> {
  readonly commandId: string;
  /** Fingerprint (SHA-256 of the canonical command) of the command first recorded under the id. */
  readonly recorded: string;
  /** Fingerprint of the command now refused. */
  readonly attempted: string;
  constructor(commandId: string, recorded: string, attempted: string, detail?: string) {
    super('IDEMPOTENCY_CONFLICT', { commandId, recorded, attempted, detail });
    this.commandId = commandId;
    this.recorded = recorded;
    this.attempted = attempted;
  }
}

/**
 * The store could not be reached or failed while serving the call.
 * `outcome` says what is known of a write: `not-written` when it certainly did
 * not commit, `unknown` when the commit may have happened (e.g. the connection
 * dropped after the statement was sent). After `unknown`, retry with the same
 * `commandId` (engine) or the same `expectedVersion` (plain appends): a retry
 * never duplicates. Reads always carry `not-written`.
 */
export class StoreUnavailableError extends CertflowError<CoreErrorParams['STORE_UNAVAILABLE']> {
  readonly outcome: 'not-written' | 'unknown';
  readonly operation: string;
  /** The driver's error code where it has one (e.g. PostgreSQL `57P01`, `ECONNREFUSED`, `SQLITE_FULL`). */
  readonly driverCode: string | undefined;
  constructor(
    operation: string,
    outcome: 'not-written' | 'unknown',
    options: {
      cause?: unknown;
      driverCode?: string;
      detail?: string;
      /** A subclass's own stable code (e.g. SQLite's `STORE_BUSY`); default `STORE_UNAVAILABLE`. */
      code?: string;
      /** Further message parameters for that code. */
      params?: Record<string, unknown>;
      /** The messages of that code (a subclass in another package brings its package's catalogue). */
      catalogue?: AnyCatalogue;
    } = {},
  ) {
    super(
      options.code ?? 'STORE_UNAVAILABLE',
      { ...options.params, operation, outcome, driverCode: options.driverCode, detail: options.detail },
      options.catalogue,
    );
    this.operation = operation;
    this.outcome = outcome;
    this.driverCode = options.driverCode;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/**
 * The store's data is damaged: a corrupt or truncated file, or a stored event
 * that cannot be read back. Names the source and, where known, the event.
 * Nothing is appended to a damaged store.
 */
export class CorruptStoreError extends CertflowError<CoreErrorParams['CORRUPT_STORE']> {
  readonly source: string;
  readonly position: number | undefined;
  readonly streamId: string | undefined;
  readonly version: number | undefined;
  constructor(
    source: string,
    detail: string,
    where: { position?: number; streamId?: string; version?: number; cause?: unknown } = {},
  ) {
    super('CORRUPT_STORE', {
      source,
      detail,
      position: where.position,
      streamId: where.streamId,
      version: where.version,
    });
    this.source = source;
    this.position = where.position;
    this.streamId = where.streamId;
    this.version = where.version;
    if (where.cause !== undefined) (this as { cause?: unknown }).cause = where.cause;
  }
}

/**
 * Code `STORE_CLOSED`: a store was used after `close()`. Every store throws
 * it for every operation but `close()` itself (which may be called again).
 * Nothing was written.
 */
export class StoreClosedError extends CertflowError<CoreErrorParams['STORE_CLOSED']> {
  /** The operation refused: `append`, `readStream`, `readAll`, `streamVersion`, `subscribe`, `importEvents`. */
  readonly operation: string;
  /** What the store was opened on (`memoryStore`, a file, a PostgreSQL schema). */
  readonly store: string;
  readonly outcome = 'not-written' as const;
  constructor(store: string, operation: string) {
    super('STORE_CLOSED', { store, operation });
    this.store = store;
    this.operation = operation;
  }
}

/** An issue's text in a locale: core's words for its code, or the words of the error's own package (`formatIssue`). */
export function issueText(issue: ValidationIssue, locale: Locale = 'en', err?: unknown): string {
  const own = (err as { formatIssue?: (i: ValidationIssue, l: Locale) => string | undefined } | undefined)?.formatIssue;
  const theirs = typeof own === 'function' ? own.call(err, issue, locale) : undefined;
  if (theirs !== undefined) return theirs;
  const known = coreLocales.en.issues[issue.code] !== undefined;
  if (locale === 'en' || !known) return known ? issueTextEn(issue) : issue.message;
  return issueTextZh(issue);
}

const OUTCOME_WORDS: Record<Locale, Record<string, string>> = {
  en: {},
  'zh-CN': { pass: '通过', fail: '不通过', review: '待专家评审', 'not-applicable': '不适用' },
};

/**
 * Human-readable multi-line form of any certflow error in a locale, in the
 * style of zod's prettifyError: a ValidationError one issue per line with
 * its field, a RuleViolationError one finding per line with its clause.
 */
export function prettifyError(err: unknown, locale: Locale = 'en', translate?: FindingTranslator): string {
  const at = locale === 'zh-CN' ? '→ 位置' : '→ at';
  if (
    err instanceof ValidationError ||
    (err instanceof CertflowError && err.code === 'VALIDATION' && Array.isArray((err as ValidationError).issues))
  ) {
    return (err as ValidationError).issues
      .map((i) => `✖ ${issueText(i, locale, err)}\n  ${at} ${formatPath(i.path)}`)
      .join('\n');
  }
  if (err instanceof RuleViolationError) {
    return [
      `✖ ${err.formatWith(locale, translate)}`,
      ...err.findings.map((f, n) => {
        const text =
          f.message !== undefined
            ? (translate?.(f.message, locale) ?? err.findingMessage(n, locale))
            : (OUTCOME_WORDS[locale][f.outcome] ?? f.outcome);
        return `  ✖ ${f.ruleId}: ${text}\n    → ${f.cite.document} ${f.cite.clause}「${f.cite.text}」`;
      }),
    ].join('\n');
  }
  if (err instanceof CertflowError) return `✖ ${formatError(err, locale)}`;
  if (err instanceof Error) return `✖ ${err.message}`;
  return `✖ ${String(err)}`;
}
