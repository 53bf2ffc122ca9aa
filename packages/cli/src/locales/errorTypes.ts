import type { CliTextKey } from './en.js';

/** The params of each error code of the CLI: what its messages in every locale read. */
export interface CliErrorParams {
  CLI_USAGE: {
    problem: string;
    command?: string | undefined;
    key?: CliTextKey | undefined;
    values?: Record<string, unknown> | undefined;
  };
  CLI_SOURCE_NOT_FOUND: { source: string };
  CLI_MASKED_EXPORT: { source: string; action: 'verified' | 'imported' | 'replayed' };
  CLI_EMPTY_SOURCE: { source: string; action: string };
  CLI_CANNOT_READ: {
    source: string;
    action: 'read' | 'write' | 'connect to';
    detail: string;
    causeCode?: string | undefined;
  };
  CLI_HEADS_FILE: { file: string; problem: string };
}
