import { defineConfig } from 'tsup';

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
