import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/** The MAIN-world hook (src/hook/main.ts), as the manifest names it. */
const HOOK_FILE = 'content-scripts/page-hook.js';

/**
 * Stripe's own pages and frames (Checkout, Payment Links, Stripe.js and its hidden frames,
 * 3-D Secure): never the merchant's, so neither script goes there. What the extension needs of
 * them it reads from navigations (the checkout URL and its `client_reference_id`); each frame
 * skipped is one isolated world less (README "Measurements": most of what a frame costs).
 */
const STRIPE_OWN_PAGES = ['*://*.stripe.com/*', '*://*.stripe.network/*'];

/**
 * Bundles the hook as a bare IIFE. Its `sourceURL` is what stack traces name its frames by, in
 * Chromium and Firefox alike, instead of the extension's URL (README: "What a page can still see").
 */
async function buildHook(root: string): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [resolve(root, 'src/hook/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    footer: { js: '//# sourceURL=partnero-inspector-hook.js' },
  });
  return outputFiles[0]?.text ?? '';
}

/** Preact's one HTML sink: `dom.innerHTML = props.dangerouslySetInnerHTML.__html`, minified. */
const PREACT_HTML_SINK = /([\w$]+)\.innerHTML\s*=\s*([\w$]+)\.__html/g;

/**
 * Takes Preact's `dangerouslySetInnerHTML` out of the bundle: nothing here uses it (page data
 * is always text), and the one `innerHTML` assignment it brings is what `web-ext lint` flags
 * (UNSAFE_VAR_ASSIGNMENT) and an AMO reviewer would have to audit. A use now throws. Fails
 * the build if Preact's code no longer has exactly that one sink, so an upgrade is looked at.
 */
function withoutPreactHtmlSink(): Plugin {
  return {
    name: 'partnero-inspector:without-preact-html-sink',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.m?js$/.test(id)) return null;
      const sinks = code.match(PREACT_HTML_SINK) ?? [];
      if (sinks.length !== 1) throw new Error(`${id}: expected one innerHTML sink, found ${sinks.length}`);
      const refused = '(()=>{throw new Error("dangerouslySetInnerHTML is not supported")})()';
      return { code: code.replace(PREACT_HTML_SINK, refused), map: null };
    },
  };
}

/** Firefox needs a fixed id (storage, pinned UUID in tests) and the data-collection declaration. */
const GECKO_ID = 'partnero-inspector@partnero-inspector.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Partnero Inspector',
    description:
      'Checks that Partnero affiliate tracking with Stripe works on this page: loader, referral cookie, Payment Links, transactions.',
    // Chromium: no webRequest. Holding it makes Chromium route every request of every page
    // through the browser process (README "Page load"); the page's Resource Timing and the
    // navigation events tell what the rules need. Firefox has no such cost. The CLI's copy of
    // the Chromium build adds it (src/cli/browsers.ts).
    permissions: ['storage', 'webNavigation', ...(browser === 'firefox' ? ['webRequest'] : []), 'cookies'],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Partnero Inspector' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140: first version that reads data_collection_permissions (ESR 140+).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // `npm run zip`: the Chrome Web Store zip, the AMO zip and, with the latter, the sources AMO
  // asks for (docs/BUILD.md tells a reviewer how to rebuild). WXT already leaves out
  // node_modules, dotfiles (.env*, .output, .wxt, .git), __tests__ and *.test.* files.
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: [
      'test-results/**',
      'stats.html',
      '**/*.log',
      '**/*.zip',
      '**/*.xpi',
      '**/*.crx',
      '**/*.pem',
      '**/*.key',
    ],
  },
  hooks: {
    // The isolated-world bridge (entrypoints/bridge.ts) is an unlisted script so WXT's
    // content-script wrapper stays out of every frame; it is declared here instead. Listed
    // before the MAIN-world hook, as WXT would.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        {
          matches: ['<all_urls>'],
          exclude_matches: STRIPE_OWN_PAGES,
          all_frames: true,
          run_at: 'document_start',
          js: ['bridge.js'],
        },
        // The hook is not a WXT entrypoint either (see src/hook/main.ts): built below.
        {
          matches: ['<all_urls>'],
          exclude_matches: STRIPE_OWN_PAGES,
          all_frames: true,
          run_at: 'document_start',
          js: [HOOK_FILE],
          world: 'MAIN',
        },
        ...(manifest.content_scripts ?? []),
      ];
    },
    'build:publicAssets': async (wxt, files) => {
      files.push({ relativeDest: HOOK_FILE, contents: await buildHook(wxt.config.root) });
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    plugins: [withoutPreactHtmlSink()],
  }),
});
