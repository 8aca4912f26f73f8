/**
 * Finding a browser the check can drive, on Linux, macOS and Windows: an explicit path
 * (CHROME_PATH / PUPPETEER_EXECUTABLE_PATH / FIREFOX_PATH), the system's own installs (Chrome,
 * Chromium, Edge; Firefox), then browsers Puppeteer's installer put in its cache
 * (`npx @puppeteer/browsers install chrome@stable`, in the current folder by default, or
 * PUPPETEER_CACHE_DIR / ~/.cache/puppeteer). Nothing here downloads anything.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import type { InstalledBrowser } from '@puppeteer/browsers';

/** The browsers the check drives. */
export type BrowserKind = 'chrome' | 'firefox';

/** Where a browser was found. */
export type BrowserSource = 'env' | 'system' | 'puppeteer-cache';

/** A browser found on this machine. */
export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

type Env = NodeJS.ProcessEnv;

/** The system's usual install locations, most likely first. */
export function systemCandidates(kind: BrowserKind, platform: NodeJS.Platform, env: Env): string[] {
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string =>
      Boolean(r),
    );
    const tails =
      kind === 'chrome'
        ? [
            'Google\\Chrome\\Application\\chrome.exe',
            'Chromium\\Application\\chrome.exe',
            'Microsoft\\Edge\\Application\\msedge.exe',
          ]
        : ['Mozilla Firefox\\firefox.exe', 'Firefox Developer Edition\\firefox.exe'];
    return tails.flatMap((t) => roots.map((r) => win32.join(r, t)));
  }
  if (platform === 'darwin') {
    const apps =
      kind === 'chrome'
        ? [
            'Google Chrome.app/Contents/MacOS/Google Chrome',
            'Chromium.app/Contents/MacOS/Chromium',
            'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
          ]
        : ['Firefox.app/Contents/MacOS/firefox', 'Firefox Developer Edition.app/Contents/MacOS/firefox'];
    return apps.flatMap((a) => [`/Applications/${a}`, join(homedir(), 'Applications', a)]);
  }
  const names =
    kind === 'chrome'
      ? [
          'chromium',
          'chromium-browser',
          'google-chrome',
          'google-chrome-stable',
          'microsoft-edge',
          'microsoft-edge-stable',
        ]
      : ['firefox-esr', 'firefox'];
  const paths = names.flatMap((n) => [
    ...(LINUX_BINARIES[n] ?? []),
    `/usr/bin/${n}`,
    `/snap/bin/${n}`,
    `/usr/local/bin/${n}`,
  ]);
  // Chrome's and Edge's /opt binaries are in LINUX_BINARIES; Mozilla's tarball, unpacked in /opt, last.
  return [...new Set([...paths, ...(kind === 'firefox' ? ['/opt/firefox/firefox'] : [])])];
}

/**
 * Linux packages whose command is a shell script in front of the browser's own binary: the
 * binary is tried first, as Puppeteer's launcher does for Chrome and Edge. Debian's
 * /usr/bin/chromium runs five helper commands and sources /etc/chromium.d/ before it starts the
 * browser: ~40 ms of every check, and desktop flags a headless check does not want.
 */
const LINUX_BINARIES: Record<string, string[]> = {
  chromium: ['/usr/lib/chromium/chromium'],
  'google-chrome': ['/opt/google/chrome/chrome'],
  'google-chrome-stable': ['/opt/google/chrome/chrome'],
  'microsoft-edge': ['/opt/microsoft/msedge/msedge'],
  'microsoft-edge-stable': ['/opt/microsoft/msedge/msedge'],
};

/** The explicit path the environment names for `kind`, if any. */
function envOverride(kind: BrowserKind, env: Env): string | undefined {
  return (
    (kind === 'chrome' ? (env.CHROME_PATH ?? env.PUPPETEER_EXECUTABLE_PATH) : env.FIREFOX_PATH) || undefined
  );
}

/**
 * The environment's browser (only that one when it is set: a wrong path is an error, not a
 * reason to pick another) or the system's; null when neither is there.
 */
export function findBrowser(
  kind: BrowserKind,
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const override = envOverride(kind, env);
  if (override) return existsSync(override) ? override : null;
  return systemCandidates(kind, platform, env).find((p) => existsSync(p)) ?? null;
}

/** Puppeteer's installer's folders: its cache, and the current folder (its CLI's default). */
export function puppeteerCacheDirs(env: Env = process.env, cwd = process.cwd()): string[] {
  const dirs = [env.PUPPETEER_CACHE_DIR, join(homedir(), '.cache', 'puppeteer'), cwd];
  return [...new Set(dirs.filter((d): d is string => Boolean(d)))];
}

/**
 * A browser Puppeteer's installer put in one of `dirs` (Chrome for Testing or Chromium for
 * `chrome`, never chrome-headless-shell: it cannot load extensions), newest build first.
 */
export async function findCachedBrowser(kind: BrowserKind, dirs: string[]): Promise<string | null> {
  const { Cache } = await import('@puppeteer/browsers');
  const wanted = kind === 'chrome' ? ['chrome', 'chromium'] : ['firefox'];
  for (const dir of dirs) {
    let all: InstalledBrowser[];
    try {
      all = new Cache(dir).getInstalledBrowsers();
    } catch {
      continue; // a folder that merely looks like a cache
    }
    const installed = all
      .filter((b) => wanted.includes(b.browser))
      .sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', { numeric: true }));
    const usable = installed.find((b) => existsSync(b.executablePath));
    if (usable) return usable.executablePath;
  }
  return null;
}

/** Where the check's browser of `kind` is: the environment's, the system's, Puppeteer's. */
export async function locateBrowser(kind: BrowserKind, env: Env = process.env): Promise<FoundBrowser | null> {
  const override = envOverride(kind, env);
  if (override) return existsSync(override) ? { path: override, source: 'env' } : null;
  const system = findBrowser(kind, env);
  if (system) return { path: system, source: 'system' };
  const cached = await findCachedBrowser(kind, puppeteerCacheDirs(env)).catch(() => null);
  return cached ? { path: cached, source: 'puppeteer-cache' } : null;
}

/** The one command that gets a missing browser on this kind of machine. */
export function installCommand(kind: BrowserKind, platform: NodeJS.Platform, debianRoot: boolean): string {
  if (debianRoot) return `apt-get install -y ${kind === 'chrome' ? 'chromium' : 'firefox-esr'}`;
  if (platform === 'darwin') return `brew install --cask ${kind === 'chrome' ? 'google-chrome' : 'firefox'}`;
  if (platform === 'win32')
    return `winget install ${kind === 'chrome' ? 'Google.Chrome' : 'Mozilla.Firefox'}`;
  return `npx @puppeteer/browsers install ${kind}@stable`;
}

/** What to do when `kind` is missing, in one line (for this machine). */
export function installHint(
  kind: BrowserKind,
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const variable =
    kind === 'chrome' ? (env.CHROME_PATH ? 'CHROME_PATH' : 'PUPPETEER_EXECUTABLE_PATH') : 'FIREFOX_PATH';
  const override = envOverride(kind, env);
  if (override) return `${variable} names ${override}, which does not exist`;
  const debianRoot = platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  const own = installCommand(kind, platform, debianRoot);
  const anywhere = `npx @puppeteer/browsers install ${kind}@stable`;
  const set = kind === 'chrome' ? 'CHROME_PATH' : 'FIREFOX_PATH';
  return own === anywhere
    ? `run ${own} (in this folder), or set ${set}`
    : `run ${own}, or ${anywhere} (in this folder), or set ${set}`;
}
