/**
 * Stripe's own frames (Stripe.js and its hidden frames, embeds' inner frames, Checkout) are
 * never the merchant's: neither of the extension's scripts goes there (wxt.config.ts), while
 * the merchant's page and a frame of its own get the bridge. Read from the DevTools side,
 * where every frame's JavaScript worlds are listed: the bridge's isolated world carries the
 * extension's name. The MAIN-world hook makes no world to list; build-output.e2e.ts shows the
 * manifest keeps both scripts out alike. Chromium (Firefox's driver does not list worlds).
 */
import type { CDPSession } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { AS_BUILT, browsersUnderTest, ROOT, until } from './support';

const inChrome = browsersUnderTest().includes('chrome');
const STRIPE_FRAME = 'https://js.stripe.com/v3/controller-frame.html';
const SHOP = 'https://shop.example/pricing.html';
const OWN_FRAME = 'https://shop.example/widget.html';

let launched: Launched;
beforeAll(async () => {
  if (!inChrome) return;
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
    AS_BUILT,
  );
});
afterAll(() => launched?.close());

/** Serves the shop's page and frames, and Stripe's frame, from the driver (no network). */
async function serve(): Promise<void> {
  // The browser's own session: Stripe's frame runs in a process of its own, beyond the page's.
  const cdp = await launched.browser.target().createCDPSession();
  const bodies: Record<string, string> = {
    [SHOP]: `<!doctype html><title>Pricing</title><iframe src="${OWN_FRAME}"></iframe><iframe src="${STRIPE_FRAME}"></iframe>`,
    [OWN_FRAME]: '<!doctype html><p>widget</p>',
    [STRIPE_FRAME]: '<!doctype html><p>stripe</p>',
  };
  cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string } }) => {
    const body = bodies[e.request.url];
    void cdp
      .send(
        'Fetch.fulfillRequest',
        body === undefined
          ? { requestId: e.requestId, responseCode: 404, body: '' }
          : {
              requestId: e.requestId,
              responseCode: 200,
              responseHeaders: [{ name: 'content-type', value: 'text/html' }],
              body: Buffer.from(body).toString('base64'),
            },
      )
      .catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}

type Context = { name: string; auxData?: { type?: string; frameId?: string } };
type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };

/** Frame URL → the names of its isolated worlds, for the frames one DevTools session shows. */
async function isolatedWorlds(session: CDPSession): Promise<Map<string, string[]>> {
  const contexts: Context[] = [];
  session.on('Runtime.executionContextCreated', (e: { context: Context }) => contexts.push(e.context));
  await session.send('Runtime.enable');
  const urls = new Map<string, string>();
  const walk = (t: FrameTree) => {
    urls.set(t.frame.id, t.frame.url);
    for (const child of t.childFrames ?? []) walk(child);
  };
  walk(((await session.send('Page.getFrameTree')) as { frameTree: FrameTree }).frameTree);
  const worlds = new Map<string, string[]>([...urls.values()].map((url) => [url, []]));
  for (const c of contexts) {
    const url = urls.get(c.auxData?.frameId ?? '');
    // Puppeteer's own world for its queries is not one of ours.
    if (url === undefined || c.auxData?.type !== 'isolated' || c.name.startsWith('__puppeteer')) continue;
    worlds.get(url)?.push(c.name);
  }
  return worlds;
}

describe.runIf(inChrome)("chrome: Stripe's own frames get no script of ours", () => {
  it("a merchant's frame gets the isolated bridge, Stripe's frame beside it nothing", async () => {
    const page = await launched.browser.newPage();
    await serve();
    await page.goto(SHOP, { waitUntil: 'load' });
    await until(
      'both frames',
      async () => page.frames().map((f) => f.url()),
      (urls) => urls.includes(STRIPE_FRAME) && urls.includes(OWN_FRAME),
    );
    // The page's own session, and the session of each frame in a process of its own.
    const sessions = [
      await page.createCDPSession(),
      ...(await Promise.all(
        launched.browser
          .targets()
          .filter((t) => t.url() === STRIPE_FRAME || t.url() === OWN_FRAME)
          .map((t) => t.createCDPSession()),
      )),
    ];
    const worlds = new Map<string, string[]>();
    for (const session of sessions)
      for (const [url, names] of await isolatedWorlds(session))
        worlds.set(url, [...(worlds.get(url) ?? []), ...names]);
    expect(worlds.get(SHOP)).toEqual(['Partnero Inspector']);
    expect(worlds.get(OWN_FRAME)).toEqual(['Partnero Inspector']);
    expect(worlds.get(STRIPE_FRAME)).toEqual([]);
    await page.close();
  }, 60_000);
});
