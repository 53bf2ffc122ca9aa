// `certflow new-pack` outside a checkout writes a standalone pack project; its
// own spec (describeRulePack) is then run here as `npm test` would run it,
// after what `npm run snapshots` does (src/digest.ts and snapshot.md), with
// the parent pack linked into node_modules as `npm install` would.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRules, renderPackSnapshot, type RulePack } from '@certflow/core';
import { loadRuleCases } from '@certflow/core/testing';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../io.js';
import { runCli } from '../runCli.js';
import { tempDir } from '../testFixtures.js';
import { packSourceDigest, writePackDigest } from './digest.js';
import { PACK_SOURCE_FILES } from './templates.js';

const repo = resolve(import.meta.dirname, '../../../..');
const folder = tempDir();
const io = bufferIo({ cwd: folder });
const code = await runCli(['new-pack', 'hubei', '--code', '420000', '--name', '湖北'], io);
const dir = join(folder, 'hubei');
// As `npm install` would: the parent pack in node_modules (its source/ holds the inherited notices).
mkdirSync(join(folder, 'node_modules', '@certflow'), { recursive: true });
symlinkSync(join(repo, 'rulepacks', 'national'), join(folder, 'node_modules', '@certflow', 'rulepack-national'), 'dir');
// As `npm run snapshots` would (scripts/snapshots.ts): the digest, then snapshot.md.
writePackDigest(dir);
const mod = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as {
  default: RulePack;
  exampleProfile: unknown;
  exampleAsOf: string;
};
writeFileSync(join(dir, 'snapshot.md'), renderPackSnapshot(mod.default));

describe('certflow new-pack outside a checkout', () => {
  it('writes a standalone pack project against the installed packages', () => {
    expect(code, io.err()).toBe(0);
    expect(io.out()).toContain(`created ${dir}`);
    expect(io.out()).toContain('next: cd hubei && npm install && npm run snapshots && npm test');
    for (const f of [
      'package.json',
      'tsconfig.json',
      'tsup.config.ts',
      'source/notice.txt',
      ...PACK_SOURCE_FILES.map((f) => `src/${f}`),
      'src/rules/ch1-conditions.ts',
      'src/digest.ts',
      'src/hubei.unit.spec.ts',
      'test/cases.yaml',
      'scripts/snapshots.ts',
      'README.md',
      'FIDELITY.md',
      'LICENSE',
      'CHANGELOG.md',
      '.gitignore',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const core = JSON.parse(readFileSync(join(repo, 'packages', 'core', 'package.json'), 'utf8')).version;
    const national = JSON.parse(readFileSync(join(repo, 'rulepacks', 'national', 'package.json'), 'utf8')).version;
    expect(pkg).toMatchObject({
      name: 'certflow-rulepack-hubei',
      dependencies: { '@certflow/rulepack-national': `^${national}` },
      peerDependencies: { '@certflow/core': `^${core}` },
      devDependencies: {
        '@certflow/core': `^${core}`,
        '@certflow/cli': `^${core}`,
        vitest: expect.any(String),
        tsx: expect.any(String),
      },
      scripts: { build: 'tsup', snapshots: 'tsx scripts/snapshots.ts', test: 'vitest run' },
    });
    expect(JSON.stringify(pkg)).not.toContain('workspace:');
    expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).not.toContain('tsconfig.base.json');
    expect(readFileSync(join(dir, 'src', 'hubei.unit.spec.ts'), 'utf8')).toContain('describeRulePack(');
  });

  it('the pack extends the installed parent, carries its source digest, and screens its example as its first case expects', () => {
    const pack = mod.default;
    expect(pack).toMatchObject({
      id: 'hubei',
      jurisdiction: { name: '湖北', code: '420000', level: 'province' },
      sourceDigest: packSourceDigest(dir),
    });
    expect(pack.parent?.id).toBe('national');
    const first = loadRuleCases(dir).cases[0]!;
    expect(mod.exampleAsOf).toBe(first.asOf);
    expect(evaluateRules(pack, mod.exampleProfile, { asOf: mod.exampleAsOf }).outcome).toBe(first.expect.outcome);
  });

  it('refuses a bad id or code, and a parent that is not installed, writing nothing', async () => {
    const where = tempDir();
    const bad = bufferIo({ cwd: where });
    expect(await runCli(['new-pack', 'Bad_Id', '--code', '42', '--extends', 'no-such-pack'], bad)).toBe(2);
    expect(bad.err()).toContain('<id> must be kebab-case');
    expect(bad.err()).toContain('--code must be a 6-digit GB/T 2260 division code');
    expect(bad.err()).toContain('--extends no-such-pack: no such rule pack is installed');
    const again = bufferIo({ cwd: folder });
    expect(await runCli(['new-pack', 'hubei', '--code', '420000'], again)).toBe(2);
    expect(again.err()).toContain('already exists');
  });
});

// The generated spec itself, as `npm test` runs it in the project.
await import(pathToFileURL(join(dir, 'src', 'hubei.unit.spec.ts')).href);
