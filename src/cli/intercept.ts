/**
 * Network rules of a check: nothing ever reaches Stripe checkout (recorded by the extension,
 * then stopped), and with the stand-in every Partnero request is answered locally. What the
 * driver sees of Partnero responses (status, tracking-call bodies) is handed to the
 * extension, which cannot read bodies and, in Firefox, misses driver-answered statuses.
 */
import type { HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';
import { isStripeCheckout } from '../detect/stripe';
import type { ObservedResponse } from '../protocol/messages';
import { isPartneroUrl, stubPartnero } from '../stub';

export interface Interception {
  /**
   * Partnero responses seen since the last call, once the stand-in has answered every request
   * it is working on (at most `waitMs`): a tracking call made just before the end of the watch
   * still gets its status (Firefox's webRequest never reports it for driver-answered requests).
   */
  takeObserved(waitMs?: number): Promise<ObservedResponse[]>;
}

/** A request for a script, by its address: a `.js` or `.mjs` path (false for no URL at all). */
export function isScriptUrl(url: string): boolean {
  try {
    return /\.m?js$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export async function interceptTraffic(page: Page, opts: { stub: boolean }): Promise<Interception> {
  let observed: ObservedResponse[] = [];
  const observe = (url: string, status: number, body: string | undefined) =>
    // Tracking calls only: script bodies are Partnero's own code and say nothing about the merchant.
    observed.push({ url, status, at: Date.now(), ...(body !== undefined && !isScriptUrl(url) && { body }) });

  /** Stand-in answers under way (reading a large request body takes a while). */
  let answering = 0;
  const answerFromStub = async (req: HTTPRequest, url: string) => {
    // postData() is CDP-only; fetchPostData() works in Chromium and Firefox alike.
    const body = req.hasPostData() ? await req.fetchPostData() : undefined;
    const res = stubPartnero({ url, method: req.method(), body });
    observe(url, res.status, res.body);
    await req.respond({
      status: res.status,
      contentType: res.contentType,
      body: res.body,
      headers: res.headers,
    });
  };

  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (isStripeCheckout(url)) {
      // 204 No Content: the browser stays on the merchant page (an abort would show an
      // error page in the tab); the extension has already recorded the navigation.
      void req.respond({ status: 204, body: '' }).catch(() => undefined);
    } else if (opts.stub && isPartneroUrl(url)) {
      // A request the stand-in cannot answer (its body could not be read) fails here: left
      // paused it would hold the page, and it must never go on to the real Partnero.
      answering++;
      void answerFromStub(req, url)
        .catch(() => req.abort('failed').catch(() => undefined))
        .finally(() => answering--);
    } else {
      void req.continue().catch(() => undefined);
    }
  });
  if (!opts.stub) {
    page.on('response', (res: HTTPResponse) => {
      const url = res.url();
      if (!isPartneroUrl(url) || isStripeCheckout(url)) return;
      void (isScriptUrl(url) ? Promise.resolve(undefined) : res.text().catch(() => undefined)).then((body) =>
        observe(url, res.status(), body),
      );
    });
  }
  return {
    async takeObserved(waitMs = 2000) {
      const until = Date.now() + waitMs;
      while (answering > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      const out = observed;
      observed = [];
      return out;
    },
  };
}
