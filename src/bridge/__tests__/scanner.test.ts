/**
 * The scanner's gate: on a page that has shown neither Partnero nor Stripe, a scan does not walk
 * every element for shadow roots; once the page shows either (or the background asks), it does.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../protocol/messages';
import { startScanner } from '../scanner';

const LIVE = 'https://buy.stripe.com/aEU5lm';
const windows: HappyWindow[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** A loaded page whose only Payment Link is inside a shadow root; `light`: more markup outside it. */
async function pageWithShadowLink(light = ''): Promise<{ win: Window; events: BridgeEvent[] }> {
  const w = new HappyWindow({ url: 'https://shop.example.com/pricing' });
  windows.push(w);
  await w.happyDOM.waitUntilComplete();
  const doc = w.document as unknown as Document;
  doc.body.innerHTML = `<div id="host"></div>${light}`;
  const root = (doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
  root.innerHTML = `<a href="${LIVE}">Buy</a>`;
  return { win: w as unknown as Window, events: [] };
}

const linksIn = (events: BridgeEvent[]) =>
  events.flatMap((e) => (e.t === 'links' ? e.links.map((l) => l.href) : []));

describe('startScanner', () => {
  it('a page with no sign of Partnero or Stripe: no walk for shadow roots', async () => {
    const { win, events } = await pageWithShadowLink('<p>A blog post.</p>');
    const scanner = startScanner(win, 'top', (e) => events.push(e));
    await scanner.rescan();
    expect(linksIn(events)).toEqual([]);
  });

  it('once armed (the loader, the hook, the background asking): the link in the shadow root is found', async () => {
    const { win, events } = await pageWithShadowLink();
    const scanner = startScanner(win, 'top', (e) => events.push(e));
    scanner.arm();
    await scanner.rescan();
    expect(linksIn(events)).toEqual([LIVE]);
  });

  it('a Payment Link in the page itself is sign enough: the shadow root is walked too', async () => {
    const { win, events } = await pageWithShadowLink(`<a href="${LIVE}?plan=2">Buy 2</a>`);
    const scanner = startScanner(win, 'top', (e) => events.push(e));
    await scanner.rescan();
    expect(linksIn(events).sort()).toEqual([LIVE, `${LIVE}?plan=2`]);
  });
});
