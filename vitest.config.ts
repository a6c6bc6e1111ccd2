import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit + component tests. Node environment by default; component tests opt into jsdom
// with a `// @vitest-environment jsdom` comment at the top of the file.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['test/setup.ts'],
  },
});
