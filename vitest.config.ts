import { defineConfig } from 'vitest/config';

/** Unit tests: plain functions and Preact components in happy-dom; e2e has its own config. */
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
  },
});
