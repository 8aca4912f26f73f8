/**
 * The built extensions (`npm run build` → .output/chrome-mv3, .output/firefox-mv3) as a store
 * or a user receives them: the size budgets of the two scripts injected into every frame
 * (README "Measurements"), what they must not carry (zod, webextension-polyfill), and the
 * manifest's permissions and content scripts, listed literally so any change shows up here.
 * No browser is started: this reads files only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support';

/** The MAIN-world hook (entrypoints/page-hook.content.ts). */
const HOOK = 'content-scripts/page-hook.js';
/** The isolated-world bridge (entrypoints/bridge.ts, an unlisted script declared in wxt.config.ts). */
const BRIDGE = 'bridge.js';

/**
 * Strings zod 4 always carries into a bundle: `_zod` is the property every schema keeps its
 * internals under, `$ZodType` the name its base class is registered with. Minifiers keep both.
 */
const ZOD_MARKERS = ['_zod', '$ZodType'];
/** The guard at the top of webextension-polyfill. */
const POLYFILL_MARKER = 'This script should only be loaded in a browser extension';

/** Stripe's own pages and frames: never the merchant's, so no script of ours goes there. */
const NOT_ON = ['*://*.stripe.com/*', '*://*.stripe.network/*'];

const CONTENT_SCRIPTS = [
  {
    matches: ['<all_urls>'],
    exclude_matches: NOT_ON,
    all_frames: true,
    run_at: 'document_start',
    js: [BRIDGE],
  },
  {
    matches: ['<all_urls>'],
    exclude_matches: NOT_ON,
    all_frames: true,
    run_at: 'document_start',
    js: [HOOK],
    world: 'MAIN',
  },
];

/** What the manifest asks of the user and injects into pages, as it is today. */
const GRANTS = {
  host_permissions: ['<all_urls>'],
  optional_permissions: undefined,
  optional_host_permissions: undefined,
  web_accessible_resources: undefined,
  externally_connectable: undefined,
  content_security_policy: undefined,
  content_scripts: CONTENT_SCRIPTS,
};

/** Every top-level manifest key both builds have (Firefox adds browser_specific_settings). */
const MANIFEST_KEYS = [
  'action',
  'background',
  'content_scripts',
  'description',
  'devtools_page',
  'host_permissions',
  'icons',
  'manifest_version',
  'name',
  'permissions',
  'version',
];

const BUILDS = [
  {
    dir: 'chrome-mv3',
    extra: {
      // No webRequest: holding it slows every page in Chromium (README "Page load").
      permissions: ['storage', 'webNavigation', 'cookies'],
      background: { service_worker: 'background.js' },
      browser_specific_settings: undefined,
    },
  },
  {
    dir: 'firefox-mv3',
    extra: {
      permissions: ['storage', 'webNavigation', 'webRequest', 'cookies'],
      background: { scripts: ['background.js'] },
      browser_specific_settings: {
        gecko: {
          id: 'partnero-inspector@partnero-inspector.dev',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    },
  },
];

describe.each(BUILDS)('.output/$dir', ({ dir, extra }) => {
  const path = (file: string) => resolve(ROOT, '.output', dir, file);
  const text = (file: string) => readFileSync(path(file), 'utf8');
  /** The shared chunk the popup and the panel import: it validates with zod. */
  const messagesChunk = () => {
    const found = readdirSync(path('chunks')).filter((f) => /^messages-[\w-]+\.js$/.test(f));
    expect(found).toHaveLength(1);
    return `chunks/${found[0]}`;
  };

  it('page-hook.js is at most 4 KB', () => {
    const { size } = statSync(path(HOOK));
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(4096);
  });

  it('bridge.js is at most 30 KB', () => {
    const { size } = statSync(path(BRIDGE));
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(30 * 1024);
  });

  it.each(ZOD_MARKERS)('zod (marker %s) is in the background and the popup/panel chunk only', (marker) => {
    // The marker is proven on the bundles that do use zod, so its absence below means something.
    expect(text('background.js')).toContain(marker);
    expect(text(messagesChunk())).toContain(marker);
    expect(text(HOOK)).not.toContain(marker);
    expect(text(BRIDGE)).not.toContain(marker);
  });

  it('webextension-polyfill is in the background but not in the page scripts', () => {
    expect(text('background.js')).toContain(POLYFILL_MARKER);
    expect(text(HOOK)).not.toContain(POLYFILL_MARKER);
    expect(text(BRIDGE)).not.toContain(POLYFILL_MARKER);
  });

  it('the manifest grants and injects exactly this', () => {
    const manifest = JSON.parse(text('manifest.json'));
    const picked = Object.fromEntries(
      [...Object.keys(GRANTS), ...Object.keys(extra)].map((key) => [key, manifest[key]]),
    );
    expect(picked).toEqual({ ...GRANTS, ...extra });
    // A key added later (a new capability) shows up here too.
    expect(Object.keys(manifest).sort()).toEqual(
      [...MANIFEST_KEYS, ...(extra.browser_specific_settings ? ['browser_specific_settings'] : [])].sort(),
    );
    expect(manifest.manifest_version).toBe(3);
  });

  it('never asks for tabs (users read it as "Read your browsing history"; nothing needs it)', () => {
    const manifest = JSON.parse(text('manifest.json'));
    expect([...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])]).not.toContain('tabs');
  });
});

/** The CLI bundle's files that load when it starts: the entry and the chunks it imports statically. */
function startupFiles(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*"(\.[^"]+)"/gms))
      visit(resolve(file, '..', spec as string));
  };
  visit(resolve(dir, entry));
  return [...seen];
}

describe('.output/cli', () => {
  it('starts without zod: the report schema loads only once a report is written or read', () => {
    const files = startupFiles(resolve(ROOT, '.output', 'cli'), 'partnero-inspector.mjs');
    expect(files.length).toBeGreaterThan(1);
    const withZod = files.filter((f) =>
      ZOD_MARKERS.some((marker) => readFileSync(f, 'utf8').includes(marker)),
    );
    expect(withZod).toEqual([]);
  });
});
