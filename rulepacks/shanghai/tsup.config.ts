import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'locales/index': 'src/locales/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  cjsInterop: true,
  external: ['@certflow/core', '@certflow/rulepack-national'],
});
