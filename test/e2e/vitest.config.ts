import { defineConfig } from 'vitest/config';

/** End-to-end: real browsers, one file at a time (our machines have 2 cores). */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/offline.ts'],
    setupFiles: ['test/e2e/offline-check.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    // Tests at once within a file (the browsers' lanes, support.ts): our machines have 2 cores.
    maxConcurrency: 2,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
