import type { CliIo } from './io.js';

export interface Progress {
  /** Reports `done` items so far (of `total`, when known). */
  update(done: number, total?: number): void;
  /** Clears the line. */
  done(): void;
}

const quiet: Progress = { update() {}, done() {} };
const WIDTH = 24;

/**
 * A one-line progress indicator on stderr, only when stderr is a terminal and
 * the output is not `--json`; otherwise it writes nothing, so pipes and logs
 * stay clean. Redraws at most every `intervalMs`.
 */
export function progress(io: CliIo, label: string, options: { json?: boolean; intervalMs?: number; now?: () => number } = {}): Progress {
  if (options.json || !io.stderr.isTTY || io.env?.CI === 'true') return quiet;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      let line: string;
      if (total && total > 0) {
        const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
        const pct = Math.floor((done / total) * 100);
        line = `${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${pct}% ${done}/${total}`;
      } else {
        line = `${label} … ${done} events`;
      }
      io.stderr.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
