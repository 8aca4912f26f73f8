import { defineConfig } from 'vitest/config';

/**
 * Tests whose modules keep state of their own between files (the background's store and
 * navigation records, the bridge's page-wide listeners): each file gets fresh modules.
 */
const ISOLATED = [
  'src/bridge/**/*.test.{ts,tsx}',
  'src/store/**/*.test.{ts,tsx}',
  'test/unit/**/*.test.{ts,tsx}',
];

/**
 * Unit tests: plain functions and Preact components in happy-dom; e2e has its own config.
 * The rest share one environment per worker (`isolate: false`): setting one up per file was
 * most of the run's time (`npm run test:unit`, which runs the two projects one after the
 * other, takes 45 s where one isolated run took 93 s on our 2-core machine), and those files
 * pass in any order (`--sequence.shuffle`). test/unit/setup.ts unmounts components after each test.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    environment: 'happy-dom',
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['test/unit/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['src/**/*.test.{ts,tsx}'], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
