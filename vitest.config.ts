import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
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
    // vitest's default is one worker per core but one, which on CI's 2 cores is a single worker
    // and one idle core. Test files share nothing they write (temporary folders are mkdtemp'd).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
