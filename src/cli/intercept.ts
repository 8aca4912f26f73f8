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
      void req.abort('blockedbyclient').catch(() => undefined);
      return;
    }
    if (opts.stub && isPartneroUrl(url)) {
      const res = stubPartnero({ url, method: req.method(), body: req.postData() });
      if (req.resourceType() !== 'script') bodies.push({ url, body: res.body });
      void req
        .respond({ status: res.status, contentType: res.contentType, body: res.body, headers: res.headers })
        .catch(() => undefined);
      return;
    }
    void req.continue().catch(() => undefined);
  });
  return {
    takeBodies() {
      const out = bodies;
      bodies = [];
      return out;
    },
  };
}
