/**
 * Durable within a microtask: what a page reported reaches the verdict, whatever the order in
 * which the worker hears of it and whenever the browser stops the worker.
 *
 * - 200 frames (test/fixtures/hostile/many-frames.html): a frame can report before the top
 *   frame's commit is heard, or before the top document's first message; the page's reset
 *   must not take the frames' reports with it. Checked by the command line, run after run, and
 *   in the one tab where Chromium never tells the extension of the commit (the tab the browser
 *   opened with, older than the extension): there every frame reports to a page not yet known.
 * - A transaction made just before the service worker is stopped is still in the state the
 *   restarted worker reads back (Chromium only: see the note on Firefox below).
 */
import type { Page, Target, WebWorker } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { within } from '../../src/cli/deadline';
import type { StaticServer } from '../../src/cli/static-server';
import type { LinkRecord } from '../../src/model/types';
import type { TabSnapshot } from '../../src/protocol/messages';
import { browsersUnderTest, cli, ROOT, report, serveFixtures, stubPartneroOnly, until } from './support';

const MANY = '/hostile/many-frames.html';
const FRAMES = 200;

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server?.close());

/** How many distinct frames (not the top one) a page's links come from. */
const framesWithLinks = (links: readonly Pick<LinkRecord, 'frame'>[]) =>
  new Set(links.map((l) => l.frame).filter((f) => f !== 'top')).size;

/**
 * Checks of the 200-frame page per browser, each in a fresh browser (the race of the first
 * top-frame message and the page reset, as a new tab meets it). Ten in Chromium; three in
 * Firefox, where a 200-frame check takes as long but the worker's logic is the same (ten of
 * ten there too when measured by hand), to keep the suite within CI's time.
 */
const RUNS_IN: Record<string, number> = { chrome: 10, firefox: 3 };

describe.each(browsersUnderTest())('%s: a page of 200 frames', (browser) => {
  const runs = RUNS_IN[browser] ?? 10;
  it(`every one of ${runs} checks reports the links of all ${FRAMES} frames`, async () => {
    const frames: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await cli([
        'check',
        `${server.origin}${MANY}`,
        '--json',
        '--browser',
        browser,
        '--stub-partnero',
        '--wait',
        '200',
        '--no-click-test',
      ]);
      const [page] = report(run).pages;
      frames.push(framesWithLinks(page?.links ?? []));
    }
    expect(frames).toEqual(Array(runs).fill(FRAMES));
  }, 240_000);
});

/** Starts Chromium with the extension; `use` gets it and it is closed after. */
async function withChrome<T>(use: (launched: Launched) => Promise<T>): Promise<T> {
  const launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
  );
  try {
    return await use(launched);
  } finally {
    await launched.close();
  }
}

const chrome = browsersUnderTest().includes('chrome');

describe.runIf(chrome)('chrome: the tab the browser opened with (its commits are not heard)', () => {
  it(`still gets the links of all ${FRAMES} frames, in each of 3 browsers`, async () => {
    const frames: number[] = [];
    for (let i = 0; i < 3; i++) {
      const links = await withChrome(async (launched) => {
        const [tab] = await launched.browser.pages();
        if (!tab) throw new Error('the browser opened no tab');
        await stubPartneroOnly(tab);
        await tab.goto(`${server.origin}${MANY}`, { waitUntil: 'load', timeout: 60_000 });
        const s = await askExtension(tab, { op: 'finish', clickTest: false, expectPartnero: true });
        return s.page.links;
      });
      frames.push(framesWithLinks(links));
    }
    expect(frames).toEqual([FRAMES, FRAMES, FRAMES]);
  }, 120_000);
});

/** Set in a worker that is to be stopped: a worker without it is a new one. */
const MARK = '__durabilityTestWorker';

/** The extension's running service worker. */
async function runningWorker(launched: Launched): Promise<WebWorker> {
  const target = await launched.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(launched.extensionBase),
    { timeout: 10_000 },
  );
  const worker = await target.worker();
  if (!worker) throw new Error('the extension has no running service worker');
  return worker;
}

/** The extension's service worker, under the test's control. */
interface Controlled {
  /** Keeps the worker busy for `ms` (a loaded machine): messages wait for it meanwhile. */
  hold(ms: number): void;
  /** Stops the worker, as Chromium may at any moment, and waits until it is gone. */
  stop(): Promise<void>;
}

/**
 * Attaches to the extension's running service worker and marks it (see isNewWorker). Attached
 * beforehand, so a stop comes when asked (attaching takes tens of milliseconds).
 */
async function control(launched: Launched): Promise<Controlled> {
  const worker = await runningWorker(launched);
  await worker.evaluate((mark) => {
    (globalThis as Record<string, unknown>)[mark] = true;
  }, MARK);
  const hold = (ms: number) =>
    void worker
      .evaluate((busy) => {
        const end = Date.now() + busy;
        while (Date.now() < end);
      }, ms)
      .catch(() => undefined);
  const stop = async () => {
    let onGone: (t: Target) => void = () => undefined;
    const gone = new Promise<void>((resolve) => {
      onGone = (t) => t.type() === 'service_worker' && resolve();
      launched.browser.on('targetdestroyed', onGone);
    });
    try {
      // Closing the worker's target stops the worker; the next event starts a new one. Chromium
      // now and then ignores a close that comes as the worker takes a message: close it again.
      for (let i = 0; i < 3; i++) {
        await worker.close().catch(() => undefined);
        if (await within(gone, 2_000)) return;
      }
      throw new Error('the service worker did not stop');
    } finally {
      launched.browser.off('targetdestroyed', onGone);
    }
  };
  return { hold, stop };
}

/** Whether the worker running now is a new one (not the one workerStopper marked). */
async function isNewWorker(launched: Launched): Promise<boolean> {
  const worker = await runningWorker(launched);
  return worker.evaluate((mark) => (globalThis as Record<string, unknown>)[mark] === undefined, MARK);
}

/** The order confirmation's call, as checkout-ok.html makes it, with its own key. */
function createTransaction(tab: Page, key: string): Promise<void> {
  return tab.evaluate((k) => {
    const po = (window as unknown as { po: (...args: unknown[]) => void }).po;
    po('transactions', 'create', {
      data: { key: k, amount: 49, amount_units: 'usd', customer: { key: 'cus_NffrFeUfNV2Hib' } },
      options: { create_customer: true },
    });
  }, key);
}

const transactionKeys = (s: TabSnapshot) =>
  s.page.calls
    .filter((c) => c.args[0] === 'transactions' && c.args[1] === 'create')
    .map((c) => (c.args[2] as { data: { key: string } }).data.key);

/** When the worker stops after the call, and for how long it was busy from the call on. */
interface Stop {
  afterMs: number;
  busyMs: number;
}

/**
 * Creates a transaction on a page with the loader (a confirmation step after load), stops the
 * worker as `when` says, and returns the transaction keys the restarted worker has for the tab.
 */
async function stopAfterTransaction(launched: Launched, when: Stop, key: string): Promise<string[]> {
  const tab = await launched.browser.newPage();
  try {
    await stubPartneroOnly(tab);
    await tab.goto(`${server.origin}/payment-links-ok.html`, { waitUntil: 'load' });
    await until(
      'the loader in the state',
      () => askExtension(tab, { op: 'state' }),
      (s) => !!s.page.queueName,
    );
    const worker = await control(launched);
    if (when.busyMs > 0) worker.hold(when.busyMs);
    await createTransaction(tab, key);
    await new Promise((r) => setTimeout(r, when.afterMs));
    await worker.stop();
    // The next message starts a new worker, which has only what was saved. A request lost
    // with the stopped worker is asked again (the short timeout); a lost transaction never comes.
    const s = await until(
      'the transaction',
      () => askExtension(tab, { op: 'state' }, 2_000),
      (x) => transactionKeys(x).length > 0,
      15_000,
    ).catch(() => null);
    if (!(await isNewWorker(launched)))
      throw new Error('the state was read from the worker that was to stop');
    return s ? transactionKeys(s) : [];
  } finally {
    await tab.close();
  }
}

/**
 * The bridge sends the call ~50 ms after it was made (the page has loaded); an idle worker
 * applies and saves it within milliseconds, so stops every 10 ms around then. A busy worker
 * (a loaded machine: here 300 ms) holds the message unanswered: a stop 100 ms after the call
 * catches it in flight every time.
 */
const STOPS: Stop[] = [
  ...Array.from({ length: 16 }, (_, i) => ({ afterMs: i * 10, busyMs: 0 })),
  { afterMs: 100, busyMs: 300 },
  { afterMs: 150, busyMs: 300 },
];
const label = (s: Stop) =>
  `stopped ${s.afterMs} ms after the call${s.busyMs ? ` (busy ${s.busyMs} ms)` : ''}`;

// Firefox's MV3 background is an event page, not a service worker: WebDriver BiDi (how
// Puppeteer drives Firefox) has no command to stop it, and Firefox suspends it only once it is
// idle (no message being answered), never in the middle of one. Chromium only.
describe.runIf(chrome)('chrome: the service worker stopped just after a transaction', () => {
  it('the restarted worker has the transaction, whenever the stop came', async () => {
    await withChrome(async (launched) => {
      const kept: Record<string, string[]> = {};
      for (const [i, stop] of STOPS.entries())
        kept[label(stop)] = await stopAfterTransaction(launched, stop, `ch_stop_${i}`);
      expect(kept).toEqual(Object.fromEntries(STOPS.map((stop, i) => [label(stop), [`ch_stop_${i}`]])));
    });
  }, 240_000);
});
