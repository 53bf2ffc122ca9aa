import { CertflowError, registerMessages } from '@certflow/core';

registerMessages('CLI_USAGE', {
  en: (p) => `${String(p.problem)}${p.command ? ` (see certflow ${String(p.command)} --help)` : ' (see certflow --help)'}`,
  'zh-CN': (p) => `${String(p.problem)}${p.command ? `（参见 certflow ${String(p.command)} --help）` : '（参见 certflow --help）'}`,
});
registerMessages('CLI_SOURCE_NOT_FOUND', {
  en: (p) => `source ${String(p.source)} does not exist: give a SQLite file, a postgres:// URL or a .jsonl export`,
  'zh-CN': (p) => `数据源 ${String(p.source)} 不存在：请给出 SQLite 文件、postgres:// 地址或 .jsonl 导出文件`,
});
registerMessages('CLI_MASKED_EXPORT', {
  en: (p) =>
    `${String(p.source)} is a masked export: its ID numbers were replaced, so its hashes cannot be recomputed and it cannot be ${String(p.action)}; export with --unmasked for a verifiable archive`,
  'zh-CN': (p) =>
    `${String(p.source)} 是脱敏导出：身份证号已被替换，哈希无法复算，不能${String(p.action)}；如需可验证的归档，请使用 --unmasked 导出`,
});

/** Bad command line: unknown command or flag, missing argument. Exit code 2. */
export class UsageError extends CertflowError {
  readonly problem: string;
  readonly command: string | undefined;
  constructor(problem: string, command?: string) {
    super('CLI_USAGE', { problem, command });
    this.problem = problem;
    this.command = command;
  }
}

/** A source path that names nothing; never silently created. Exit code 2. */
export class SourceNotFoundError extends CertflowError {
  readonly source: string;
  constructor(source: string) {
    super('CLI_SOURCE_NOT_FOUND', { source });
    this.source = source;
  }
}

/** A masked JSONL export handed to something that needs the original hashes. Exit code 1. */
export class MaskedExportError extends CertflowError {
  readonly source: string;
  readonly action: string;
  constructor(source: string, action: 'verified' | 'imported' | 'replayed') {
    super('CLI_MASKED_EXPORT', { source, action });
    this.source = source;
    this.action = action;
  }
}

registerMessages('CLI_EMPTY_SOURCE', {
  en: (p) => `${String(p.source)} holds no events: there is nothing to ${String(p.action)} (an empty log is not evidence)`,
  'zh-CN': (p) => `${String(p.source)} 中没有任何事件：无可${String(p.action) === 'verify' ? '验证' : '处理'}的内容（空日志不是证据）`,
});
registerMessages('CLI_CANNOT_READ', {
  en: (p) => `could not ${String(p.action)} ${String(p.source)}: ${String(p.detail)}`,
  'zh-CN': (p) => `无法${String(p.action) === 'write' ? '写入' : '读取'} ${String(p.source)}：${String(p.detail)}`,
});
registerMessages('CLI_HEADS_FILE', {
  en: (p) => `${String(p.file)} is not a heads file: ${String(p.problem)} (give the heads array or a whole verify --json output)`,
  'zh-CN': (p) => `${String(p.file)} 不是流头文件：${String(p.problem)}（请给出 heads 数组或完整的 verify --json 输出）`,
});

/** A source that holds no events at all (an empty JSONL, a store with no events). Exit code 3. */
export class EmptySourceError extends CertflowError {
  readonly source: string;
  readonly action: string;
  constructor(source: string, action: string) {
    super('CLI_EMPTY_SOURCE', { source, action });
    this.source = source;
    this.action = action;
  }
}

/**
 * The source or target could not be read, reached or written (a driver or
 * file-system error, a missing schema, a file that is no certflow log).
 * Exit code 3: the tool could not run, which says nothing about the evidence.
 */
export class CannotReadError extends CertflowError {
  readonly source: string;
  /** The underlying error's code where it has one (a CertflowError code, `ECONNREFUSED`, PostgreSQL `42501`). */
  readonly causeCode: string | undefined;
  constructor(source: string, detail: string, options: { action?: 'read' | 'write' | 'connect to'; causeCode?: string; cause?: unknown } = {}) {
    super('CLI_CANNOT_READ', { source, action: options.action ?? 'read', detail, causeCode: options.causeCode });
    this.source = source;
    this.causeCode = options.causeCode;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A --heads file that holds neither a heads array nor a verify --json output. Exit code 2. */
export class HeadsFileError extends CertflowError {
  readonly file: string;
  constructor(file: string, problem: string) {
    super('CLI_HEADS_FILE', { file, problem });
    this.file = file;
  }
}
