// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveStatic } from '../static-server';

let root: string;
let outside: string;
let server: StaticServer;

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'pi-static-'));
  root = join(outside, 'site');
  mkdirSync(join(root, 'shop'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'shop', 'index.html'), '<h1>shop</h1>');
  writeFileSync(join(root, 'style.css'), 'body{}');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  server = await serveStatic(root, 0, (path) =>
    path === '/routed'
      ? { status: 201, contentType: 'text/plain', body: 'routed', headers: { 'x-a': '1' } }
      : null,
  );
});

afterAll(async () => {
  await server.close();
  rmSync(outside, { recursive: true, force: true });
});

/** A raw GET: the path is sent exactly as written (no client-side normalising of `..`). */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.origin);
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStatic', () => {
  it('serves files with their type, and a folder’s index.html', async () => {
    expect(await get('/')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<h1>home</h1>',
    });
    expect(await get('/shop/')).toMatchObject({ status: 200, body: '<h1>shop</h1>' });
    expect(await get('/style.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await get('/missing.html')).toMatchObject({ status: 404 });
  });

  it('never serves a file outside its folder, however the path is spelt', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/shop/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const answer = await get(path);
      expect(answer.body, path).not.toContain('secret');
      expect([403, 404], path).toContain(answer.status);
    }
  });

  it('lets a route answer first', async () => {
    expect(await get('/routed')).toMatchObject({ status: 201, body: 'routed' });
  });
});
