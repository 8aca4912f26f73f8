/**
 * `partnero-inspector browsers [--install] [chrome|firefox …]`: says which browsers the check
 * can drive on this machine, where they are, and for a missing one the command that gets it.
 * With `--install`, as root on Debian/Ubuntu, it installs the distribution's packages (never a
 * download of its own).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSERS, COMMON_OPTIONS, readArgs } from './args';
import { type BrowserKind, type FoundBrowser, installHint, locateBrowser } from './find-browser';
import { didYouMean } from './suggest';
import { ArgError, quote } from './validate';

const DEBIAN_PACKAGE: Record<BrowserKind, string> = { chrome: 'chromium', firefox: 'firefox-esr' };

const SOURCE_LABEL: Record<FoundBrowser['source'], string> = {
  env: 'from the environment',
  system: 'installed',
  'puppeteer-cache': "Puppeteer's cache",
};

const OPTIONS = { install: { type: 'boolean' }, ...COMMON_OPTIONS } as const;

/** Parses `browsers [chrome|firefox …] [--install]`; an {@link ArgError} when refused. */
export function parseBrowsersArgs(argv: string[]): { help: boolean; kinds: BrowserKind[]; install: boolean } {
  const { values, positionals } = readArgs(argv, OPTIONS);
  const kinds = positionals.slice(1).map((name) => {
    const kind = BROWSERS.find((b) => b === name);
    if (kind === undefined) throw new ArgError(`unknown browser ${quote(name)}${didYouMean(name, BROWSERS)}`);
    return kind;
  });
  return {
    help: values.help === true,
    kinds: kinds.length > 0 ? kinds : [...BROWSERS],
    install: values.install === true,
  };
}

/** Prints one line per browser (stdout: found; stderr: missing) and returns the exit code. */
export async function setupBrowsers(kinds: BrowserKind[], install: boolean): Promise<number> {
  let found = await locateAll(kinds);
  const missing = kinds.filter((k) => !found.get(k));
  if (missing.length && install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    aptInstall(missing.map((k) => DEBIAN_PACKAGE[k]));
    found = await locateAll(kinds);
  }
  for (const kind of kinds) {
    const browser = found.get(kind);
    if (browser)
      process.stdout.write(`${kind.padEnd(8)}${browser.path}  (${SOURCE_LABEL[browser.source]})\n`);
    else process.stderr.write(`partnero-inspector: no ${kind} browser found: ${installHint(kind)}\n`);
  }
  return kinds.every((k) => found.get(k)) ? 0 : 2;
}

async function locateAll(kinds: BrowserKind[]): Promise<Map<BrowserKind, FoundBrowser | null>> {
  return new Map(await Promise.all(kinds.map(async (k) => [k, await locateBrowser(k)] as const)));
}

function aptInstall(packages: string[]): void {
  process.stderr.write(`partnero-inspector: installing ${packages.join(', ')} with apt-get…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) =>
    spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status;
  if (run(['update']) === 0) run(['install', '-y', '--no-install-recommends', ...packages]);
}
