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
