// A pack's hash is its identity in every decision a log records, so it must
// not depend on how the pack was loaded: TS source (vitest, tsx), ESM and CJS
// builds (tsup, as dist is made) and a minified bundle all give the same
// hash. It comes from the source digest in each pack's src/digest.ts, which
// this file recomputes from the sources (drift), and which changes with any
// source change but not with line endings.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RulePack } from '@certflow/core';
import { digestModule, packSourceDigest, packSourceFiles } from './pack-digest.js';

const repo = resolve(import.meta.dirname, '..');
const root = join(repo, 'rulepacks');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'src', 'index.ts')))
  .map((d) => d.name);
const work = join(repo, '.tmp', `pack-identity-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const load = async (folder: string) =>
  ((await import(pathToFileURL(join(root, folder, 'src', 'index.ts')).href)) as { default: RulePack }).default;

describe('source digests', () => {
  for (const folder of folders) {
    it(`${folder}: src/digest.ts holds the digest of its sources, and the pack carries it (run \`pnpm snapshots\` after a change)`, async () => {
      const digest = packSourceDigest(join(root, folder));
      expect(
        readFileSync(join(root, folder, 'src', 'digest.ts'), 'utf8'),
        `rulepacks/${folder}/src/digest.ts drifted: run \`pnpm snapshots\``,
      ).toBe(digestModule(digest));
      expect((await load(folder)).sourceDigest).toBe(digest);
    });
  }

  it('changes when any source changes, not when line endings do, and ignores specs', () => {
    const copy = mkdtempSync(join(tmpdir(), 'certflow-digest-'));
    try {
      cpSync(join(root, 'shandong', 'src'), join(copy, 'src'), { recursive: true });
      const before = packSourceDigest(copy);
      const files = packSourceFiles(copy);
      expect(files).toContain('limits.ts');
      expect(files.some((f) => f.endsWith('.spec.ts') || f === 'digest.ts')).toBe(false);

      const scope = join(copy, 'src', 'limits.ts');
      const text = readFileSync(scope, 'utf8');
      writeFileSync(scope, text.replace(/\n/g, '\r\n'));
      expect(packSourceDigest(copy)).toBe(before);

      writeFileSync(scope, text.replace('MAX_OCCUPATIONS = 3', 'MAX_OCCUPATIONS = 4'));
      expect(text).toContain('MAX_OCCUPATIONS = 3');
      expect(packSourceDigest(copy)).not.toBe(before);

      writeFileSync(scope, text);
      writeFileSync(join(copy, 'src', 'extra.unit.spec.ts'), 'export {};\n');
      expect(packSourceDigest(copy)).toBe(before);
      mkdirSync(join(copy, 'src', 'locales'), { recursive: true });
      writeFileSync(join(copy, 'src', 'locales', 'en.ts'), 'export const en = {};\n');
      expect(packSourceDigest(copy)).toBe(before);
      writeFileSync(join(copy, 'src', 'extra.ts'), 'export {};\n');
      expect(packSourceDigest(copy)).not.toBe(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('one pack loaded four ways has one hash', () => {
  // shandong extends national: the parent's hash is part of the child's.
  const entry = join(root, 'shandong', 'src', 'index.ts');
  const sources = {
    name: 'certflow-sources',
    setup(build: { onResolve: (o: { filter: RegExp }, f: (a: { path: string }) => { path: string }) => void }) {
      build.onResolve({ filter: /^@certflow\// }, (a) => {
        const pack = /^@certflow\/rulepack-(.+)$/.exec(a.path);
        if (pack) return { path: join(root, pack[1]!, 'src', 'index.ts') };
        if (a.path === '@certflow/core/testing')
          return { path: join(repo, 'packages', 'core', 'src', 'testing', 'index.ts') };
        return { path: join(repo, 'packages', a.path.slice('@certflow/'.length), 'src', 'index.ts') };
      });
    },
  };
  const bundle = async (format: 'esm' | 'cjs', minify: boolean) => {
    const { build } = await import('tsup');
    const outDir = join(work, `${format}${minify ? '-min' : ''}`);
    await build({
      config: false,
      entry: { index: entry },
      format: [format],
      outDir,
      platform: 'node',
      target: 'node20',
      bundle: true,
      minify,
      silent: true,
      dts: false,
      sourcemap: false,
      noExternal: [/.*/],
      esbuildPlugins: [sources as never],
    });
    return join(outDir, readdirSync(outDir).find((f) => /^index\.(c?js|mjs)$/.test(f))!);
  };

  it('TS source under vitest, TS source under tsx, ESM and CJS builds, and a minified bundle', async () => {
    mkdirSync(work, { recursive: true });
    const fromVitest = await load('shandong');

    const script = join(work, 'print-hash.ts');
    writeFileSync(
      script,
      `import { shandong } from '@certflow/rulepack-shandong';\nconsole.log(JSON.stringify({ hash: shandong.hash, parent: shandong.parent?.hash }));\n`,
    );
    const tsx = spawnSync(process.execPath, [join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(tsx.stderr).toBe('');
    const fromTsx = JSON.parse(tsx.stdout) as { hash: string; parent: string };

    const esm = ((await import(pathToFileURL(await bundle('esm', false)).href)) as { shandong: RulePack }).shandong;
    const cjs = (createRequire(import.meta.url)(await bundle('cjs', false)) as { shandong: RulePack }).shandong;
    const minified = ((await import(pathToFileURL(await bundle('esm', true)).href)) as { shandong: RulePack }).shandong;
    // The builds really are different code: the hash of function text would differ.
    expect(minified.rules[0]!.evaluate.toString()).not.toBe(fromVitest.rules[0]!.evaluate.toString());

    const hashes = {
      vitest: fromVitest.hash,
      tsx: fromTsx.hash,
      esm: esm.hash,
      cjs: cjs.hash,
      minified: minified.hash,
    };
    expect(hashes).toEqual({
      vitest: fromVitest.hash,
      tsx: fromVitest.hash,
      esm: fromVitest.hash,
      cjs: fromVitest.hash,
      minified: fromVitest.hash,
    });
    expect([fromTsx.parent, esm.parent?.hash, cjs.parent?.hash, minified.parent?.hash]).toEqual(
      Array(4).fill(fromVitest.parent!.hash),
    );
    // The hashes 1.0.0 recorded before the digest (tsx, dist ESM, dist CJS) are kept as known builds.
    expect(fromVitest.releases.find((r) => r.version === '1.0.0')?.knownHashes).toEqual(
      expect.arrayContaining([
        'a9489a6db7b8b1df64709798587e17a51a9f31834bb1026201c699290c1bc1c6',
        '25b8c7f0358536448954564c82183ae86927eabfd40a37ecf954ef2c05aee60c',
        '5f3c4303c38d0e136c706024fcdd424bd592802dc4d4c8a2d46a704ffd9561d6',
      ]),
    );
    expect(fromVitest.knownHashes[0]).toBe(fromVitest.hash);
  }, 120_000);
});
