/**
 * `partnero-inspector browsers [--install] [chrome|firefox …]`: makes sure the browsers the
 * check and the tests drive are on this machine. As root on Debian/Ubuntu it installs the
 * distribution's packages (never a Puppeteer download); elsewhere it says what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSERS, COMMON_OPTIONS, readArgs } from './args';
import { type BrowserKind, findBrowser, INSTALL_HINT } from './browsers';
import { didYouMean } from './suggest';
import { ArgError, quote } from './validate';

const DEBIAN_PACKAGE: Record<BrowserKind, string> = { chrome: 'chromium', firefox: 'firefox-esr' };

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

/** Returns an exit code; prints one line per missing browser. */
export function setupBrowsers(kinds: BrowserKind[], install: boolean): number {
  const missing = kinds.filter((k) => !findBrowser(k));
  if (!missing.length) return 0;
  const canInstall = install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    const packages = missing.map((k) => DEBIAN_PACKAGE[k]);
    process.stderr.write(`partnero-inspector: installing ${packages.join(', ')} with apt-get…\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args: string[]) =>
      spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status;
    if (run(['update']) === 0 && run(['install', '-y', '--no-install-recommends', ...packages]) === 0) {
      const still = missing.filter((k) => !findBrowser(k));
      if (!still.length) return 0;
    }
  }
  for (const k of missing.filter((m) => !findBrowser(m))) {
    process.stderr.write(`partnero-inspector: no ${k} browser found: ${INSTALL_HINT[k]}\n`);
  }
  return 2;
}
