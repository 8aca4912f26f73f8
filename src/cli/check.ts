/**
 * Runs one check: one browser with the built extension, the URLs as one visitor's journey,
 * and for each page the extension's own findings (one engine for popup, panel and CLI).
 */
import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer';
import type { TabSnapshot } from '../protocol/messages';
import { buildPageReport, buildReport } from '../report/build';
import type { PageReport, Report } from '../report/schema';
import type { CheckOptions } from './args';
import { askExtension } from './automation';
import { extensionDir, findBrowser, INSTALL_HINT, launchWithExtension } from './browsers';
import { interceptTraffic } from './intercept';

/** A reason the check could not run (exit 2): one line, no stack. */
export class CheckError extends Error {}

export interface CheckHooks {
  /** Called before each page is opened (for a progress line). */
  onPage?(index: number, total: number, url: string): void;
  /** Called with each page's raw snapshot (tests and the panel export read it). */
  onSnapshot?(url: string, snapshot: TabSnapshot): void;
}

type Options = Pick<
  CheckOptions,
  'urls' | 'aff' | 'param' | 'browser' | 'stubPartnero' | 'waitMs' | 'clickTest' | 'timeoutMs'
>;

export async function runCheck(
  opts: Options,
  root: string,
  version: string,
  hooks: CheckHooks = {},
): Promise<Report> {
  const executable = findBrowser(opts.browser);
  if (!executable) throw new CheckError(`no ${opts.browser} browser found: ${INSTALL_HINT[opts.browser]}`);
  const ext = extensionDir(opts.browser, root);
  if (!existsSync(ext)) throw new CheckError(`the extension is not built (${ext}): run npm run build`);
  const startedAt = new Date();
  const launched = await launchWithExtension(opts.browser, executable, ext).catch((err: Error) => {
    throw new CheckError(`could not start ${opts.browser}: ${firstLine(err.message)}`);
  });
  try {
    const page = await launched.browser.newPage();
    const traffic = await interceptTraffic(page, { stub: opts.stubPartnero });
    const pages: PageReport[] = [];
    for (const [i, url] of opts.urls.entries()) {
      const target = i === 0 && opts.aff !== undefined ? withParam(url, opts.param, opts.aff) : url;
      hooks.onPage?.(i, opts.urls.length, target);
      await open(page, target, opts.timeoutMs);
      await sleep(opts.waitMs);
      await askExtension(page, { op: 'response-bodies', bodies: traffic.takeBodies() });
      const snap = await askExtension(page, {
        op: 'finish',
        clickTest: opts.clickTest,
        expectPartnero: true,
      });
      hooks.onSnapshot?.(target, snap);
      pages.push({ ...buildPageReport(target, snap.page, snap.findings), finalUrl: page.url() });
    }
    const browser = `${opts.browser} ${(await launched.browser.version()).replace(/^[^/]*\//, '')}`;
    return buildReport({ version, browser, startedAt, pages });
  } finally {
    await launched.close();
  }
}

async function open(page: Page, url: string, timeoutMs: number): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  } catch (err) {
    const msg = firstLine((err as Error).message);
    if (/timeout/i.test(msg)) throw new CheckError(`${url} did not finish loading within ${timeoutMs} ms`);
    throw new CheckError(`cannot open ${url}: ${msg.replace(/ at https?:\/\/\S+$/, '')}`);
  }
}

/** Adds `param=value` to the URL's query (replacing an existing one). */
export function withParam(url: string, param: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(param, value);
  return u.href;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const firstLine = (s: string) => s.split('\n')[0] ?? s;
