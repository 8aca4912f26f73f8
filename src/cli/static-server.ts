/** A tiny static file server on 127.0.0.1 for the demo shop and the test fixtures. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/**
 * Answers a request itself (e.g. the Partnero stand-in under a local path), or null. `search`:
 * the query, `?…` or ''. `delayMs`: answer that much later (a slow third-party script).
 */
export type Route = (
  path: string,
  method: string,
  search: string,
) => {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
} | null;

/** Serves `root` (directory URLs serve index.html). Paths outside `root` are refused. */
export async function serveStatic(root: string, port = 0, route?: Route): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const routed = route?.(path, req.method ?? 'GET', url.search);
    if (routed) {
      if (routed.delayMs) await new Promise((r) => setTimeout(r, routed.delayMs));
      res
        .writeHead(routed.status, {
          'content-type': routed.contentType,
          'cache-control': 'no-store',
          ...routed.headers,
        })
        .end(routed.body);
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // close() alone waits for requests in flight to end: one from a browser being torn
        // down may never end, and would hold the CLI open after its report.
        server.closeAllConnections();
      }),
  };
}
