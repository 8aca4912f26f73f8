import { defineConfig } from 'wxt';

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
    permissions: ['storage', 'webNavigation', 'webRequest', 'cookies'],
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
  hooks: {
    // The isolated-world bridge (entrypoints/bridge.ts) is an unlisted script so WXT's
    // content-script wrapper stays out of every frame; it is declared here instead. Listed
    // before the MAIN-world hook, as WXT would.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        { matches: ['<all_urls>'], all_frames: true, run_at: 'document_start', js: ['bridge.js'] },
        ...(manifest.content_scripts ?? []),
      ];
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
