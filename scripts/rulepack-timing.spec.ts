// Every rule pack's deadline and quota cases (the `deadlines` and `quotas`
// keys of test/cases.yaml) run through the engine with the real China
// calendar. A pack needs no code for them: its folder is enough.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '@certflow/calendar';
import type { RulePack } from '@certflow/core';
import { describeTimingCases, loadRuleCases } from '@certflow/core/testing';

const root = join(import.meta.dirname, '..', 'rulepacks');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'package.json')))
  .map((d) => d.name);
const calendar = createChinaCalendar();

describe('deadline and quota cases as data', () => {
  it('some pack states them', () => {
    const stated = folders.filter((f) => {
      const file = loadRuleCases(join(root, f));
      return (file.deadlines?.length ?? 0) + (file.quotas?.length ?? 0) > 0;
    });
    expect(stated.length).toBeGreaterThan(0);
  });
});

for (const folder of folders) {
  const pack = ((await import(pathToFileURL(join(root, folder, 'src', 'index.ts')).href)) as { default: RulePack })
    .default;
  describeTimingCases(pack, { packDir: join(root, folder), calendar });
}
