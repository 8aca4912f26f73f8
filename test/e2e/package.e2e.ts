/**
 * The published package as a user gets it: `npm pack`, then `npm install ./partnero-inspector-x.y.z.tgz`
 * into an empty folder, then `npx partnero-inspector …` from there. Offline: the package needs
 * nothing from the registry (the CLI bundles what it runs, the extensions are built in).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../src/cli/static-server';
import { ReportSchema } from '../../src/report/schema';
import { ROOT, serveFixtures } from './support';

const run = promisify(execFile);
const PACKAGE = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx partnero-inspector …` in `cwd`, as a user types it. */
async function npx(cwd: string, args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run('npx', ['--offline', 'partnero-inspector', ...args], {
      cwd,
      maxBuffer: 20 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let work: string;
let project: string;
let files: string[];
let server: StaticServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pi-package-'));
  // Already built by `npm test`: packing must not build again (prepack would).
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: ROOT,
    maxBuffer: 20 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  files = packed.files.map((f) => f.path);
  project = join(work, 'shop');
  await run('mkdir', ['-p', project]);
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], {
    cwd: project,
  });
  server = await serveFixtures();
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed npm package', () => {
  it('holds the CLI, both built extensions, the docs and the demo shop, and no sources or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'src/cli/bin.mjs',
        '.output/cli/partnero-inspector.mjs',
        '.output/chrome-mv3/manifest.json',
        '.output/firefox-mv3/manifest.json',
        'docs/rules.md',
        'test/demo-shop/pricing.html',
        'README.md',
        'LICENSE',
        'package.json',
      ]),
    );
    expect(
      files.filter((f) => /\.tsx?$/.test(f) || f.startsWith('test/e2e') || f.startsWith('test/fixtures')),
    ).toEqual([]);
  });

  it('installs with nothing else: the folder holds only partnero-inspector', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual([
      'partnero-inspector',
    ]);
  });

  it('answers --version and --help', async () => {
    const version = await npx(project, ['--version']);
    expect(version).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    const help = await npx(project, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('partnero-inspector check');
  });

  it('checks a local page offline and prints a valid JSON report', async () => {
    const url = `${server.origin}/payment-links-ok.html`;
    const checked = await npx(project, [
      'check',
      url,
      '--aff',
      'PARTNER_7',
      '--stub-partnero',
      '--json',
      '--wait',
      '500',
    ]);
    expect({ code: checked.code, stderr: checked.stderr }).toEqual({ code: 0, stderr: '' });
    const report = ReportSchema.parse(JSON.parse(checked.stdout));
    expect(report.version).toBe(PACKAGE.version);
    expect(report.pages.map((p) => p.url)).toEqual([`${url}?aff=PARTNER_7`]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  });
});
