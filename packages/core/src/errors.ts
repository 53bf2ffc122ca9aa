import { formatMessage, type Locale } from './messages.js';

/** A structured problem in input: where (path), what was expected, what was found. */
export interface ValidationIssue {
  /** Field path, e.g. ['organization', 'uscc'] or ['events', 0, 'type']. */
  path: (string | number)[];
  code: string;
  message: string;
  expected?: string;
  received?: string;
}

/** The brand of every certflow error, core's or another package's (a registered symbol). */
export const CERTFLOW_ERROR: unique symbol = Symbol.for('certflow.error') as never;

/**
 * Base of every error certflow throws on purpose. An error is data first:
 * a stable `code` and typed `params`; the message is produced from them in a
 * locale (`error.format('zh-CN')`).
 */
export class CertflowError extends Error {
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly [CERTFLOW_ERROR] = true;

  /**
   * `x instanceof CertflowError` also holds for the errors of packages that
   * do not depend on core (`@certflow/calendar`'s): they carry the same brand,
   * a stable `code`, `params` and `format(locale)`. Subclasses keep the
   * ordinary prototype check.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    return this === CertflowError && typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[CERTFLOW_ERROR] === true;
  }

  constructor(code: string, params: Record<string, unknown>) {
    super(formatMessage(code, params, 'en'));
    this.code = code;
    this.params = params;
    this.name = new.target.name;
  }

  format(locale: Locale = 'en'): string {
    return formatMessage(this.code, this.params, locale);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, ...this.params };
  }
}

/** What an append expects of its stream: that exact version (events so far), `'no-stream'` (no event yet), or `'any'`. */
export type ExpectedVersion = number | 'no-stream' | 'any';

/**
 * Code `CONCURRENCY`: the stream is not at the version the append expected
 * (another writer got there first). Nothing was appended. The engine reloads
 * and retries a command up to `maxRetries` times before this surfaces; a
 * plain append should re-read and decide again. HTTP: 409.
 */
export class ConcurrencyError extends CertflowError {
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
export class ValidationError extends CertflowError {
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
export class InvalidTransitionError extends CertflowError {
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
export class ForbiddenError extends CertflowError {
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
export class RuleViolationError extends CertflowError {
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
}

/** Code `NOT_FOUND`: a thing the call names does not exist (`what`: e.g. `stream`, `rule pack`; `id`: its id). HTTP: 404. */
export class NotFoundError extends CertflowError {
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
export class IdempotencyConflictError extends CertflowError {
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
export class StoreUnavailableError extends CertflowError {
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
    } = {},
  ) {
    super(options.code ?? 'STORE_UNAVAILABLE', { ...options.params, operation, outcome, driverCode: options.driverCode, detail: options.detail });
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
export class CorruptStoreError extends CertflowError {
  readonly source: string;
  readonly position: number | undefined;
  readonly streamId: string | undefined;
  readonly version: number | undefined;
  constructor(
    source: string,
    detail: string,
    where: { position?: number; streamId?: string; version?: number; cause?: unknown } = {},
  ) {
    super('CORRUPT_STORE', { source, detail, position: where.position, streamId: where.streamId, version: where.version });
    this.source = source;
    this.position = where.position;
    this.streamId = where.streamId;
    this.version = where.version;
    if (where.cause !== undefined) (this as { cause?: unknown }).cause = where.cause;
  }
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

/** Human-readable multi-line form of any certflow error, in the style of zod's prettifyError. */
export function prettifyError(err: unknown, locale: Locale = 'en'): string {
  if (err instanceof ValidationError || (err instanceof CertflowError && err.code === 'VALIDATION' && Array.isArray((err as ValidationError).issues))) {
    return (err as ValidationError).issues.map((i) => `✖ ${i.message}\n  → at ${formatPath(i.path)}`).join('\n');
  }
  if (err instanceof RuleViolationError) {
    return [
      `✖ ${err.format(locale)}`,
      ...err.findings.map(
        (f) => `  ✖ ${f.ruleId}: ${f.message ?? f.outcome}\n    → ${f.cite.document} ${f.cite.clause}「${f.cite.text}」`,
      ),
    ].join('\n');
  }
  if (err instanceof CertflowError) return `✖ ${err.format(locale)}`;
  if (err instanceof Error) return `✖ ${err.message}`;
  return `✖ ${String(err)}`;
}
