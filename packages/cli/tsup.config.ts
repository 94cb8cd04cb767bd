import { defineConfig } from 'tsup';

// ESM only: the package is a bin plus a small programmatic entry (`runCli`) for tests and scripts.
export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
