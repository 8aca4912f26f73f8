/**
 * Finding and starting a system browser with the built extension installed. Puppeteer never
 * downloads a browser here: we use Debian's `chromium` / `firefox-esr` (or a desktop's
 * Chrome / Firefox), overridable with CHROME_PATH / FIREFOX_PATH / PUPPETEER_EXECUTABLE_PATH.
 */

import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { AUTOMATION_KEY_FILE, newKeyHex } from '../protocol/sealed';
import { useAutomationKey } from './automation';
import { killGroup, PUPPETEER_CHROME_ARGS, spawnChrome } from './chrome-process';
import { withDeadline, within } from './deadline';
import type { BrowserKind } from './find-browser';

export { type BrowserKind, findBrowser } from './find-browser';

/** Hosts a check must never reach. */
const STRIPE_HOSTS = ['buy.stripe.com', 'checkout.stripe.com'];

/** The built extension for a browser (`npm run build` output). */
export function extensionDir(kind: BrowserKind, root: string): string {
  return resolve(root, '.output', kind === 'chrome' ? 'chrome-mv3' : 'firefox-mv3');
}

/** Fixed moz-extension UUID so tests can address extension pages in Firefox. */
export const FIREFOX_UUID = '5d3f3c4e-7a0b-4c1e-9f7e-2b8a1c6d9e01';
export const GECKO_ID = 'partnero-inspector@partnero-inspector.dev';

/** Chromium's flags for a check (also used by the bench's browser without the extension). */
export const CHROME_ARGS = [
  // Defence in depth: even a popup the driver does not intercept cannot reach Stripe.
  `--host-resolver-rules=${STRIPE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:9`).join(', ')}`,
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  // The address bar's two WebUI popups, which Chromium preloads in renderers of their own
  // even headless: 16% of a 3-page check's CPU, ~0.2 s of its start on 2 cores. No page sees them.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export interface Launched {
  browser: Browser;
  extensionId: string;
  /** chrome-extension://ID or moz-extension://UUID */
  extensionBase: string;
  /**
   * A tab opened after the extension was installed, while its worker started (asked for with
   * `openPage`): the first journey's tab, ready without waiting for it.
   */
  firstPage?: Page;
  close(): Promise<void>;
}

/**
 * Starts the browser headless with the extension installed and its background running. The
 * check's copy of the Chromium build holds webRequest (see `withAutomationKey`); `asBuilt`
 * keeps the permissions a user's install has. `incognito` (Chromium, for tests): the window
 * the browser opens with is an incognito one, and the extension is allowed in incognito, as
 * for a user who switched "Allow in Incognito" on.
 */
export async function launchWithExtension(
  kind: BrowserKind,
  executablePath: string,
  extDir: string,
  {
    asBuilt = false,
    openPage = false,
    incognito = false,
  }: { asBuilt?: boolean; openPage?: boolean; incognito?: boolean } = {},
): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'partnero-inspector-'));
  const key = newKeyHex();
  const extension = withAutomationKey(extDir, profile, key, !asBuilt);
  const { browser, proc, installed } =
    kind === 'chrome'
      ? await startChrome(executablePath, profile, extension, { startupTab: !openPage, incognito })
      : await startFirefox(executablePath, profile);
  const close = () => endBrowser(browser, proc, profile);
  try {
    useAutomationKey(browser, key);
    const extensionId = (await installed) ?? (await browser.installExtension(extension));
    const [, firstPage] = await Promise.all([
      kind === 'chrome' &&
        // Generous: on a loaded 2-core machine the worker can take well over 10 s to start.
        browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId), {
          timeout: 30_000,
        }),
      openPage ? browser.newPage() : undefined,
    ]);
    const extensionBase =
      kind === 'chrome' ? `chrome-extension://${extensionId}` : `moz-extension://${FIREFOX_UUID}`;
    return { browser, extensionId, extensionBase, ...(firstPage && { firstPage }), close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Puppeteer's default window size, which `puppeteer.launch` would have set. */
const VIEWPORT = { width: 800, height: 600 };

/** How long a browser may take to answer its first DevTools message (Puppeteer's launch timeout). */
const START_TIMEOUT_MS = 30_000;

/** A started browser; `installed` is the extension's id when it was installed while starting. */
interface Started {
  browser: Browser;
  proc: ChildProcess | null;
  installed?: Promise<string>;
}

/**
 * Chromium is spawned before Puppeteer is loaded and told to install the extension at once;
 * Puppeteer then connects over the same pipe. The ~0.25 s Node spends loading Puppeteer overlaps
 * the browser's start and the extension's install instead of preceding them. `startupTab`: the
 * browser opens its usual first tab; without it, no window at all (the caller opens the tabs it
 * uses: a tab nobody uses is one more renderer starting on the same cores, ~3% of a demo run).
 * `incognito`: that first window is an incognito one, and the extension is allowed there.
 */
async function startChrome(
  executablePath: string,
  profile: string,
  extension: string,
  { startupTab, incognito }: { startupTab: boolean; incognito: boolean },
): Promise<Started> {
  const first = startupTab || incognito ? ['about:blank'] : ['--no-startup-window'];
  const chrome = spawnChrome(
    executablePath,
    [
      ...PUPPETEER_CHROME_ARGS,
      `--user-data-dir=${profile}`,
      ...CHROME_ARGS,
      ...(incognito ? ['--incognito'] : []),
      ...first,
    ],
    // Interrupted (Ctrl-C), the check leaves no profile behind either.
    () => removeProfile(profile, false),
  );
  const installed = chrome.transport
    .call('Extensions.loadUnpacked', { path: extension, ...(incognito && { enableInIncognito: true }) })
    .then((result) => (result as { id: string }).id);
  installed.catch(() => undefined);
  try {
    const { default: puppeteer } = await import('puppeteer-core');
    const connected = puppeteer.connect({ transport: chrome.transport, defaultViewport: VIEWPORT });
    const answered = await withDeadline(Promise.race([connected, chrome.failed]), START_TIMEOUT_MS);
    if (!answered) throw new Error(`the browser did not answer within ${START_TIMEOUT_MS / 1000} s`);
    return { browser: answered, proc: chrome.proc, installed };
  } catch (err) {
    chrome.kill();
    removeProfile(profile);
    throw err;
  }
}

async function startFirefox(executablePath: string, profile: string): Promise<Started> {
  const { default: puppeteer } = await import('puppeteer-core');
  // Puppeteer ends Firefox on Ctrl-C and exits; the profile is ours to remove then.
  const onExit = () => removeProfile(profile);
  process.once('exit', onExit);
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        // Stripe's checkout hosts resolve to this machine, where nothing answers.
        'network.dns.localDomains': STRIPE_HOSTS.join(','),
        'network.captive-portal-service.enabled': false,
        'app.update.enabled': false,
      },
    });
    const proc = browser.process();
    proc?.once('exit', () => process.off('exit', onExit));
    return { browser, proc };
  } catch (err) {
    process.off('exit', onExit);
    removeProfile(profile);
    throw err;
  }
}

/**
 * A copy of the built extension, inside the run's profile folder (removed with it), holding
 * the run's automation key: only this copy answers the CLI, and only with this key. With
 * `webRequest`, the copy holds that permission (the Chromium build does not: it would slow
 * every page a user opens; a check's browser opens only the pages it checks, and webRequest
 * adds what the page cannot tell: every redirect hop, request bodies, blocked requests).
 */
function withAutomationKey(extDir: string, profile: string, key: string, webRequest: boolean): string {
  const copy = join(profile, 'extension');
  cpSync(extDir, copy, { recursive: true });
  writeFileSync(join(copy, AUTOMATION_KEY_FILE), key);
  const file = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { permissions?: string[] };
  if (webRequest && !manifest.permissions?.includes('webRequest')) {
    manifest.permissions = [...(manifest.permissions ?? []), 'webRequest'];
    writeFileSync(file, JSON.stringify(manifest));
  }
  return copy;
}

/**
 * Ends a launched browser and removes its profile. The profile is thrown away, so nothing needs
 * an orderly shutdown: ending the process takes milliseconds where a graceful close takes
 * ~150 ms of every run, and every wait here is bounded so a CLI run never lingers on it.
 */
async function endBrowser(browser: Browser, proc: ChildProcess | null, profile: string): Promise<void> {
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    // Killed, the browser resets the pipes Puppeteer talks over (`pipe: true`); once Puppeteer
    // has let go of them that reset would be an uncaught ECONNRESET, ending a finished run.
    for (const stream of proc.stdio) stream?.on('error', () => undefined);
    await browser.disconnect().catch(() => undefined);
    // The browser runs as a process group leader: end the group, helpers too.
    killGroup(proc);
    // A SIGKILLed process writes nothing more: its profile goes while the system reaps it
    // (~30–70 ms for Chromium's processes here), not after. Where a killed process lets go of
    // its files only once it has exited (Windows), what is left goes then, with retries.
    removeProfile(profile, false);
    // Never hang on a process that would not die: an orderly close is still there to try.
    if (await within(exited, KILL_WAIT_MS)) {
      removeProfile(profile);
      return;
    }
  }
  await within(browser.close(), KILL_WAIT_MS);
  removeProfile(profile);
}

/**
 * Removes a run's profile and the folder Chromium keeps its single-instance socket in (its
 * `SingletonSocket` links to `$TMPDIR/org.chromium.Chromium.XXXXXX/`, which a killed browser
 * never removes: one folder left in /tmp per run). Best effort, never throws: the report is
 * out by now, and a folder left in the temp dir is no reason to turn a finished check into
 * exit 2. `retry`: child processes may still be letting go of the profile for a moment.
 */
function removeProfile(profile: string, retry = true): void {
  const options = { recursive: true, force: true, ...(retry && { maxRetries: 10, retryDelay: 50 }) };
  try {
    const socketDir = dirname(readlinkSync(join(profile, 'SingletonSocket')));
    if (basename(socketDir).startsWith('org.chromium.')) rmSync(socketDir, options);
  } catch {
    // No socket link (Firefox, or a browser that never got that far).
  }
  try {
    rmSync(profile, options);
  } catch {
    // Best effort, as above.
  }
}

/** A SIGKILLed browser is reaped in milliseconds; one that is not by then will not be by waiting. */
const KILL_WAIT_MS = 1000;
