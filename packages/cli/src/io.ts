import type { Readable } from 'node:stream';

/** Where a command reads and writes: the process in the binary, buffers in tests. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Read by `-` sources (JSONL on standard input). */
  stdin?: Readable;
  /** Directory that relative paths are resolved against. Default `process.cwd()`. */
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** The real process streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

/** Collects everything a command writes; for tests and for embedding the CLI. */
export function bufferIo(options: { stdin?: Readable; cwd?: string; isTTY?: boolean; env?: Record<string, string | undefined> } = {}): CliIo & {
  out(): string;
  err(): string;
} {
  let out = '';
  let err = '';
  return {
    stdout: { write: (c: string) => ((out += c), true) },
    stderr: { write: (c: string) => ((err += c), true), isTTY: options.isTTY ?? false },
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}
