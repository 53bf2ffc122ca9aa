import { ConcurrencyError, ValidationError, type ExpectedVersion, type ValidationIssue } from './errors.js';
import type { NewEvent, StoredEvent } from './event.js';
import type { RecordedCommand } from './commandClaims.js';
import type { PersonalVault, PersonalVaultRow } from './personal/format2.js';

export type { ExpectedVersion } from './errors.js';

export interface AppendOptions {
  /**
   * A number: the stream must be at exactly that version (0 = no events yet).
   * `'no-stream'`: the stream must not exist. `'any'`: no check.
   */
  expectedVersion: ExpectedVersion;
  /**
   * Rows for the store's personal-data vault (`EventStore.vault`), written in
   * the same transaction as the events: the values and salts behind the
   * tokens of format-2 events. A store without a vault refuses them.
   */
  personal?: PersonalVaultRow[];
}

/** Options of `EventStore.importEvents`. */
export interface ImportOptions {
  /**
   * Rows for the store's personal-data vault, written in the same transaction
   * as the events: the values and salts behind the tokens of imported format-2
   * events (an export --with-personal-data carries them). Every row must open
   * its commitment; the lookup key of a 身份证号 is computed again under this
   * store's own secret (the one a row brings was keyed by the store it came
   * from). A row whose commitment the vault holds already is kept as it is; a
   * row that gives a subject another salt, or a 身份证号 another subject, is
   * refused and nothing is written. A store without a vault refuses rows.
   */
  personal?: PersonalVaultRow[];
}

export interface AppendResult {
  /** The stream's version after the append (pass it as the next expectedVersion). */
  nextExpectedVersion: number;
  /** The events as stored, with version, position, prevHash and hash. */
  events: StoredEvent[];
}

export interface ReadStreamOptions {
  /** First version to return (inclusive). Default 1. */
  fromVersion?: number;
  /** Last version to return (inclusive). Default: the head. */
  toVersion?: number;
}

export interface ReadAllOptions {
  /** First global position to return (inclusive). Default: the beginning. */
  fromPosition?: number;
  /** How many events the store fetches per round trip. Default 500. */
  batchSize?: number;
}

export type EventHandler = (event: StoredEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /** Names the subscription; its checkpoint is kept under this name. */
  name: string;
  /** Called once per event, in commit order, at least once. */
  handler: EventHandler;
  /** Position to start from (inclusive) when the subscription has no checkpoint yet. Default: the beginning. */
  from?: number;
  /**
   * Backoff after a store error (an outage, a timeout): the subscription waits
   * `initialDelayMs` (default 50), doubling up to `maxDelayMs` (default 5,000),
   * then resumes from its checkpoint. Only the handler's own error stops it.
   */
  retry?: RetryOptions;
}

export interface RetryOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** What a subscription reports of itself (see `Subscription.health`). */
export interface SubscriptionHealth {
  /**
   * `starting` (checkpoint not loaded yet), `running`, `retrying` (the store
   * failed; waiting to try again), `failed` (the handler threw: stopped for
   * good), `stopped`.
   */
  state: 'starting' | 'running' | 'retrying' | 'failed' | 'stopped';
  /** Position of the last event handled (0 before the first). */
  checkpoint: number;
  /** Events committed but not yet handled; undefined when the store cannot be asked. */
  lag: number | undefined;
  /** The most recent error, a store error that is being retried or the handler's error. */
  lastError: unknown;
  /** When `lastError` happened. */
  lastErrorAt: Date | undefined;
  /** Store errors retried since the subscription started. */
  retries: number;
}

export interface Subscription {
  readonly name: string;
  /** Resolves when every event committed before the call has been handled; rejects if the handler failed. */
  waitUntilCaughtUp(): Promise<void>;
  /** Stops delivery; resolves when the handler is no longer running. */
  stop(): Promise<void>;
  /** State, lag behind the head, and the last error (a store error being retried, or the handler's). */
  health(): Promise<SubscriptionHealth>;
}

/** An import of many batches in one transaction (`EventStore.beginImport`). */
export interface ImportTransaction {
  /** Writes one batch inside the transaction; a refused batch (ValidationError) or any failure rolls the whole transaction back. */
  write(events: StoredEvent[]): Promise<void>;
  /** Makes every batch written visible at once. */
  commit(): Promise<void>;
  /** Drops every batch written; the store is as it was before `beginImport`. Idempotent, and a no-op once committed. */
  rollback(): Promise<void>;
}

/** The one contract every store implements and the conformance suite checks. */
export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** The stream's current version, 0 if it has no events. */
  streamVersion(streamId: string): Promise<number>;
  /**
   * Optional: `streamVersion` of many streams in one call, in the order
   * given (0 for a stream with no events). A store that has it answers a
   * batch in one query (replay asks it for each batch of streams it meets).
   */
  streamVersions?(streamIds: readonly string[]): Promise<number[]>;
  subscribe(options: SubscribeOptions): Subscription;
  /**
   * Writes already-sealed events verbatim (export/import between stores).
   * Every event must verify (hash chain, versions) and continue its stream's
   * head; positions must be above the store's highest position. With
   * `options.personal`, the vault rows go in the same transaction.
   */
  importEvents(events: StoredEvent[], options?: ImportOptions): Promise<void>;
  /**
   * Opens one transaction for an import of many batches (a log too large to
   * hold): each `write` is checked as `importEvents` checks a batch, as a
   * continuation of what the store and the earlier batches hold, and nothing
   * is visible to others or kept until `commit`; `rollback`, or any batch
   * refused, leaves the store as it was. Optional: a store without it imports
   * one array at a time.
   */
  beginImport?(): Promise<ImportTransaction>;
  close(): Promise<void>;
  /**
   * The first event recorded under `commandId` that carries a
   * `meta.commandFingerprint`, or undefined. A store that has this also
   * refuses, atomically with the append and across processes, an append whose
   * events claim a commandId already recorded with another fingerprint
   * (`IdempotencyConflictError`, nothing written; see `commandClaims`): so a
   * commandId reused for a different command is caught whatever stream it
   * names. memoryStore, sqliteStore and postgresStore implement it; the
   * conformance suite checks it. Imports are taken as they are (a log written
   * before the check keeps importing and verifying).
   */
  findCommand?(commandId: string): Promise<RecordedCommand | undefined>;
  /**
   * The personal-data vault: a store that has one takes `AppendOptions.personal`
   * and the engine writes format-2 events to it (personal values as tokens,
   * see `PERSONAL_FORMAT`); a store without one gets format-1 events.
   */
  vault?: PersonalVault;
}

/** Shared expectedVersion check: throws ConcurrencyError on mismatch. */
export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  const wanted = expected === 'no-stream' ? 0 : expected;
  if (wanted !== actual) throw new ConcurrencyError(streamId, expected, actual);
}

/** The highest version an `expectedVersion` may name (a store may hold less: PostgreSQL's is 2^31−1). */
export const MAX_EXPECTED_VERSION = Number.MAX_SAFE_INTEGER;

/**
 * Checks an append's options as every store must: `expectedVersion` is an
 * integer ≥ 0, `'no-stream'` or `'any'`; anything else (a negative, a
 * fraction, NaN, a numeric string, missing options) is a ValidationError at
 * `options.expectedVersion`, and nothing is appended. Returns the expected
 * version. `max` lowers the bound for a store that cannot hold more.
 */
export function checkAppendOptions(options: unknown, max: number = MAX_EXPECTED_VERSION): ExpectedVersion {
  const expected =
    typeof options === 'object' && options !== null
      ? (options as { expectedVersion?: unknown }).expectedVersion
      : undefined;
  if (expected === 'any' || expected === 'no-stream') return expected;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0 && expected <= max) return expected;
  const received = expected === undefined ? 'undefined' : (JSON.stringify(expected) ?? String(expected));
  const issue: ValidationIssue = {
    path: ['options', 'expectedVersion'],
    code: 'invalid_expected_version',
    message: `expected a version (an integer ≥ 0), 'no-stream' or 'any', received ${received}`,
    expected: "integer ≥ 0 | 'no-stream' | 'any'",
    received,
  };
  throw new ValidationError([issue], 'append');
}
