import { CertflowError } from '@certflow/core';
import { cliCatalogue, t, type CliTextKey } from './locales/index.js';
import type { CliErrorParams } from './locales/errorTypes.js';

/** Bad command line: unknown command or flag, missing argument. Exit code 2. */
export class UsageError extends CertflowError<CliErrorParams['CLI_USAGE']> {
  /** The problem in English. */
  readonly problem: string;
  readonly command: string | undefined;
  /**
   * @param problem the problem in English, or a text of the CLI's locales
   *   (`{ key, values }`), which is then worded in every locale.
   */
  constructor(problem: string | { key: CliTextKey; values?: Record<string, unknown> }, command?: string) {
    const text =
      typeof problem === 'string'
        ? { problem }
        : { problem: t('en', problem.key, problem.values), key: problem.key, values: problem.values ?? {} };
    super('CLI_USAGE', { ...text, command }, cliCatalogue);
    this.problem = text.problem;
    this.command = command;
  }
}

/** A source path that names nothing; never silently created. Exit code 2. */
export class SourceNotFoundError extends CertflowError<CliErrorParams['CLI_SOURCE_NOT_FOUND']> {
  readonly source: string;
  constructor(source: string) {
    super('CLI_SOURCE_NOT_FOUND', { source }, cliCatalogue);
    this.source = source;
  }
}

/** A masked JSONL export handed to something that needs the original hashes. Exit code 1. */
export class MaskedExportError extends CertflowError<CliErrorParams['CLI_MASKED_EXPORT']> {
  readonly source: string;
  readonly action: string;
  constructor(source: string, action: 'verified' | 'imported' | 'replayed') {
    super('CLI_MASKED_EXPORT', { source, action }, cliCatalogue);
    this.source = source;
    this.action = action;
  }
}

/** A source that holds no events at all (an empty JSONL, a store with no events). Exit code 3. */
export class EmptySourceError extends CertflowError<CliErrorParams['CLI_EMPTY_SOURCE']> {
  readonly source: string;
  readonly action: string;
  constructor(source: string, action: string) {
    super('CLI_EMPTY_SOURCE', { source, action }, cliCatalogue);
    this.source = source;
    this.action = action;
  }
}

/**
 * The source or target could not be read, reached or written (a driver or
 * file-system error, a missing schema, a file that is no certflow log).
 * Exit code 3: the tool could not run, which says nothing about the evidence.
 */
export class CannotReadError extends CertflowError<CliErrorParams['CLI_CANNOT_READ']> {
  readonly source: string;
  /** The underlying error's code where it has one (a CertflowError code, `ECONNREFUSED`, PostgreSQL `42501`). */
  readonly causeCode: string | undefined;
  constructor(
    source: string,
    detail: string,
    options: { action?: 'read' | 'write' | 'connect to'; causeCode?: string; cause?: unknown } = {},
  ) {
    super(
      'CLI_CANNOT_READ',
      { source, action: options.action ?? 'read', detail, causeCode: options.causeCode },
      cliCatalogue,
    );
    this.source = source;
    this.causeCode = options.causeCode;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A --heads file that holds neither a heads array nor a verify --json output. Exit code 2. */
export class HeadsFileError extends CertflowError<CliErrorParams['CLI_HEADS_FILE']> {
  readonly file: string;
  constructor(file: string, problem: string) {
    super('CLI_HEADS_FILE', { file, problem }, cliCatalogue);
    this.file = file;
  }
}
