/**
 * `partnero-inspector check` as CI runs it: the real bin in a child process, its JSON
 * (validated against the report schema), its JUnit XML (parsed), and its exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../src/cli/static-server';
import type { Report } from '../../src/report/schema';
import {
  BIN,
  browsersUnderTest,
  cli,
  eachBrowserSideBySide,
  FIXTURES,
  ROOT,
  type Run,
  report,
  ruleIds,
  serveFixtures,
  until,
} from './support';

const VERSION: string = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version;

const findingKeys = (page: Report['pages'][number]) => page.findings.map((f) => `${f.rule}:${f.severity}`);

/** The check ran and exited `code`, silent on stderr; a failure shows what it said instead. */
function expectExit(run: Run, code: number): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: '' });
}

let server: StaticServer;
let silent: Server;
let silentOrigin: string;
/** A port on this machine where nothing listens: connections to it are refused. */
let closedOrigin: string;
beforeAll(async () => {
  server = await serveFixtures();
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));
  // Accepts connections and never answers: a page that never loads.
  silent = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentOrigin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server?.close();
  silent?.closeAllConnections();
  silent?.close();
});

const fast = ['--stub-partnero', '--wait', '500'];

eachBrowserSideBySide('check in %s', (browser) => {
  it('a correct journey exits 0 with zero errors and zero warnings', async () => {
    const run = await cli([
      'check',
      `${server.origin}/payment-links-ok.html`,
      `${server.origin}/checkout-ok.html`,
      '--aff',
      'PARTNER_7',
      '--json',
      '--browser',
      browser,
      ...fast,
    ]);
    const r = report(run);
    expect(r.pages.map(findingKeys)).toEqual([[], []]);
    expect(r.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
    expect(r.browser).toMatch(new RegExp(`^${browser} \\d+`));
    // One visitor: the cookie set on the landing page is there on the confirmation page.
    expect(r.pages.map((p) => p.cookie?.partnero_partner)).toEqual(['PARTNER_7', 'PARTNER_7']);
    expect(r.pages[0]?.links.map((l) => l.afterClick)).toEqual(['PARTNER_7', 'PARTNER_7', 'PARTNER_7']);
    expect(r.pages[1]?.transactions).toHaveLength(1);
    // The timing keys are part of the contract; their values are not asserted (noisy machines).
    expect(r.timing).toEqual({ browserStartMs: expect.any(Number), journeyMs: expect.any(Number) });
    expectExit(run, 0);
  });

  it('a broken page exits 1 with the right rule ids', async () => {
    const run = await cli([
      'check',
      `${server.origin}/program-placeholder.html`,
      '--aff',
      'X',
      '--json',
      '--browser',
      browser,
      ...fast,
    ]);
    const r = report(run);
    expect(ruleIds(r.pages[0]?.findings ?? [])).toEqual([
      'cookie.missing-after-referral',
      'network.request-failed',
      'program.placeholder',
      'snippet.script-failed',
    ]);
    expect(r.summary.errors).toBe(1);
    expectExit(run, 1);
  });
});

describe('check options', () => {
  it('--junit writes parseable XML with a failure per finding at --fail-on', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pi-junit-')), 'report.xml');
    const run = await cli([
      'check',
      `${server.origin}/links-added-late.html`,
      '--aff',
      'T',
      '--junit',
      file,
      ...fast,
    ]);
    expectExit(run, 1);
    expect(run.stdout).toContain('link.missing-client-reference-id');
    const doc = new new Window().DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/xml');
    const suites = doc.querySelectorAll('testsuite');
    expect(suites).toHaveLength(1);
    const failures = [...doc.querySelectorAll('testcase')].filter((c) => c.querySelector('failure'));
    expect(failures.map((c) => c.getAttribute('name'))).toEqual(['link.missing-client-reference-id']);
  });

  it.each([
    ['never', 0],
    ['warning', 1],
    ['error', 0],
  ])('--fail-on %s on a page with a warning only exits %i', async (failOn, code) => {
    const run = await cli([
      'check',
      `${server.origin}/loader-in-body.html`,
      '--aff',
      'T',
      '--fail-on',
      failOn,
      ...fast,
    ]);
    expectExit(run, code);
  });

  it('--no-click-test leaves links unverified', async () => {
    const run = await cli([
      'check',
      `${server.origin}/payment-links-ok.html`,
      '--aff',
      'T',
      '--no-click-test',
      '--json',
      ...fast,
    ]);
    const page = report(run).pages[0];
    expect(page?.links.map((l) => l.afterClick)).toEqual([undefined, undefined, undefined]);
    // Unclicked, a link without client_reference_id is only not verified (an info, never a
    // problem): the page might add it on click. Its fix speaks the command line.
    expect(page?.findings.map((f) => [f.rule, f.severity, f.unverified, f.target?.selector])).toEqual([
      ['link.missing-client-reference-id', 'info', true, '#buy-starter'],
      ['link.missing-client-reference-id', 'info', true, '#buy-pro'],
      ['link.missing-client-reference-id', 'info', true, '#buy-team'],
    ]);
    expect(page?.findings[0]?.fix).toMatch(/^Run the check without --no-click-test/);
    expectExit(run, 0);
  });
});

describe('help and version', () => {
  it.each([
    [['--help'], /^Usage: partnero-inspector <command>/],
    [['help', 'audit'], /^Usage: partnero-inspector audit <url>/],
    [['check', '-h'], /^Usage: partnero-inspector check <url>/],
    [['merge', '--help'], /^Usage: partnero-inspector merge <report\.json>/],
  ])('%j prints the help, exit 0', async (args, usage) => {
    const run = await cli(args);
    expectExit(run, 0);
    expect(run.stdout).toMatch(usage);
    expect(run.stdout).toContain('Examples:');
  });

  it.each([[['--version']], [['-v']], [['audit', '--version']], [['check', 'not a url', '-v']]])(
    '%j prints the version, exit 0',
    async (args) => {
      const run = await cli(args);
      expectExit(run, 0);
      expect(run.stdout).toBe(`${VERSION}\n`);
    },
  );
});

describe('colour of the terminal report (stdout a pipe here)', () => {
  const page = () => `${server.origin}/links-added-late.html`;
  const colourRun = (env: NodeJS.ProcessEnv) => cli(['check', page(), '--aff', 'T', ...fast], env);

  it('NO_COLOR=1: no escape sequence on stdout or stderr', async () => {
    const run = await colourRun({ NO_COLOR: '1' });
    expectExit(run, 1);
    expect(run.stdout).toContain('link.missing-client-reference-id');
    expect(`${run.stdout}${run.stderr}`).not.toContain('\x1b');
  });

  it('FORCE_COLOR=1: coloured even into a pipe', async () => {
    const run = await colourRun({ FORCE_COLOR: '1' });
    expectExit(run, 1);
    expect(run.stdout).toContain('\x1b[31m');
  });
});

describe.runIf(browsersUnderTest().includes('chrome'))('journeys of a config file', () => {
  it('runs each in turn: pages named by journey, a JUnit suite each, each its own --fail-on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-journeys-'));
    const config = {
      journeys: {
        landing: { urls: [`${server.origin}/payment-links-ok.html`], aff: 'P1' },
        // An error, but this journey never fails the run.
        late: { urls: [`${server.origin}/links-added-late.html`], aff: 'T', failOn: 'never' },
      },
    };
    writeFileSync(join(dir, 'partnero-inspector.config.json'), JSON.stringify(config));
    const run = await cli(['check', '--json', '--junit', 'junit.xml', ...fast], {}, dir);
    const r = report(run);
    expect(r.pages.map((p) => [p.journey, p.url])).toEqual([
      ['landing', `${server.origin}/payment-links-ok.html?aff=P1`],
      ['late', `${server.origin}/links-added-late.html?aff=T`],
    ]);
    // Each journey arrives as its own referred visitor.
    expect(r.pages.map((p) => p.cookie?.partnero_partner)).toEqual(['P1', 'T']);
    expect(r.summary.errors).toBe(1);
    expectExit(run, 0);
    const doc = new new Window().DOMParser().parseFromString(
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
      'text/xml',
    );
    const suites = [...doc.querySelectorAll('testsuite')];
    expect(suites.map((suite) => [suite.getAttribute('name'), suite.getAttribute('failures')])).toEqual([
      ['landing', '0'],
      ['late', '0'],
    ]);
  });
});

/**
 * A refusal: exit 2, nothing on stdout, one line on stderr (no V8 `  at …` or Firefox
 * `fn@file:1:2` stack frame) that matches `reason`, the row's own cause.
 */
function expectRefusal(run: Run, reason: RegExp): void {
  expect(run.stderr.trimEnd()).toMatch(reason);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^partnero-inspector: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toMatch(/@\S+:\d+:\d+/);
}

/**
 * Each row is the control command below with one fault, so it can only exit 2 for that
 * fault: a reachable page, the Partnero stand-in, a short watch.
 */
const control = (url: string) => ['check', url, ...fast];
const OK_PAGE = '/payment-links-ok.html';

const ARG_REFUSALS: [string, (url: string) => string[], RegExp][] = [
  [
    'no command',
    () => [],
    /^partnero-inspector: missing command: partnero-inspector check <url> \[<url> …\] \(see --help\)$/,
  ],
  [
    'an unknown command',
    (url) => ['chek', url, ...fast],
    /^partnero-inspector: unknown command "chek" — did you mean check\? \(see --help\)$/,
  ],
  [
    'no URL',
    () => ['check', ...fast],
    /^partnero-inspector: no URL given: partnero-inspector check <url> \[<url> …\], or list journeys in partnero-inspector\.config\.json \(see check --help\)$/,
  ],
  [
    'an unknown option',
    (url) => [...control(url), '--colour'],
    /^partnero-inspector: unknown option "--colour" \(see check --help\)$/,
  ],
  [
    'a mistyped option',
    (url) => [...control(url), '--afff', 'X'],
    /^partnero-inspector: unknown option "--afff" — did you mean --aff\? \(see check --help\)$/,
  ],
  [
    'a malformed URL',
    (url) => ['check', url, 'not a url', ...fast],
    /^partnero-inspector: not an absolute http\(s\) URL: "not a url" \(see check --help\)$/,
  ],
  [
    'a file: URL',
    () => ['check', pathToFileURL(join(FIXTURES, 'payment-links-ok.html')).href, ...fast],
    /^partnero-inspector: not an absolute http\(s\) URL: "file:\/\/\/\S+\/payment-links-ok\.html" — give the page’s full address, as a browser opens it \(a file: serve its folder, then give its http:\/\/127\.0\.0\.1:… address\) \(see check --help\)$/,
  ],
  [
    'a bad --wait',
    (url) => ['check', url, '--stub-partnero', '--wait', 'soon'],
    /^partnero-inspector: --wait must be a whole number of milliseconds, got "soon" \(see check --help\)$/,
  ],
  [
    'a bad --timeout',
    (url) => [...control(url), '--timeout', '1e3'],
    /^partnero-inspector: --timeout must be a whole number of milliseconds, got "1e3" \(see check --help\)$/,
  ],
  [
    'a bad --fail-on',
    (url) => [...control(url), '--fail-on', 'sometimes'],
    /^partnero-inspector: --fail-on must be one of error, warning, never, got "sometimes" \(see check --help\)$/,
  ],
  [
    'a bad --browser',
    (url) => [...control(url), '--browser', 'opera'],
    /^partnero-inspector: --browser must be one of chrome, firefox, got "opera" \(see check --help\)$/,
  ],
  [
    'an empty --aff',
    (url) => [...control(url), '--aff='],
    /^partnero-inspector: --aff needs a non-empty value \(see check --help\)$/,
  ],
  [
    '--junit into a folder that does not exist (refused before the browser starts)',
    (url) => [...control(url), '--junit', '/nonexistent-folder/report.xml'],
    /^partnero-inspector: cannot write --junit \/nonexistent-folder\/report\.xml: the folder \/nonexistent-folder does not exist$/,
  ],
];

/** Per browser: where its path is overridden, and what a refused connection is called. */
const BROWSER_FAULTS = {
  chrome: {
    pathVariable: 'CHROME_PATH',
    notFound:
      /^partnero-inspector: no chrome browser found: CHROME_PATH names \/nonexistent\/browser, which does not exist$/,
    refused: 'net::ERR_CONNECTION_REFUSED',
  },
  firefox: {
    pathVariable: 'FIREFOX_PATH',
    notFound:
      /^partnero-inspector: no firefox browser found: FIREFOX_PATH names \/nonexistent\/browser, which does not exist$/,
    refused: 'NS_ERROR_CONNECTION_REFUSED',
  },
} as const;

/** `check --json` of one page of test/fixtures/hostile/ in `browser`, the stand-in answering Partnero. */
const checkHostile = (name: string, browser: string, ...more: string[]) =>
  cli(['check', `${server.origin}/hostile/${name}.html`, '--json', '--browser', browser, ...fast, ...more]);

/** A short --timeout for pages that hold the check up: the bound is the check's own, whatever it is. */
const shortTimeout = ['--timeout', '4000'];

eachBrowserSideBySide("a page attacking the check's channel in %s", (browser) => {
  it('a forged clean answer is ignored: the real findings, exit 1', async () => {
    const run = await checkHostile('forge-channel', browser);
    const [page] = report(run).pages;
    expect(page && findingKeys(page)).toContain('program.placeholder:error');
    expectExit(run, 1);
  });

  it('forged hook events on a page without Partnero: snippet.missing, never a clean report', async () => {
    const run = await checkHostile('forged-hook', browser);
    const [page] = report(run).pages;
    expect(page && findingKeys(page)).toContain('snippet.missing:error');
    expect(page?.requests.filter((r) => r.url.includes('partnero'))).toEqual([]);
    expectExit(run, 1);
  });

  it('forged hook events from a cross-origin frame: snippet.missing, the forged transaction never seen', async () => {
    const run = await checkHostile('forged-frame', browser);
    const [page] = report(run).pages;
    expect(page && findingKeys(page)).toContain('snippet.missing:error');
    // The hook's channel is private (src/protocol/page.ts): events a page dispatches itself
    // reach no one, so the frame's forged transaction is not even listed.
    expect(page?.transactions).toEqual([]);
    expect(page?.checklist?.find((row) => row.id === 'transactions')?.detail).toBe('none sent');
    expectExit(run, 1);
  });

  it('a request held back by the page is exit 2, never a report', async () => {
    const run = await checkHostile('block-channel', browser, ...shortTimeout);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^partnero-inspector: http:\/\/127\.0\.0\.1:\d+\/hostile\/block-channel\.html: the extension did not answer \(or its answer was held back by the page\)\n$/,
    );
  }, 60_000);
});

eachBrowserSideBySide('a page that calls po 600 times in one task in %s', (browser) => {
  it('still reports the broken transaction that came after them', async () => {
    const run = await checkHostile('flood-then-transaction', browser);
    const [page] = report(run).pages;
    expect(page?.transactions).toHaveLength(1);
    expect(page && findingKeys(page)).toContain('transaction.schema:error');
    expectExit(run, 1);
  });
});

/** What must never reach a terminal or a log from page text: C0 but tab/newline, DEL, C1, bidi, U+2028/2029. */
const CONTROL_RANGES: [number, number][] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x61c, 0x61c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0x2028, 0x2029],
];
const RAW_CONTROL = new RegExp(
  `[${CONTROL_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('')}]`,
  'u',
);

eachBrowserSideBySide('page text built to take over a terminal in %s', (browser) => {
  it('reaches --json, the terminal report and stderr escaped', async () => {
    const json = await checkHostile('escapes', browser);
    const page = report(json).pages[0];
    // The text is there, escaped: the report still says what the page did.
    expect(page?.programIds[0]).toContain('QK3M2L9A');
    expect(page && findingKeys(page).length).toBeGreaterThan(0);
    const text = await cli(['check', `${server.origin}/hostile/escapes.html`, '--browser', browser, ...fast]);
    expect(text.stdout).toContain('QK3M2L9A');
    for (const out of [json.stdout, json.stderr, text.stdout, text.stderr])
      expect(out).not.toMatch(RAW_CONTROL);
  });
});

eachBrowserSideBySide('a page that moves itself during its watch in %s', (browser) => {
  it('is followed: both pages reported, each with its own verdict under its own URL', async () => {
    const run = await checkHostile('self-redirect', browser);
    const pages = report(run).pages;
    const asked = `${server.origin}/hostile/self-redirect.html`;
    const next = `${server.origin}/payment-links-ok.html`;
    expect(pages.map((p) => [p.url, p.finalUrl, p.movedTo, p.navigatedFrom])).toEqual([
      [asked, asked, next, undefined],
      [next, next, undefined, asked],
    ]);
    expect(pages[0] && findingKeys(pages[0])).toContain('program.placeholder:error');
    // The page it went to is correct (no referral reached it): nothing but the info.
    expect(pages[1] && findingKeys(pages[1])).toEqual(['cookie.absent:info']);
    expect(pages[1]?.links.length).toBeGreaterThan(0);
    expectExit(run, 1);
  });
});

eachBrowserSideBySide('a page that never gives its main thread back in %s', (browser) => {
  // The test's own time limit is the bound: a hung check would never end.
  it('is exit 2 within the check’s own limits, never a hang', async () => {
    const run = await checkHostile('hang', browser, ...shortTimeout);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^partnero-inspector: http:\/\/127\.0\.0\.1:\d+\/hostile\/hang\.html: the extension did not answer/,
    );
  }, 120_000);
});

describe.runIf(browsersUnderTest().includes('chrome'))('the temp folder after a check', () => {
  it('a finished check leaves nothing in the temp folder (no profile, no browser socket folder)', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'pi-finished-'));
    const run = await cli(['check', `${server.origin}/payment-links-ok.html`, ...fast, '--json'], {
      TMPDIR: temp,
    });
    expect(run.code).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
  });

  it('interrupted (Ctrl-C) mid-check: exit 130, the browser ended, no profile left', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'pi-sigint-'));
    const child = spawn(
      process.execPath,
      [
        BIN,
        'check',
        `${server.origin}/payment-links-ok.html`,
        '--stub-partnero',
        '--full-wait',
        '--wait',
        '30000',
      ],
      { env: { ...process.env, TMPDIR: temp }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // The browser is up once its profile holds files of its own.
    const profile = await until(
      'the browser to start',
      async () =>
        readdirSync(temp).find(
          (d) => d.startsWith('partnero-inspector-') && readdirSync(join(temp, d)).length > 2,
        ),
      (found) => found !== undefined,
    );
    const withProfile = () =>
      readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(temp, profile as string));
          } catch {
            return false;
          }
        });
    expect(withProfile().length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(
      await until(
        'the browser to end',
        async () => withProfile(),
        (pids) => pids.length === 0,
      ),
    ).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
  });
});

describe('exit 2: the check could not run', () => {
  it('control: the rows’ command without a fault exits 0', async () => {
    const run = await cli([
      ...control(`${server.origin}${OK_PAGE}`),
      '--browser',
      browsersUnderTest()[0] ?? 'chrome',
    ]);
    expectExit(run, 0);
  });

  it.each(ARG_REFUSALS)('%s', async (_name, args, reason) => {
    expectRefusal(await cli(args(`${server.origin}${OK_PAGE}`)), reason);
  });

  eachBrowserSideBySide('in %s', (browser) => {
    const faults = BROWSER_FAULTS[browser];

    it('no browser', async () => {
      const run = await cli([...control(`${server.origin}${OK_PAGE}`), '--browser', browser], {
        [faults.pathVariable]: '/nonexistent/browser',
      });
      expectRefusal(run, faults.notFound);
    });

    it('an unreachable host (connection refused)', async () => {
      const run = await cli([...control(`${closedOrigin}${OK_PAGE}`), '--browser', browser]);
      expectRefusal(
        run,
        new RegExp(
          `^partnero-inspector: cannot open http://127\\.0\\.0\\.1:\\d+/payment-links-ok\\.html: ${faults.refused}$`,
        ),
      );
    });

    it('a typo in a URL: the page answers 404', async () => {
      const run = await cli([...control(`${server.origin}/pricng.html`), '--browser', browser]);
      expectRefusal(
        run,
        /^partnero-inspector: http:\/\/127\.0\.0\.1:\d+\/pricng\.html answered 404 \(--allow-http-errors checks it anyway\)$/,
      );
    });

    it('--allow-http-errors checks an error page anyway, its status in the report', async () => {
      const run = await cli([
        ...control(`${server.origin}/pricng.html`),
        '--allow-http-errors',
        '--json',
        '--browser',
        browser,
      ]);
      expectExit(run, 1);
      const page = report(run).pages[0];
      expect(page?.status).toBe(404);
      expect(ruleIds(page?.findings ?? [])).toEqual(['cookie.absent', 'snippet.missing']);
    });

    it('a page that never loads', async () => {
      const run = await cli(['check', `${silentOrigin}/`, '--timeout', '1500', '--browser', browser]);
      expectRefusal(
        run,
        /^partnero-inspector: http:\/\/127\.0\.0\.1:\d+\/ did not finish loading within 1500 ms$/,
      );
    });
  });
});

/* The demo shop (test/demo-shop/README.md): what `npm start` shows a first-time user. */

const TEAM_LINK = 'https://buy.stripe.com/test_3cs9CS5HG6eQ8dW002';
const TEAM_MESSAGE = `Payment Link "Buy Team" (${TEAM_LINK}) has no client_reference_id (a test click showed the page does not add it).`;
const TEAM_FIX =
  'This link was added after the page was parsed, when the helper had already run: bind the helper with a delegated click listener on document.';
const CENTS_MESSAGE =
  'data.amount is 4900: if it comes from Stripe it is in cents, and Partnero expects 49.00.';
const CENTS_FIX = "Divide Stripe's amount by 100 for currencies with cents (Partnero expects major units).";

/** The cookie's expiry is 30 days from today: the one moving part, replaced by `<date>`. */
const undated = (text: string) => text.replace(/expires \d{4}-\d{2}-\d{2}/g, 'expires <date>');

function expectDemoFindings(r: Report): void {
  expect(r.summary).toEqual({ errors: 1, warnings: 0, infos: 1 });
  expect(r.pages.map((p) => p.findings)).toEqual([
    [],
    [
      {
        rule: 'link.missing-client-reference-id',
        severity: 'error',
        message: TEAM_MESSAGE,
        fix: TEAM_FIX,
        target: { selector: '#buy-team', frame: 'top', href: TEAM_LINK },
        docs: 'docs/rules.md#link.missing-client-reference-id',
      },
    ],
    [
      {
        rule: 'transaction.amount-cents',
        severity: 'info',
        message: CENTS_MESSAGE,
        fix: CENTS_FIX,
        target: { call: 2, frame: 'top', path: 'data.amount' },
        docs: 'docs/rules.md#transaction.amount-cents',
      },
    ],
  ]);
}

function expectDemoObservations(r: Report): void {
  const row = (id: string, status: string, detail: string) => ({ id, status, detail });
  const common = [
    row('loader', 'ok', 'queue po, universal.js running'),
    row('program', 'ok', 'DEMO42'),
    row('cookie', 'ok', 'partnero_partner=DEMO, expires <date>'),
  ];
  expect(
    r.pages.map((p) => p.checklist?.map(({ id, status, detail }) => row(id, status, undated(detail)))),
  ).toEqual([
    [...common, row('links', 'none', 'none on page'), row('transactions', 'none', 'none sent')],
    [...common, row('links', 'error', '2 ok, 1 with problems'), row('transactions', 'none', 'none sent')],
    [...common, row('links', 'none', 'none on page'), row('transactions', 'ok', '1 sent / 0 invalid')],
  ]);
  expect(r.pages[1]?.links.map((l) => [l.href, l.afterClick])).toEqual([
    ['https://buy.stripe.com/test_7sI5mC2Vu6eQ0Lu000', 'DEMO'],
    ['https://buy.stripe.com/test_eVa6qG3Zy9r2dyg001', 'DEMO'],
    [TEAM_LINK, null],
  ]);
  expect(r.pages[2]?.transactions.map((t) => t.payload)).toEqual([
    {
      data: {
        key: 'ch_3PdEmo42LkdIwHu70AbCdEf1',
        amount: 4900,
        amount_units: 'usd',
        product_id: 'prod_PdEmo42NotesPro',
        product_type: 'monthly',
        customer: { key: 'cus_PdEmo42JaneDoe' },
      },
      options: { create_customer: true },
    },
  ]);
}

eachBrowserSideBySide('demo in %s', (browser) => {
  it('checks 3 pages and finds the #buy-team error and the amount-cents info', async () => {
    const run = await cli(['demo', '--json', '--browser', browser]);
    // 1 error at the default --fail-on error, yet 0: the demo exits 0 whenever the check ran,
    // its findings are the point (src/cli/main.ts), and `npm start` must not end in an npm error.
    expectExit(run, 0);
    const r = report(run);
    const origin = new URL(r.pages[0]?.url ?? '').origin;
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.pages.map((p) => p.url)).toEqual([
      `${origin}/index.html?aff=DEMO`,
      `${origin}/pricing.html`,
      `${origin}/confirmation.html`,
    ]);
    expect(r.browser).toMatch(new RegExp(`^${browser} \\d+`));
    expectDemoFindings(r);
    expectDemoObservations(r);
  });
});

/** `npm start`'s report with its moving parts (port, cookie date, version, times) replaced. */
const DEMO_TEXT = `partnero-inspector ${VERSION} · chrome <version>

<origin>/index.html?aff=DEMO
  ✓ Loader           queue po, universal.js running
  ✓ Program          DEMO42
  ✓ Referral cookie  partnero_partner=DEMO, expires <date>
  · Payment Links    none on page
  · Transactions     none sent

  No findings.

<origin>/pricing.html
  ✓ Loader           queue po, universal.js running
  ✓ Program          DEMO42
  ✓ Referral cookie  partnero_partner=DEMO, expires <date>
  ✗ Payment Links    2 ok, 1 with problems
  · Transactions     none sent

  Errors (1)
    ✗ Payment Link "Buy Team" (${TEAM_LINK})
      has no client_reference_id (a test click showed the page does not add it).
      fix: This link was added after the page was parsed, when the helper had
           already run: bind the helper with a delegated click listener on
           document.
      link.missing-client-reference-id · at #buy-team
      ${TEAM_LINK}

<origin>/confirmation.html
  ✓ Loader           queue po, universal.js running
  ✓ Program          DEMO42
  ✓ Referral cookie  partnero_partner=DEMO, expires <date>
  · Payment Links    none on page
  ✓ Transactions     1 sent / 0 invalid

  Infos (1)
    · data.amount is 4900: if it comes from Stripe it is in cents, and Partnero
      expects 49.00.
      fix: Divide Stripe's amount by 100 for currencies with cents (Partnero
           expects major units).
      transaction.amount-cents · data.amount

Learn more about these rules:
  link.missing-client-reference-id  ${ROOT}/docs/rules.md#link.missing-client-reference-id
  transaction.amount-cents          ${ROOT}/docs/rules.md#transaction.amount-cents

1 error, 0 warnings, 1 info — 3 pages checked in <s> s (browser start <s> s)
`;

describe('npm start', () => {
  it.runIf(browsersUnderTest().includes('chrome'))(
    'prints the demo report (node src/cli/bin.mjs demo)',
    async () => {
      const run = await cli(['demo']);
      expectExit(run, 0);
      const text = undated(run.stdout)
        .replace(/^(partnero-inspector \S+ · chrome )\S+$/m, '$1<version>')
        .replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, '<origin>')
        .replace(/in \d+\.\d s \(browser start \d+\.\d s\)$/m, 'in <s> s (browser start <s> s)');
      expect(text).toBe(DEMO_TEXT);
    },
  );
});
