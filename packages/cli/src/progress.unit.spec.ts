import { describe, expect, it } from 'vitest';
import { bufferIo } from './io.js';
import { progress } from './progress.js';

describe('progress', () => {
  it('draws a bar on a terminal and clears it when done', () => {
    const io = bufferIo({ isTTY: true });
    const p = progress(io, 'replay', { intervalMs: 0 });
    p.update(5, 10);
    expect(io.err()).toContain('replay [');
    expect(io.err()).toContain('50% 5/10');
    p.update(7);
    expect(io.err()).toContain('replay … 7 events');
    p.done();
    expect(io.err().endsWith('\r\x1b[2K')).toBe(true);
    expect(io.out()).toBe('');
  });

  it('shows events/s, and an ETA from the total or from the share of the source read', () => {
    let t = 0;
    const io = bufferIo({ isTTY: true });
    const p = progress(io, 'verify', { intervalMs: 0, now: () => t });
    t = 2000;
    p.update(50_000, 200_000);
    expect(io.err()).toContain('25% 50000/200000 25.0k events/s ETA 6s');
    t = 4000;
    p.update(60_000, undefined, 0.5);
    expect(io.err()).toContain('50% 60000 events 15.0k events/s ETA 4s');
    t = 130_000;
    p.update(1_300_000, undefined, 0.25);
    expect(io.err()).toContain('ETA 6m30s');
    p.update(10);
    expect(io.err()).toContain('verify … 10 events');
  });

  it('speaks Chinese under zh-CN: the work, the events, the rate and the ETA', () => {
    let t = 0;
    const io = bufferIo({ isTTY: true });
    const p = progress(io, 'verify', { intervalMs: 0, now: () => t, locale: 'zh-CN' });
    t = 2000;
    p.update(50_000, 200_000);
    expect(io.err()).toContain('验证 [');
    expect(io.err()).toContain('25% 50000/200000 25.0k 个事件/秒 预计剩余 6s');
    p.update(7);
    expect(io.err()).toContain('验证 … 7 个事件');
    progress(io, 'import', { intervalMs: 0, locale: 'zh-CN' }).update(3);
    expect(io.err()).toContain('导入 … 3 个事件');
    expect(io.err()).not.toMatch(/events|ETA|verify|import/);
  });

  it('writes nothing when stderr is not a terminal, under --json, or under CI', () => {
    for (const io of [bufferIo({ isTTY: false }), bufferIo({ isTTY: true, env: { CI: 'true' } })]) {
      const p = progress(io, 'verify', { intervalMs: 0 });
      p.update(1, 2);
      p.done();
      expect(io.err()).toBe('');
    }
    const tty = bufferIo({ isTTY: true });
    progress(tty, 'verify', { json: true, intervalMs: 0 }).update(1, 2);
    expect(tty.err()).toBe('');
  });
});
