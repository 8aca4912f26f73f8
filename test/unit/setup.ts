/**
 * Every unit test file, after each test: rendered components are unmounted and the document
 * emptied. @testing-library/preact registers that itself, but only when a file first imports
 * it: the unit run shares one environment between files (`isolate: false`, vitest.config.ts).
 */
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
