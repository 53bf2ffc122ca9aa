// Every folder under rulepacks/ is a complete pack: the package its name
// promises, the pack as its default export, documented, snapshotted, run by
// the shared harness, and discovered by the CLI. A pack that misses one of these
// fails here rather than in a host system.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ownRules } from '@certflow/core/testing';
import type { RulePack } from '@certflow/core';
import { discoverPacks } from '@certflow/cli';

const discovered = discoverPacks({ cwd: import.meta.dirname });

const root = join(import.meta.dirname, '..', 'rulepacks');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'package.json')))
  .map((d) => d.name);

describe('rule packs of the repository', () => {
  it('there are the base and the five regional packs at least', () => {
    expect(folders).toEqual(
      expect.arrayContaining([
        'national',
        'shandong',
        'fujian-fuzhou',
        'shanghai',
        'sichuan-technical-schools',
        'national-industry-pilot',
      ]),
    );
  });

  for (const folder of folders) {
    describe(folder, () => {
      const dir = join(root, folder);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        exports?: Record<string, unknown>;
        files?: string[];
      };

      it(`is the package @certflow/rulepack-${folder}, shipping its notices`, () => {
        expect(pkg.name).toBe(`@certflow/rulepack-${folder}`);
        expect(pkg.exports?.['.']).toBeDefined();
        expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'source']));
      });

      it('default-exports a pack whose id is the folder name', async () => {
        const mod = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as { default: RulePack };
        expect(mod.default.id).toBe(folder);
        expect(mod.default.hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('documents every rule it defines in its README', async () => {
        const pack = ((await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as { default: RulePack })
          .default;
        const readme = readFileSync(join(dir, 'README.md'), 'utf8');
        const undocumented = ownRules(pack)
          .map((r) => r.id)
          .filter((id) => !readme.includes(id));
        expect(undocumented, 'rule ids missing from README.md').toEqual([]);
      });

      it('has a snapshot and a spec that runs the shared harness', () => {
        expect(existsSync(join(dir, 'snapshot.md'))).toBe(true);
        const specs = readdirSync(join(dir, 'src')).filter((f) => f.endsWith('.spec.ts'));
        const runsHarness = specs.some((f) => readFileSync(join(dir, 'src', f), 'utf8').includes('describeRulePack('));
        expect(runsHarness, 'no spec calls describeRulePack').toBe(true);
      });

      it('is discovered by the CLI, so `certflow replay` can re-check its decisions', () => {
        expect(discovered.find((p) => p.id === folder)).toMatchObject({
          name: `@certflow/rulepack-${folder}`,
          from: 'checkout',
        });
      });
    });
  }
});
