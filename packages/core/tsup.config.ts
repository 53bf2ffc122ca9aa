import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// Modules whose state must be one across entries: the error classes (instanceof)
// and the message tables. The store entry takes them from the main entry.
const SHARED = new Set(['errors.ts', 'messages.ts'].map((f) => resolve('src', f)));
const shareWithMain: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'share-with-main-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      return SHARED.has(target) ? { path: '@certflow/core', external: true } : undefined;
    });
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
  },
  {
    // Fixtures need no test runner: ESM and CommonJS, core itself stays an import.
    entry: { 'fixtures/index': 'src/fixtures/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    external: ['@certflow/core'],
  },
  {
    // The store author's kit: its own functions, core's errors and messages from the main entry.
    entry: { 'store/index': 'src/store/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    external: ['@certflow/core'],
    esbuildPlugins: [shareWithMain],
  },
  {
    // The conformance suite and given/when/then helpers run inside vitest,
    // which is ESM-only, so this entry is ESM-only too.
    entry: { 'testing/index': 'src/testing/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    external: ['vitest', '@certflow/core'],
  },
]);
