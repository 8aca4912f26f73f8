/**
 * Network rules of a check: nothing ever reaches Stripe checkout (recorded by the extension,
 * then stopped), and with the stand-in every Partnero request is answered locally.
 */
import type { HTTPRequest, Page } from 'puppeteer';
import { isStripeCheckout } from '../detect/stripe';
import { isPartneroUrl, stubPartnero } from '../stub';

export interface Interception {
  /** Response bodies of Partnero tracking calls answered so far (for the report). */
  takeBodies(): { url: string; body: string }[];
}

export async function interceptTraffic(page: Page, opts: { stub: boolean }): Promise<Interception> {
  let bodies: { url: string; body: string }[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (isStripeCheckout(url)) {
      // 204 No Content: the browser stays on the merchant page (an abort would show an
      // error page in the tab); the extension has already recorded the navigation.
      void req.respond({ status: 204, body: '' }).catch(() => undefined);
      return;
    }
    if (opts.stub && isPartneroUrl(url)) {
      void answer(req, url).catch(() => undefined);
      return;
    }
    void req.continue().catch(() => undefined);
  });
  // postData() is CDP-only; fetchPostData() works in Chromium and Firefox alike.
  const answer = async (req: HTTPRequest, url: string) => {
    const body = req.hasPostData() ? await req.fetchPostData() : undefined;
    const res = stubPartnero({ url, method: req.method(), body });
    // Tracking calls only: script bodies are ours and say nothing about the merchant.
    if (!new URL(url).pathname.endsWith('.js')) bodies.push({ url, body: res.body });
    await req.respond({
      status: res.status,
      contentType: res.contentType,
      body: res.body,
      headers: res.headers,
    });
  };
  return {
    takeBodies() {
      const out = bodies;
      bodies = [];
      return out;
    },
  };
}
