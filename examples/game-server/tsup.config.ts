import { defineConfig } from 'tsup';

// The demo is an app, not a library: one ESM bundle, no type declarations.
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
