/**
 * A happy-dom page whose requests to *.partnero.com are answered by the stub, the way the e2e
 * tests answer them with Puppeteer request interception. Scripts really run (JavaScript
 * evaluation on), so universal.js and settings.js behave as in a browser.
 */
import { Browser, type BrowserWindow } from 'happy-dom';
import { isPartneroUrl, stubPartnero } from '..';

export interface SeenRequest {
  method: string;
  url: string;
  body?: string;
}

/** The loader's queue function as page code sees it. */
export interface QueueFunction {
  (...args: unknown[]): unknown;
  q: unknown[];
}

export interface StubbedPage {
  window: BrowserWindow & Record<string, unknown>;
  requests: SeenRequest[];
  /** The page's queue function (`window[name]`). */
  queue(name?: string): QueueFunction;
  /** Waits until every script, timer and request of the page has finished. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openStubbedPage(url: string, html: string): Promise<StubbedPage> {
  const requests: SeenRequest[] = [];
  const browser = new Browser({
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      fetch: {
        interceptor: {
          async beforeAsyncRequest({ request, window }) {
            const body = request.method === 'POST' ? await request.text() : undefined;
            requests.push({ method: request.method, url: request.url, body });
            if (!isPartneroUrl(request.url)) return new window.Response('', { status: 404 });
            const answer = stubPartnero({ url: request.url, method: request.method, body });
            return new window.Response(answer.body || null, {
              status: answer.status,
              headers: { 'Content-Type': answer.contentType, ...answer.headers },
            });
          },
        },
      },
    },
  });
  const page = browser.newPage();
  page.url = url;
  page.content = html;
  const window = page.mainFrame.window as BrowserWindow & Record<string, unknown>;
  const settle = () => page.waitUntilComplete();
  await settle();
  return {
    window,
    requests,
    queue: (name = 'po') => window[name] as QueueFunction,
    settle,
    close: () => browser.close(),
  };
}

/**
 * Runs `action` with Node's unhandled-rejection listeners (Vitest's among them) swapped for a
 * recorder: the real universal.js reports a missing settings script exactly that way.
 */
export async function collectUnhandledRejections(action: () => Promise<void>): Promise<unknown[]> {
  const previous = process.listeners('unhandledRejection');
  const seen: unknown[] = [];
  const record = (reason: unknown) => seen.push(reason);
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', record);
  try {
    await action();
    await new Promise((resolve) => setTimeout(resolve, 10)); // Node reports rejections after the microtasks
  } finally {
    process.off('unhandledRejection', record);
    for (const listener of previous) process.on('unhandledRejection', listener);
  }
  return seen;
}
