// A pack scaffolded by `pnpm create-pack` passes, untouched, what `pnpm test`
// holds every pack to. The scaffold runs in a temporary checkout — a copy of
// the repository's configs, scripts/ and docs/snippets/, with packages/,
// node_modules/ and the shipped packs linked — and then a vitest run there
// executes the repository's own pack checks, filtered to the new pack:
//   scripts/rulepacks.spec.ts        the package, its default export, README rule table, snapshot, harness, CLI discovery
//   scripts/rulepack-examples.spec.ts its example profile
//   scripts/pack-identity.spec.ts    src/digest.ts drift (the pack's hash)
//   scripts/fidelity.spec.ts         FIDELITY.md against the pack and its tests
//   docs/snippets/snippets.spec.ts   the README's sample is quoted from its snippet, and the snippet runs
//   rulepacks/<id>/src/*.spec.ts     the pack's own tests: the meta-test, its cases, snapshot drift
// and Biome's linter (`pnpm lint`) over the new pack and the docs snippets.
// Only these (not the whole suite), so it stays fast enough for CI (about 15 s).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const ID = 'example-town';
const checkout = mkdtempSync(join(tmpdir(), 'certflow-checkout-'));
afterAll(() =>
  process.env.KEEP_CHECKOUT ? console.log(checkout) : rmSync(checkout, { recursive: true, force: true }),
);

function makeCheckout(): void {
  for (const f of [
    'package.json',
    'pnpm-workspace.yaml',
    'tsconfig.json',
    'tsconfig.base.json',
    'vitest.config.ts',
    'biome.json',
    '.gitignore',
    'README.md',
  ])
    copyFileSync(join(repo, f), join(checkout, f));
  cpSync(join(repo, 'scripts'), join(checkout, 'scripts'), {
    recursive: true,
    filter: (src) => !src.endsWith('create-pack-untouched.spec.ts'),
  });
  cpSync(join(repo, 'docs', 'snippets'), join(checkout, 'docs', 'snippets'), { recursive: true });
  for (const f of readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')))
    copyFileSync(join(repo, 'docs', f), join(checkout, 'docs', f));
  symlinkSync(join(repo, 'packages'), join(checkout, 'packages'), 'dir');
  // node_modules entry by entry, so the run's caches (node_modules/.vite) stay in the temporary checkout.
  mkdirSync(join(checkout, 'node_modules'));
  for (const e of readdirSync(join(repo, 'node_modules')).filter((e) => e !== '.vite'))
    symlinkSync(join(repo, 'node_modules', e), join(checkout, 'node_modules', e));
  mkdirSync(join(checkout, 'rulepacks'));
  for (const p of readdirSync(join(repo, 'rulepacks')))
    symlinkSync(join(repo, 'rulepacks', p), join(checkout, 'rulepacks', p), 'dir');
}

describe('a pack scaffolded by pnpm create-pack', () => {
  it("passes the repository's pack checks untouched", () => {
    makeCheckout();
    const pnpm = spawnSync('pnpm', ['create-pack', ID, '--code', '350203', '--name', '样例镇'], {
      cwd: checkout,
      encoding: 'utf8',
    });
    expect(pnpm.status, pnpm.stderr).toBe(0);
    expect(pnpm.stdout).toContain(`created rulepacks/${ID}`);

    const report = join(checkout, 'vitest-report.json');
    const specs = [
      'scripts/rulepacks.spec.ts',
      'scripts/rulepack-examples.spec.ts',
      'scripts/pack-identity.spec.ts',
      'scripts/fidelity.spec.ts',
      'docs/snippets/snippets.spec.ts',
      `rulepacks/${ID}`,
    ];
    const run = spawnSync(
      process.execPath,
      [
        join(repo, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        ...specs,
        '-t',
        ID,
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      {
        cwd: checkout,
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
      },
    );
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      testResults: {
        name: string;
        status: string;
        message?: string;
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
      }[];
    };
    const results = json.testResults.flatMap((f) =>
      f.assertionResults.map((a) => ({
        file: f.name.slice(checkout.length + 1).replace(/^.*?(scripts|docs|rulepacks)\//, '$1/'),
        ...a,
      })),
    );
    expect(
      json.testResults
        .filter((f) => f.status === 'failed' && f.assertionResults.length === 0)
        .map((f) => `${f.name}: ${f.message}`),
    ).toEqual([]);
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed.map((f) => `${f.file} › ${f.fullName}: ${f.failureMessages[0]?.split('\n')[0]}`)).toEqual([]);
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    // Each check ran on the new pack (none was filtered away to nothing).
    const passed = (file: string, title: RegExp) =>
      results.some((r) => r.file.startsWith(file) && r.status === 'passed' && title.test(r.fullName));
    expect(passed('scripts/rulepacks.spec.ts', /is discovered by the CLI/)).toBe(true);
    expect(passed('scripts/rulepacks.spec.ts', /documents every rule it defines in its README/)).toBe(true);
    expect(passed('scripts/rulepack-examples.spec.ts', new RegExp(`${ID}: exampleProfile`))).toBe(true);
    expect(passed('scripts/pack-identity.spec.ts', new RegExp(`${ID}: src/digest.ts`))).toBe(true);
    expect(passed('scripts/fidelity.spec.ts', /has a row for every rule/)).toBe(true);
    expect(passed('docs/snippets/snippets.spec.ts', new RegExp(`rulepacks/${ID}/README.md:\\d+ quotes`))).toBe(true);
    expect(passed('docs/snippets/snippets.spec.ts', new RegExp(`rulepack-${ID}.ts runs`))).toBe(true);
    expect(passed(`rulepacks/${ID}`, /snapshot.md matches the pack/)).toBe(true);
    expect(passed(`rulepacks/${ID}`, /registered outside/)).toBe(true);

    const lint = spawnSync(
      process.execPath,
      [join(repo, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'lint', `rulepacks/${ID}`, 'docs/snippets'],
      { cwd: checkout, encoding: 'utf8' },
    );
    expect(lint.status, `${lint.stdout}${lint.stderr}`.slice(-2000)).toBe(0);
  }, 180_000);
});
