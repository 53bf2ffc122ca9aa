import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against sources, so a change in one package is seen by the
    // others without a build. The built packages are checked separately
    // (scripts/check-packages.mjs).
    alias: [
      { find: /^@certflow\/core\/testing$/, replacement: here('./packages/core/src/testing/index.ts') },
      { find: /^@certflow\/core\/fixtures$/, replacement: here('./packages/core/src/fixtures/index.ts') },
      { find: /^@certflow\/core\/store$/, replacement: here('./packages/core/src/store/index.ts') },
      { find: /^@certflow\/rulepack-([^/]+)\/locales$/, replacement: here('./rulepacks/$1/src/locales/index.ts') },
      { find: /^@certflow\/rulepack-(.+)$/, replacement: here('./rulepacks/$1/src/index.ts') },
      {
        find: /^@certflow\/(core|calendar|store-sqlite|store-postgres|cli)$/,
        replacement: here('./packages/$1/src/index.ts'),
      },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.spec.ts',
      'rulepacks/*/src/**/*.spec.ts',
      'rulepacks/*/test/**/*.spec.ts',
      'examples/*/src/**/*.spec.ts',
      'scripts/**/*.spec.ts',
      'docs/**/*.spec.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
