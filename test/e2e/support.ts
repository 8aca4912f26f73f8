/** Shared set-up of the end-to-end suites: fixture server, browsers, the built extension. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { describe, expect } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { type BrowserKind, findBrowser, type Launched } from '../../src/cli/browsers';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';
import type { Finding, LinkRecord, Navigation } from '../../src/model/types';
import type { TabSnapshot } from '../../src/protocol/messages';
import { type Report, ReportSchema } from '../../src/report/schema';
import type { Settings } from '../../src/store/settings';
import { stubPartnero } from '../../src/stub';
import { fixtureRoutes } from './routes';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The command line's bin, as a user runs it. */
export const BIN = resolve(ROOT, 'src', 'cli', 'bin.mjs');
export const FIXTURES = resolve(ROOT, 'test', 'fixtures');
/** The extension with the permissions a user's install has (not the check's copy: src/cli/browsers.ts). */
export const AS_BUILT = { asBuilt: true } as const;

/** One fixture page and everything it must produce (see test/fixtures/README.md). */
export interface FixtureCase {
  file: string;
  query: string;
  clickTest: boolean;
  /** `rule:severity` (plus ` <- root` for a consequence) → how many such findings. */
  findings: Record<string, number>;
  /** The decoded `partnero_partner` cookie at the end of the watch, or null. */
  cookie: string | null;
  /** How many `po('transactions','create', …)` calls the page made. */
  transactions: number;
  /** Each link or embed (`linkKey`) → `client_reference_id` after the click test. */
  links: Record<string, string | null>;
  /** Navigations to Stripe checkout, `URL` or `URL (server redirect)`. */
  navigations: string[];
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

/**
 * One suite per browser under test, the browsers' suites side by side: two tests at once at
 * most (maxConcurrency in test/e2e/vitest.config.ts). Much of an end-to-end test is waiting (a
 * watch, a timeout, a hung page), and each test starts browsers of its own, so the two lanes
 * take about the time of the slower one. Tests that share a browser are marked `it.sequential`.
 */
export const eachBrowserSideBySide = describe.concurrent.each(browsersUnderTest());

/** The fixture pages, plus the few answers a real merchant server gives (see routes.ts). */
export function serveFixtures(): Promise<StaticServer> {
  return serveStatic(FIXTURES, 0, fixtureRoutes);
}

/** Distinct rule ids of a page's findings, sorted. */
export function ruleIds(findings: { rule: string }[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}

/** Findings as `rule:severity` (` <- root` for consequences) → count: what cases.json lists. */
export function findingCounts(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) {
    const key = `${f.rule}:${f.severity}${f.causedBy ? ` <- ${f.causedBy}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Navigations to Stripe checkout as cases.json lists them. */
export function checkoutNavigations(navigations: readonly Navigation[]): string[] {
  return navigations.map((n) => (n.serverRedirect ? `${n.url} (server redirect)` : n.url));
}

/** `#buy-pro` in the top frame, `frames/widget.html #buy-pro` in a frame (path without origin). */
export function linkKey(link: Pick<LinkRecord, 'frame' | 'selector'>): string {
  if (link.frame === 'top') return link.selector;
  const { pathname, search } = new URL(link.frame);
  return `${pathname.slice(1)}${search} ${link.selector}`;
}

/** Each link's `client_reference_id` after the click test; "not clicked" when it never was. */
export function linksAfterClick(
  links: readonly Pick<LinkRecord, 'frame' | 'selector' | 'afterClick'>[],
): Record<string, string | null> {
  return Object.fromEntries(
    links.map((l) => [linkKey(l), l.afterClick === undefined ? 'not clicked' : l.afterClick]),
  );
}

/**
 * Chromium: answers only Partnero requests, with the stand-in, through the DevTools protocol's
 * Fetch domain limited to Partnero's hosts. A driver that intercepts every request (as
 * `interceptTraffic` does) keeps Chromium from putting pages in its back/forward cache.
 */
export async function stubPartneroOnly(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  cdp.on(
    'Fetch.requestPaused',
    (e: { requestId: string; request: { url: string; method: string; postData?: string } }) => {
      const res = stubPartnero({ url: e.request.url, method: e.request.method, body: e.request.postData });
      const headers = { 'content-type': res.contentType, ...res.headers };
      void cdp
        .send('Fetch.fulfillRequest', {
          requestId: e.requestId,
          responseCode: res.status,
          responseHeaders: Object.entries(headers).map(([name, value]) => ({ name, value: String(value) })),
          body: Buffer.from(res.body).toString('base64'),
        })
        .catch(() => undefined);
    },
  );
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: 'https://partnero.com/*' }, { urlPattern: 'https://*.partnero.com/*' }],
  });
}

/**
 * Asks `read` again (every 50 ms, up to `timeoutMs`) until `done` holds for its answer, and
 * returns that answer: a condition polled, never a fixed sleep. A read that throws (the page
 * is between documents) is asked again. Fails naming `what`, with the last answer.
 */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | Error | undefined;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (err) {
      last = err as Error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The page's state once its watch has ended by itself (never asking the extension to end it).
 * `after`: the state of the previous document in this tab, so a reload's new page is waited for.
 */
export function watchEnded(page: Page, after?: TabSnapshot): Promise<TabSnapshot> {
  return until(
    'the end of the watch',
    () => askExtension(page, { op: 'state' }),
    (s) => s.page.watchEnded && (after === undefined || s.page.startedAt !== after.page.startedAt),
  );
}

/** The toolbar popup for `tabId`, at the popup's 360 px, once its checklist is shown. */
export async function openPopup(launched: Launched, tabId: number, dark = false): Promise<Page> {
  const popup = await launched.browser.newPage();
  await popup.setViewport({ width: 360, height: 560 });
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  await popup.goto(`${launched.extensionBase}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-row="loader"]');
  return popup;
}

/** What one run of the command line did: its exit code and what it printed. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Bytes of stdout as printed (UTF-8). */
  stdoutBytes: number;
}

/** Runs the real bin in a child process with `args` (and `env` added to this one's), in `cwd` if given. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Run> {
  return new Promise((done) => {
    // The colour variables of the shell running the tests do not reach the check unless a test sets them.
    const plain = { NO_COLOR: undefined, FORCE_COLOR: undefined };
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...plain, ...env }, cwd });
    // Buffers, decoded once at the end: a chunk may end inside a multi-byte character.
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out);
      done({
        code,
        stdout: stdout.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes: stdout.length,
      });
    });
  });
}

/** The `--json` report, checked against its schema; a check that did not run shows its stderr. */
export function report(run: Run): Report {
  expect(run.stderr).toBe('');
  return ReportSchema.parse(JSON.parse(run.stdout));
}

/** Saves the extension's settings from one of its own pages (`ext`), as the popup saves them. */
export async function saveSettings(ext: Page, settings: Settings): Promise<void> {
  await ext.evaluate(
    (value) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
      ).chrome.storage.local.set({ settings: value }),
    settings,
  );
}

/** Opens the popup in a tab of its own only to save `settings`, then closes it. */
export async function saveSettingsOnce(launched: Launched, settings: Settings): Promise<void> {
  const ext = await launched.browser.newPage();
  await ext.goto(`${launched.extensionBase}/popup.html`);
  await saveSettings(ext, settings);
  await ext.close();
}

/**
 * Selects the panel's timeline row of Team's missing id (the demo's pricing page), so a shot
 * shows the details pane too; selected, not focused: the shot shows the row, not a focus ring.
 */
export async function selectTeamFinding(panel: Page): Promise<void> {
  const list = await panel.waitForSelector('[role="listbox"]');
  await list?.focus();
  await panel.keyboard.press('End');
  for (let i = 0; i < 80; i++) {
    const selected = await panel.$eval(
      '[role="option"][aria-selected="true"]',
      (row) => row.textContent ?? '',
    );
    if (selected.includes('finding') && selected.includes('Buy Team')) {
      await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      return;
    }
    await panel.keyboard.press('ArrowUp');
  }
  throw new Error('no timeline row about Buy Team’s missing id');
}
