/**
 * Global set-up of the end-to-end run: every browser the tests start (in this process or in
 * a CLI child process) gets an HTTP proxy from the environment, and the proxy is a sink that
 * answers nothing and notes every request for a Partnero or Stripe host. `offline-check.ts`
 * fails the test during which one was noted: no e2e path may reach the real services.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

/** Hosts no test may reach: Partnero's and Stripe's. */
const GUARDED = /(^|\.)(partnero\.com|stripe\.com|stripe\.network)$/i;
/**
 * Stripe checkout hosts, and Stripe.js's for a frame: Chromium opens a connection to a
 * navigation's host as the navigation starts, even one the driver then answers itself
 * (reproduced with a 204 and with an abort; a frame's navigation too, stripe-frames.e2e.ts).
 * Such a tunnel carries no request, so a bare CONNECT to these is not a leak; any request
 * the sink can read (plain HTTP) to them still is.
 */
const PRECONNECTED = /^(buy|checkout|js)\.stripe\.com$/i;

const hostOf = (target: string) => {
  try {
    return new URL(target.includes('://') ? target : `https://${target}`).hostname;
  } catch {
    return target;
  }
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let noted: string[] = [];
  const sink = createServer((req, res) => {
    if (req.url === '/__noted') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(noted));
      noted = [];
      return;
    }
    if (GUARDED.test(hostOf(req.url ?? ''))) noted.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  sink.on('connect', (req, socket) => {
    socket.on('error', () => undefined); // a browser closing mid-answer is no failure of ours
    const host = hostOf(req.url ?? '');
    if (GUARDED.test(host) && !PRECONNECTED.test(host)) noted.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  // Chromium and Firefox on Linux both take their proxy from these when nothing else sets one.
  for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) process.env[name] = origin;
  process.env.no_proxy = process.env.NO_PROXY = '127.0.0.1,localhost,.localhost,[::1]';
  project.provide('offlineSink', origin);
  return () => new Promise((r) => sink.close(() => r()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    offlineSink: string;
  }
}
