#!/usr/bin/env node
// The package's `bin`: runs the bundled CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../../.output/cli/partnero-inspector.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('partnero-inspector: not built yet: run npm run build\n');
  process.exit(2);
}
await import(bundle);
