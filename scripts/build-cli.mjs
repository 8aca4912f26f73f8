#!/usr/bin/env node
// Builds the command-line check into .output/cli/ as one self-contained bundle: Puppeteer and
// zod are bundled in, so the CLI needs no packages at run time (an installed package has no
// dependencies to fetch) and Node loads one file instead of Puppeteer's ~400 modules (~170 ms
// less CPU while the browser starts). zod, needed only once a report is written, stays in a
// chunk of its own loaded then.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('.output/cli', root), { recursive: true, force: true });
await build({
  absWorkingDir: new URL('.', root).pathname,
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ws's optional native speed-ups: absent, it uses its JavaScript fallbacks.
  external: ['bufferutil', 'utf-8-validate'],
  // Bundled CommonJS (debug, ws) calls require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  define: { __VERSION__: JSON.stringify(version) },
  outdir: '.output/cli',
  entryNames: 'partnero-inspector',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
