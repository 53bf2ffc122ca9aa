import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from './io.js';
import { exportHeader } from './jsonl.js';
import { openSource } from './sources.js';
import { buildFixtureLog, tempDir, writeJsonl } from './testFixtures.js';

describe('openSource of a format-2 JSONL export', () => {
  it('keeps its display forms for personal().display, or reads past them with displayForms: false, the events the same', async () => {
    const dir = tempDir();
    const events = await buildFixtureLog();
    const forms = (from: number) =>
      Object.fromEntries(
        Array.from({ length: 3 }, (_, k) => [`pd:s${from + k}:${'c'.repeat(64)}`, '3701**********0015']),
      );
    const file = writeJsonl(join(dir, 'masked.jsonl'), [
      exportHeader(true, 'display'),
      { certflowPersonal: { display: forms(0) } },
      { certflowPersonal: { display: forms(3) } },
      ...events,
    ]);
    const read = async (displayForms?: boolean) => {
      const source = await openSource(file, bufferIo({ cwd: dir }), displayForms === undefined ? {} : { displayForms });
      try {
        const display = (await source.personal!())!.display;
        const records: unknown[] = [];
        for await (const r of source.records()) records.push(r);
        return { display: [...display.keys()], records, eventsLine: source.eventsLine };
      } finally {
        await source.close();
      }
    };
    const kept = await read();
    expect(kept.display).toHaveLength(6);
    expect(kept.eventsLine).toBe(4);
    const dropped = await read(false);
    expect(dropped.display).toEqual([]);
    expect(dropped.eventsLine).toBe(4);
    expect(dropped.records).toEqual(kept.records);
    expect(kept.records).toHaveLength(events.length);
  });
});
