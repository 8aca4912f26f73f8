/**
 * `partnero-inspector demo`: serves the bundled demo shop on 127.0.0.1 and checks its
 * journey (landing → pricing → order confirmation) as a referred visitor, offline.
 */
import { resolve } from 'node:path';
import type { CheckOptions } from './args';
import { type StaticServer, serveStatic } from './static-server';

export const DEMO_PAGES = ['index.html', 'pricing.html', 'confirmation.html'];

/** Starts the demo shop and returns check options for its journey. */
export async function demoJourney(
  root: string,
  base: CheckOptions,
): Promise<{ server: StaticServer; options: CheckOptions }> {
  const server = await serveStatic(resolve(root, 'test', 'demo-shop'));
  return {
    server,
    options: {
      ...base,
      urls: DEMO_PAGES.map((p) => `${server.origin}/${p}`),
      aff: base.aff ?? 'DEMO',
      stubPartnero: true,
    },
  };
}
