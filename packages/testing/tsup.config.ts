import { defineConfig } from 'tsup';

export default defineConfig({
  // mintkit-fake-api.ts is the CLI's bin; esbuild keeps its shebang.
  entry: ['src/index.ts', 'src/nock.ts', 'src/mintkit-fake-api.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/nock.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
