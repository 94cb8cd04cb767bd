import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, file = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

// Tests run against the TypeScript sources, so `pnpm test` needs no build first.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@mintkit\/core$/, replacement: src('core') },
      { find: /^@mintkit\/cli$/, replacement: src('cli') },
      { find: /^@mintkit\/erc1155-inventory$/, replacement: src('erc1155-inventory') },
      { find: /^@mintkit\/sqlite$/, replacement: src('sqlite') },
      { find: /^@mintkit\/testing\/nock$/, replacement: src('testing', 'nock.ts') },
      { find: /^@mintkit\/testing$/, replacement: src('testing') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    setupFiles: ['./test/setup/no-unexpected-logs.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'] },
    testTimeout: 20_000,
  },
});
