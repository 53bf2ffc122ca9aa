import { defineConfig } from 'tsup';

const external = ['@certflow/core', '@certflow/store-sqlite', '@certflow/store-postgres'];

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    external,
  },
  {
    // The `certflow` binary: ESM only, loads the stores lazily.
    // verifyWorker: the worker thread of `verify` (parallelVerify.ts), a file of its own beside bin.js;
    // replayWorker: that of `replay` (replay/parallel.ts); reportWorker: that of `report --pages` (report/parallel.ts).
    entry: {
      bin: 'src/bin.ts',
      verifyWorker: 'src/verifyWorker.ts',
      replayWorker: 'src/replay/replayWorker.ts',
      reportWorker: 'src/report/reportWorker.ts',
    },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    external,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
