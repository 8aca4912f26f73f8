/**
 * Every fixture page, in every browser, through the real extension: correct integrations
 * give zero errors and zero warnings, each failure page exactly its expected rule ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checker, openChecker } from '../../src/cli/check';
import type { StaticServer } from '../../src/cli/static-server';
import { browsersUnderTest, CASES, ROOT, ruleIds, serveFixtures } from './support';

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server?.close());

describe.each(browsersUnderTest())('%s', (kind) => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await openChecker(kind, ROOT, { stubPartnero: true });
  });
  afterAll(() => checker?.close());

  it.each(CASES.map((c) => [c.file + c.query, c] as const))('%s', async (_name, c) => {
    const [result] = await checker.checkJourney({
      urls: [`${server.origin}/${c.file}${c.query}`],
      aff: undefined,
      param: 'aff',
      waitMs: 1500,
      clickTest: c.clickTest,
      timeoutMs: 20_000,
    });
    const findings = result?.snapshot.findings ?? [];
    expect(ruleIds(findings), c.why).toEqual([...c.expect].sort());
    if (c.expect.every((id) => findings.find((f) => f.rule === id)?.severity === 'info')) {
      expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    }
  });
});
