import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findBrowser,
  findCachedBrowser,
  installCommand,
  installHint,
  puppeteerCacheDirs,
  systemCandidates,
} from '../find-browser';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder laid out as `npx @puppeteer/browsers install` leaves it, with a stand-in binary. */
function fakeCache(installs: Array<[browser: string, folder: string, binary: string]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-cache-'));
  made.push(dir);
  for (const [browser, folder, binary] of installs) {
    const file = join(dir, browser, folder, binary);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
  }
  return dir;
}

describe('findCachedBrowser', () => {
  it('finds Chrome for Testing that @puppeteer/browsers installed, newest build first', async () => {
    const dir = fakeCache([
      ['chrome', 'linux-9.0.1.2', 'chrome-linux64/chrome'],
      ['chrome', 'linux-131.0.6778.85', 'chrome-linux64/chrome'],
      ['chrome-headless-shell', 'linux-140.0.1.1', 'chrome-headless-shell-linux64/chrome-headless-shell'],
    ]);
    if (process.platform !== 'linux') return;
    expect(await findCachedBrowser('chrome', [dir])).toBe(
      join(dir, 'chrome', 'linux-131.0.6778.85', 'chrome-linux64', 'chrome'),
    );
  });

  it('never picks chrome-headless-shell (it cannot load extensions), nor another kind', async () => {
    const dir = fakeCache([
      ['chrome-headless-shell', 'linux-140.0.1.1', 'chrome-headless-shell-linux64/chrome-headless-shell'],
    ]);
    expect(await findCachedBrowser('chrome', [dir])).toBeNull();
    expect(await findCachedBrowser('firefox', [dir])).toBeNull();
  });

  it('looks in every folder, and a folder that is not a cache is passed over', async () => {
    const notCache = mkdtempSync(join(tmpdir(), 'pi-notcache-'));
    made.push(notCache);
    writeFileSync(join(notCache, 'chrome'), 'a file, not a folder');
    const dir = fakeCache([['firefox', 'linux-stable_140.0', 'firefox/firefox']]);
    if (process.platform !== 'linux') return;
    expect(await findCachedBrowser('firefox', [join(notCache, 'missing'), notCache, dir])).toBe(
      join(dir, 'firefox', 'linux-stable_140.0', 'firefox', 'firefox'),
    );
  });
});

describe('puppeteerCacheDirs', () => {
  it('is PUPPETEER_CACHE_DIR, then ~/.cache/puppeteer, then the current folder', () => {
    const dirs = puppeteerCacheDirs({ PUPPETEER_CACHE_DIR: '/ci/cache' }, '/work/shop');
    expect(dirs[0]).toBe('/ci/cache');
    expect(dirs[1]).toMatch(/[/\\]\.cache[/\\]puppeteer$/);
    expect(dirs[2]).toBe('/work/shop');
  });
});

describe('systemCandidates', () => {
  it('knows Chrome, Chromium and Edge on Windows under every Program Files and the user’s own', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
    };
    const paths = systemCandidates('chrome', 'win32', env);
    expect(paths).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(systemCandidates('firefox', 'win32', env)).toContain(
      'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
    );
  });

  it('knows the macOS applications, system-wide and the user’s', () => {
    const paths = systemCandidates('chrome', 'darwin', {});
    expect(paths[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(paths).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(systemCandidates('firefox', 'darwin', {})).toContain(
      '/Applications/Firefox.app/Contents/MacOS/firefox',
    );
  });

  it('knows Linux packages, snaps and Google’s own /opt install', () => {
    const paths = systemCandidates('chrome', 'linux', {});
    expect(paths).toEqual(
      expect.arrayContaining(['/usr/bin/chromium', '/snap/bin/chromium', '/opt/google/chrome/chrome']),
    );
    expect(systemCandidates('firefox', 'linux', {})).toEqual(
      expect.arrayContaining(['/usr/bin/firefox-esr', '/usr/bin/firefox']),
    );
  });

  it('tries a Linux package’s own binary before the shell script that launches it', () => {
    const paths = systemCandidates('chrome', 'linux', {});
    const tried = (a: string, b: string) => expect(paths.indexOf(a)).toBeLessThan(paths.indexOf(b));
    tried('/usr/lib/chromium/chromium', '/usr/bin/chromium');
    tried('/opt/google/chrome/chrome', '/usr/bin/google-chrome');
    tried('/opt/microsoft/msedge/msedge', '/usr/bin/microsoft-edge');
    // Chromium still comes before Chrome, as it did: only the launcher is skipped.
    tried('/usr/bin/chromium', '/opt/google/chrome/chrome');
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('findBrowser', () => {
  it('takes only the environment’s path when one is set: a wrong one is not silently replaced', () => {
    expect(findBrowser('chrome', { CHROME_PATH: '/nowhere/chrome' })).toBeNull();
    expect(findBrowser('firefox', { FIREFOX_PATH: process.execPath })).toBe(process.execPath);
  });
});

describe('installCommand', () => {
  it('gives one command per kind of machine', () => {
    expect(installCommand('chrome', 'linux', true)).toBe('apt-get install -y chromium');
    expect(installCommand('firefox', 'linux', false)).toBe('npx @puppeteer/browsers install firefox@stable');
    expect(installCommand('chrome', 'darwin', false)).toBe('brew install --cask google-chrome');
    expect(installCommand('firefox', 'win32', false)).toBe('winget install Mozilla.Firefox');
  });
});

describe('installHint', () => {
  it('names a wrong path from the environment rather than suggesting an install', () => {
    expect(installHint('firefox', { FIREFOX_PATH: '/nope/firefox' })).toBe(
      'FIREFOX_PATH names /nope/firefox, which does not exist',
    );
  });

  it('offers Puppeteer’s installer beside the platform’s own command', () => {
    expect(installHint('chrome', {}, 'darwin')).toBe(
      'run brew install --cask google-chrome, or npx @puppeteer/browsers install chrome@stable (in this folder), or set CHROME_PATH',
    );
  });
});
