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

/**
 * A stream that goes quiet once its reader has gone (EPIPE: `certflow verify
 * x | head -1`): later writes are dropped instead of raising, so the command
 * finishes with its own exit code and no stack trace.
 */
export function quietOnEpipe(stream: NodeJS.WriteStream): { write(chunk: string): boolean; isTTY?: boolean } {
  let gone = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') gone = true;
    else throw e;
  });
  return {
    write(chunk: string) {
      if (gone) return true;
      try {
        return stream.write(chunk);
      } catch (e) {
        if (
          (e as NodeJS.ErrnoException).code === 'EPIPE' ||
          (e as NodeJS.ErrnoException).code === 'ERR_STREAM_DESTROYED'
        ) {
          gone = true;
          return true;
        }
        throw e;
      }
    },
    ...(stream.isTTY ? { isTTY: true } : {}),
  };
}

/** The real process streams (standard output and error quiet once their reader has gone). */
export function processIo(): CliIo {
  return {
    stdout: quietOnEpipe(process.stdout),
    stderr: quietOnEpipe(process.stderr),
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  };
}

const COLOURS = { ok: '\x1b[32m', bad: '\x1b[31m' } as const;

/**
 * Colours a line for standard error when it is a terminal, unless `NO_COLOR`
 * is set (to anything but the empty string, https://no-color.org) or `TERM`
 * is `dumb`. Piped or redirected output is never coloured.
 */
export function paint(io: CliIo, kind: keyof typeof COLOURS, text: string): string {
  const env = io.env ?? {};
  const off = !io.stderr.isTTY || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb';
  return off ? text : `${COLOURS[kind]}${text}\x1b[0m`;
}

/** Collects everything a command writes; for tests and for embedding the CLI. */
export function bufferIo(
  options: { stdin?: Readable; cwd?: string; isTTY?: boolean; env?: Record<string, string | undefined> } = {},
): CliIo & {
  out(): string;
  err(): string;
} {
  let out = '';
  let err = '';
  return {
    stdout: {
      write: (c: string) => {
        out += c;
        return true;
      },
    },
    stderr: {
      write: (c: string) => {
        err += c;
        return true;
      },
      isTTY: options.isTTY ?? false,
    },
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}
