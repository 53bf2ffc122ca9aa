import type { Locale } from '@certflow/core';
import type { CliIo } from './io.js';
import { t as text } from './locales/index.js';

export interface Progress {
  /**
   * Reports `done` events so far, of `total` when known; else `fraction`
   * (0..1) of the source read so far, when known (a file's bytes), gives the ETA.
   */
  update(done: number, total?: number, fraction?: number): void;
  /** Clears the line. */
  done(): void;
}

const quiet: Progress = { update() {}, done() {} };
const WIDTH = 24;

/**
 * A one-line progress indicator on stderr, only when stderr is a terminal and
 * the output is not `--json`; otherwise it writes nothing, so pipes and logs
 * stay clean. Redraws at most every `intervalMs`. `label` names the work
 * (verify, replay, read, report, export, import): under `locale` zh-CN the line
 * is in Chinese (验证 … 1200 个事件 3.4k 个事件/秒 预计剩余 12s).
 */
export function progress(
  io: CliIo,
  label: string,
  options: { json?: boolean; intervalMs?: number; now?: () => number; locale?: Locale } = {},
): Progress {
  if (options.json || !io.stderr.isTTY || io.env?.CI === 'true') return quiet;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const locale = options.locale ?? 'en';
  const name = text(locale, 'progress.label', { label });
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total, fraction) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      const seconds = (t - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const share =
        total && total > 0
          ? Math.min(1, done / total)
          : fraction !== undefined && fraction > 0
            ? Math.min(1, fraction)
            : undefined;
      const speed = rate > 0 ? ` ${text(locale, 'progress.rate', { rate: formatCount(rate) })}` : '';
      const eta =
        share !== undefined && share > 0 && seconds > 0
          ? ` ${text(locale, 'progress.eta', { eta: formatDuration((seconds * (1 - share)) / share) })}`
          : '';
      let line: string;
      if (share !== undefined) {
        const filled = Math.min(WIDTH, Math.round(share * WIDTH));
        const pct = Math.floor(share * 100);
        line = `${name} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${pct}% ${total && total > 0 ? `${done}/${total}` : text(locale, 'progress.events', { count: done })}${speed}${eta}`;
      } else {
        line = `${name} … ${text(locale, 'progress.events', { count: done })}${speed}`;
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

/** 12,345 → "12.3k", 1,234,567 → "1.23M". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** Seconds as "42s", "3m05s", "1h02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
