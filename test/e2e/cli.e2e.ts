/**
 * `partnero-inspector check` as CI runs it: the real bin in a child process, its JSON
 * (validated against the report schema), its JUnit XML (parsed), and its exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../src/cli/static-server';
import { type Report, ReportSchema } from '../../src/report/schema';
import { browsersUnderTest, ROOT, ruleIds, serveFixtures } from './support';

const BIN = resolve(ROOT, 'src', 'cli', 'bin.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const report = (run: Run): Report => ReportSchema.parse(JSON.parse(run.stdout));

let server: StaticServer;
let silent: Server;
let silentOrigin: string;
beforeAll(async () => {
  server = await serveFixtures();
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

describe.each(browsersUnderTest())('check in %s', (browser) => {
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
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = report(run);
    expect(r.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(r.browser).toMatch(new RegExp(`^${browser} \\d+`));
    // One visitor: the cookie set on the landing page is there on the confirmation page.
    expect(r.pages.map((p) => p.cookie?.partnero_partner)).toEqual(['PARTNER_7', 'PARTNER_7']);
    expect(r.pages[0]?.links.every((l) => l.afterClick === 'PARTNER_7')).toBe(true);
    expect(r.pages[1]?.transactions).toHaveLength(1);
    // Each page was watched for --wait after its load, however long the driver took to hear of it.
    expect(r.timing?.journeyMs).toBeGreaterThan(2 * 500);
    expect(r.timing?.browserStartMs).toBeGreaterThan(0);
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
    expect(run.code).toBe(1);
    const page = report(run).pages[0];
    expect(ruleIds(page?.findings ?? [])).toEqual([
      'cookie.missing-after-referral',
      'network.request-failed',
      'program.placeholder',
      'snippet.script-failed',
    ]);
    expect(report(run).summary.errors).toBe(1);
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
    expect(run.code).toBe(1);
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
    expect(run.code).toBe(code);
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
    expect(page?.links.every((l) => l.afterClick === undefined)).toBe(true);
    expect(page?.findings.map((f) => `${f.rule}:${f.severity}`)).toContain(
      'link.missing-client-reference-id:warning',
    );
  });
});

describe('exit 2: the check could not run', () => {
  it.each([
    ['no command', [], {}],
    ['no URL', ['check'], {}],
    ['an unknown option', ['check', 'http://127.0.0.1/', '--colour'], {}],
    ['a malformed URL', ['check', 'not a url'], {}],
    ['a bad --wait', ['check', 'http://127.0.0.1/', '--wait', 'soon'], {}],
    ['an unreachable host', ['check', 'http://127.0.0.1:9/'], {}],
    ['no browser', ['check', 'http://127.0.0.1/'], { CHROME_PATH: '/nonexistent/chrome' }],
  ])('%s', async (_name, args, env) => {
    const run = await cli(args as string[], env as NodeJS.ProcessEnv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^partnero-inspector: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a page that never loads', async () => {
    const run = await cli(['check', `${silentOrigin}/`, '--timeout', '1500']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did not finish loading within 1500 ms/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
