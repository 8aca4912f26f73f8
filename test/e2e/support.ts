/** Shared set-up of the end-to-end suites: fixture server, browsers, the built extension. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserKind, findBrowser } from '../../src/cli/browsers';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURES = resolve(ROOT, 'test', 'fixtures');

export interface FixtureCase {
  file: string;
  query: string;
  clickTest: boolean;
  expect: string[];
  why: string;
}

export const CASES: FixtureCase[] = JSON.parse(readFileSync(resolve(FIXTURES, 'cases.json'), 'utf8'));

/** Browsers to test: both by default; E2E_BROWSERS=chrome narrows it. A missing one fails loudly. */
export function browsersUnderTest(): BrowserKind[] {
  const wanted = (process.env.E2E_BROWSERS ?? 'chrome,firefox')
    .split(',')
    .map((s) => s.trim()) as BrowserKind[];
  for (const kind of wanted) {
    if (!findBrowser(kind))
      throw new Error(`e2e needs ${kind}: run npm test (it installs browsers) or set E2E_BROWSERS`);
  }
  return wanted;
}

export function serveFixtures(): Promise<StaticServer> {
  return serveStatic(FIXTURES);
}

/** Distinct rule ids of a page's findings, sorted. */
export function ruleIds(findings: { rule: string }[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}
