/**
 * `partnero-inspector audit` on a generated shop (audit-site.ts), through the real command
 * line: pages found from links and the sitemap, logout / PDF / robots-disallowed pages never
 * visited, every seeded problem found (pages without the loader, unattributed Payment
 * Links), and three shards merged equal to one unsharded run, in Chromium (the crawl and the
 * sharding do not depend on the browser; each page's check is check's, tested in both). In
 * Firefox, a smaller audit: the same verdicts page by page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../src/cli/static-server';
import type { Report } from '../../src/report/schema';
import { pageKind, serveAuditSite } from './audit-site';
import { browsersUnderTest, cli, report } from './support';

const PAGES = 24;
let site: StaticServer;
beforeAll(async () => {
  site = await serveAuditSite(PAGES);
});
afterAll(() => site?.close());

/** `audit` of the site as a referred visitor, offline, two pages at once; `extra` added. */
const audit = (...extra: string[]) =>
  cli([
    'audit',
    `${site.origin}/`,
    '--aff',
    'TEST',
    '--stub-partnero',
    '--concurrency',
    '2',
    '--wait',
    '1500',
    ...extra,
  ]);

/** Each page's path with its findings' rule ids: what two audits must agree on. */
const verdicts = (r: Report) =>
  Object.fromEntries(r.pages.map((p) => [new URL(p.url).pathname, p.findings.map((f) => f.rule).sort()]));

describe.skipIf(!browsersUnderTest().includes('chrome'))('audit', () => {
  let full: Report & { audit?: { skipped: { url: string; reason: string }[] } };

  it('checks every page found, skips logout, PDF and robots.txt pages, finds each seeded problem', async () => {
    const run = await audit('--json', '--max-pages', String(PAGES));
    full = report(run);
    expect(run.code).toBe(1);
    const paths = full.pages.map((p) => new URL(p.url).pathname);
    const products = Array.from({ length: PAGES - 2 }, (_, k) => `/p/${k + 1}`);
    expect([...paths].sort()).toEqual(['/', '/landing/spring', ...products].sort());
    expect(full.audit?.skipped.map((s) => new URL(s.url).pathname).sort()).toEqual([
      '/files/terms.pdf',
      '/logout',
      '/private/admin',
    ]);
    const bare = full.pages.filter((p) => p.queueName === null).map((p) => new URL(p.url).pathname);
    const seededBare = products.filter((p) => pageKind(Number(p.slice(3))) === 'no-loader');
    expect(bare.sort()).toEqual(['/landing/spring', ...seededBare].sort());
    for (const page of full.pages) {
      const i = Number(new URL(page.url).pathname.slice(3));
      const unattributed = page.findings.some(
        (f) => f.rule === 'link.missing-client-reference-id' && f.severity === 'error',
      );
      expect(unattributed, page.url).toBe(pageKind(i) === 'unattributed-link');
    }
  });

  it('the terminal report: worst first, and the pages a partner may link to that lack the loader', async () => {
    const run = await audit('--max-pages', '12');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/page\s+loader\s+links ok\/problem\s+errors\s+warnings/);
    expect(run.stdout).toContain('without the Partnero loader: a partner linking here loses the referral.');
    expect(run.stdout).toMatch(/\n {2}\/landing\/spring\n/);
    // Worst first: the first row is a page with an error.
    const firstRow = run.stdout.split('\n').find((l) => /^ {2}\/\S*\s+(yes|NO)\s/.test(l)) ?? '';
    expect(firstRow).toMatch(/\s[1-9]\d*\s+\d+$/);
  });

  it('--shard 1/3 … 3/3, merged, equal one unsharded run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-shards-'));
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const run = await audit('--json', '--max-pages', String(PAGES), '--shard', `${i}/3`);
      expect(run.stderr).toBe('');
      const file = join(dir, `shard-${i}.json`);
      writeFileSync(file, run.stdout);
      files.push(file);
    }
    const merged = await cli(['merge', ...files]);
    const joined = report(merged);
    expect(verdicts(joined)).toEqual(verdicts(full));
    expect(joined.summary).toEqual(full.summary);
  });
});

describe.skipIf(!browsersUnderTest().includes('firefox'))('audit in Firefox', () => {
  it('gives each page found the verdict its seeding asks for', async () => {
    const run = await audit('--json', '--max-pages', '9', '--concurrency', '1', '--browser', 'firefox');
    const got = report(run);
    expect(run.code).toBe(1);
    expect(got.pages).toHaveLength(9);
    const kindOf = (path: string) =>
      path === '/landing/spring' ? 'no-loader' : pageKind(Number(path.slice(3)));
    const kinds = got.pages.map((p) => kindOf(new URL(p.url).pathname));
    expect(kinds).toEqual(expect.arrayContaining(['no-loader', 'unattributed-link', 'attributed-link']));
    for (const page of got.pages) {
      const path = new URL(page.url).pathname;
      const kind = kindOf(path);
      expect(page.queueName === null, path).toBe(kind === 'no-loader');
      const unattributed = page.findings.some((f) => f.rule === 'link.missing-client-reference-id');
      expect(unattributed, path).toBe(kind === 'unattributed-link');
    }
  });
});
