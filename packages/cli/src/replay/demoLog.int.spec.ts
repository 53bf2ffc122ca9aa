// The demo log written under the 1.0.0 packs (before a pack's hash came from
// its source digest) replays clean under the current packs: its recorded
// hashes are known builds of 1.0.0, its decisions are reproduced.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';

const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'demo-log-1.0.0.jsonl');

describe('the demo log of the 1.0.0 packs', () => {
  it('replays with every decision reproduced, its hashes known builds of 1.0.0, exit 0', async () => {
    const io = bufferIo();
    const code = await runCli(['replay', fixture, '--json'], io);
    const r = JSON.parse(io.out());
    expect(io.err()).toBe('');
    expect(r.integrity).toEqual([]);
    expect(r.failed).toEqual([]);
    expect(r.decisions).toMatchObject({
      rechecked: 13,
      mismatched: [],
      packChanged: [],
      knownBuild: 13,
      unavailable: [],
      errors: [],
    });
    expect(code).toBe(0);
  });

  it('says so in text', async () => {
    const io = bufferIo();
    expect(await runCli(['replay', fixture], io)).toBe(0);
    expect(io.out()).toContain('13 decisions recorded by an earlier known build of their pack version');
    expect(io.out()).toContain('✔ every stream rebuilds and every decision is reproduced');
  });

  it('--under fujian-fuzhou@1.1.0 lists what the fixes change: none of the recorded decisions (they change roles, a deadline and scope amendments, which this log has none of)', async () => {
    const io = bufferIo();
    expect(await runCli(['replay', fixture, '--under', 'fujian-fuzhou@1.1.0', '--json'], io)).toBe(0);
    const r = JSON.parse(io.out());
    expect(r.under).toEqual({ pack: 'fujian-fuzhou@1.1.0', compared: 3, changed: [] });
  });

  it('--under shandong@1.1.0 lists what the fix changes: none of the recorded decisions (it changes an application at the province by a kind the notice does not name, which this log has none of)', async () => {
    const io = bufferIo();
    expect(await runCli(['replay', fixture, '--under', 'shandong@1.1.0', '--json'], io)).toBe(0);
    const r = JSON.parse(io.out());
    expect(r.under.pack).toBe('shandong@1.1.0');
    expect(r.under.compared).toBeGreaterThan(0);
    expect(r.under.changed).toEqual([]);
  });

  it('--under <pack>@1.1.1 changes exactly what --under <pack>@1.1.0 changes: 1.1.1 moved sources, not rules', async () => {
    const under = async (spec: string) => {
      const io = bufferIo();
      expect(await runCli(['replay', fixture, '--under', spec, '--json'], io)).toBe(0);
      const { compared, changed } = (
        JSON.parse(io.out()) as { under: { compared: number; changed: { evaluatedUnder: string }[] } }
      ).under;
      // Each change names the version it was evaluated under; the rest is what the version decides.
      return { compared, changed: changed.map(({ evaluatedUnder: _v, ...c }) => c) };
    };
    let compared = 0;
    for (const id of [
      'national',
      'shandong',
      'fujian-fuzhou',
      'shanghai',
      'sichuan-technical-schools',
      'national-industry-pilot',
    ]) {
      const [v110, v111] = [await under(`${id}@1.1.0`), await under(`${id}@1.1.1`)];
      expect({ compared: v111.compared, changed: v111.changed }, id).toEqual({
        compared: v110.compared,
        changed: v110.changed,
      });
      compared += v111.compared;
    }
    expect(compared).toBeGreaterThan(0);
  });
});
