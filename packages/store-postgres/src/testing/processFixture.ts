import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { streamKind } from '@certflow/core';

/**
 * Multi-process fixture: spawns TypeScript worker scripts with
 * `node --import tsx`, from the repository root so the tsconfig paths resolve
 * `@certflow/*` to sources, and collects the JSON lines each worker prints.
 * Workers report with `emit(...)`; what a worker acknowledged is compared with
 * what the database holds afterwards. Reusable for any worker script (a store,
 * or later an engine with quotas).
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface WorkerHandle {
  child: ChildProcess;
  /** Every JSON line the worker printed so far. */
  messages: Record<string, unknown>[];
  /** Resolves with the first message (already printed or still to come) that matches. */
  next(match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function spawnWorker(script: string, args: string[], env: Record<string, string> = {}): WorkerHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const messages: Record<string, unknown>[] = [];
  const waiting: Array<{
    match: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }> = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const m = JSON.parse(line) as Record<string, unknown>;
      messages.push(m);
      for (const w of [...waiting]) {
        if (w.match(m)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    messages,
    next(match) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiting.push({ match, resolve }));
    },
    done,
  };
}

/** In a worker: print one JSON message for the parent. */
export function emit(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/**
 * In a worker: where `@certflow/core` was loaded from, read off the stack of an
 * error thrown inside core: 'source' when the tsconfig paths applied.
 */
export function coreOrigin(): 'source' | 'dist' | 'unknown' {
  let stack = '';
  try {
    streamKind('not a stream id');
  } catch (e) {
    stack = (e as Error).stack ?? '';
  }
  if (/packages[\\/]core[\\/]src[\\/]/.test(stack)) return 'source';
  if (/core[\\/]dist[\\/]/.test(stack)) return 'dist';
  return 'unknown';
}
