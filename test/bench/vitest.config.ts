import { defineConfig } from 'vitest/config';

/** `npm run bench`: measurements printed side by side; nothing here asserts a time. */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['test/bench/**/*.measure.ts'],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
    environment: 'happy-dom',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
