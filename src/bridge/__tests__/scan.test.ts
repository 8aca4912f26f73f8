/**
 * Scans of pages with many links: selectors in one pass per parent, records of re-rendered
 * links reused, a cap that keeps the links on the page and counts what it leaves out, and
 * scans in slices that give the same records as a scan at once.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LinkRecord } from '../../model/types';
import { LIMITS } from '../limits';
import { LinkRegistry, markClicked } from '../links';
import { SelectorBuilder, selectorOf } from '../selector';

const LIVE = 'https://buy.stripe.com/aEU5lm';

const windows: HappyWindow[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

function page(html: string): Document {
  const w = new HappyWindow({ url: 'https://shop.example.com/pricing' });
  windows.push(w);
  w.document.body.innerHTML = html;
  return w.document as unknown as Document;
}

/** `n` Payment Links in one container, every other one with an id (as page builders make them). */
const list = (n: number, from = 0) =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return `<a${i % 2 ? '' : ` id="buy-${i}"`} href="${LIVE}?plan=${i}">Plan ${i}</a>`;
  }).join('');

describe('SelectorBuilder', () => {
  it.each<{ name: string; html: string }>([
    { name: 'links with and without ids in one container', html: `<div id="list">${list(40)}</div>` },
    {
      name: 'nested lists without ids',
      html: `<ul>${'<li><b>x</b><a href="#">1</a><a href="#">2</a></li>'.repeat(5)}</ul>`,
    },
    {
      name: 'duplicate ids',
      html: '<p><a id="d" href="#">1</a></p><p><a id="d" href="#">2</a><i id="ok">x</i></p>',
    },
    {
      name: 'mixed tags',
      html: '<div><span></span><a href="#">a</a><span><a href="#">b</a></span><a href="#">c</a></div>',
    },
  ])('gives each element the selector it has on its own: $name', ({ html }) => {
    const doc = page(html);
    const builder = new SelectorBuilder();
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      const sel = builder.of(el);
      expect(sel).toBe(selectorOf(el));
      expect(doc.querySelector(sel)).toBe(el);
    }
  });

  it('reads each child of a container once, not once per link (1,000 links in one container)', () => {
    const doc = page(`<main><div>${list(1000)}</div></main>`);
    const links = Array.from(doc.querySelectorAll('a'));
    const proto = Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(links[0])));
    const reads = vi.spyOn(proto, 'localName', 'get');
    const builder = new SelectorBuilder();
    for (const a of links) builder.of(a);
    // A copy of the 1,000 children per link would read 1,000,000 tag names.
    expect(reads.mock.calls.length).toBeLessThan(10 * links.length);
    expect(doc.querySelector(builder.of(links[999] as Element))).toBe(links[999]);
  });
});

/** Registry of the top frame past its first scan. */
function scanned(html: string) {
  const doc = page(html);
  const reg = new LinkRegistry('top', doc);
  const first = reg.scan(false);
  return { doc, reg, first, box: doc.querySelector('#box') as HTMLElement };
}

const ids = (recs: LinkRecord[]) => recs.map((r) => [r.id, r.removed === true]);

describe('re-rendered links reuse the records of the links they replace', () => {
  it.each<{ name: string; before: string; after: string; changed: (string | boolean)[][] }>([
    { name: 'the same list rendered again: nothing to tell', before: list(3), after: list(3), changed: [] },
    {
      name: 'new text: the same ids, updated',
      before: list(2),
      after: list(2).replaceAll('Plan', 'Buy'),
      changed: [
        ['t1', false],
        ['t2', false],
      ],
    },
    {
      name: 'another href at the same place: a new link, the old one removed',
      before: list(1),
      after: `<a id="buy-0" href="${LIVE}?plan=new">Plan 0</a>`,
      changed: [
        ['t2', false],
        ['t1', true],
      ],
    },
    {
      name: 'the same href somewhere else: a new link, the old one removed',
      before: `<a href="${LIVE}">A</a>`,
      after: `<p><a href="${LIVE}">A</a></p>`,
      changed: [
        ['t2', false],
        ['t1', true],
      ],
    },
  ])('$name', ({ before, after, changed }) => {
    // Rendered after the first scan (a link parsed with the page, re-rendered, comes late: below).
    const { reg, box } = scanned('<div id="box"></div>');
    box.innerHTML = before;
    reg.scan(true);
    box.innerHTML = after;
    expect(ids(reg.scan(true))).toEqual(changed);
    expect(reg.scan(true)).toEqual([]);
  });

  it.each<{ name: string; late: boolean; kept: boolean }>([
    // A helper bound at load never saw the copy: what a click on the original showed is not the copy's.
    { name: 'a link parsed with the page: the copy came late, unclicked', late: false, kept: false },
    { name: 'a link that came late: its click tells of its copy too', late: true, kept: true },
  ])('clicked, then re-rendered — $name', ({ late, kept }) => {
    const doc = page('<div id="box"></div>');
    const box = doc.querySelector('#box') as HTMLElement;
    const reg = new LinkRegistry('top', doc);
    if (!late) box.innerHTML = list(1);
    reg.scan(false);
    if (late) box.innerHTML = list(1);
    reg.scan(true);
    markClicked(reg, 't1', {
      afterClick: 'P1',
      hrefAfterClick: `${LIVE}?client_reference_id=P1`,
      clickedBy: 'test',
    });
    box.innerHTML = list(1);
    const changed = reg.scan(true);
    expect(reg.get('t1')?.el).toBe(box.firstElementChild);
    expect(reg.get('t1')?.rec.addedLate).toBe(true);
    expect(reg.get('t1')?.rec.afterClick).toBe(kept ? 'P1' : undefined);
    expect(ids(changed)).toEqual(kept ? [] : [['t1', false]]);
  });
});

describe('the cap keeps current links and counts what it leaves out', () => {
  const over = 3;

  it('links beyond the cap are counted once as dropped, however often they are re-rendered', () => {
    const { reg, box } = scanned('<div id="box"></div>');
    box.innerHTML = list(LIMITS.links + over);
    reg.scan(true);
    expect(reg.takeDropped()).toBe(over);
    for (let i = 0; i < 3; i++) {
      box.innerHTML = list(LIMITS.links + over);
      expect(reg.scan(true)).toEqual([]);
      expect(reg.takeDropped()).toBe(0);
    }
    box.insertAdjacentHTML('beforeend', list(2, LIMITS.links + over));
    reg.scan(true);
    expect(reg.takeDropped()).toBe(2);
  });

  it('links removed from the page make room for the ones left out', () => {
    const { doc, reg, box } = scanned(`<div id="box">${list(LIMITS.links + over)}</div>`);
    for (let i = 0; i < over; i++) box.firstElementChild?.remove();
    const changed = reg.scan(true);
    expect(changed.filter((r) => r.removed)).toHaveLength(over);
    const added = changed.filter((r) => !r.removed);
    expect(added.map((r) => r.href)).toEqual(
      Array.from({ length: over }, (_, k) => `${LIVE}?plan=${LIMITS.links + k}`),
    );
    for (const r of added) expect(doc.querySelector(r.selector)).toBe(reg.get(r.id)?.el);
    expect(reg.paymentLinks()).toHaveLength(LIMITS.links);
  });
});

/**
 * A window whose clock moves 1 ms each time it is read, and whose idle callbacks run at once
 * after `onPause` (what the page does while the scan waits).
 */
function pausingWindow(onPause: () => void) {
  let now = 0;
  let pauses = 0;
  const win = {
    performance: { now: () => now++ },
    requestIdleCallback: (fn: IdleRequestCallback) => {
      pauses++;
      onPause();
      fn({ didTimeout: false, timeRemaining: () => 8 });
      return pauses;
    },
  } as unknown as Window;
  return { win, pauses: () => pauses };
}

describe('LinkRegistry.scanSliced', () => {
  it('pauses, and gives the records a scan at once gives', async () => {
    const html = `<main><div id="box">${list(700)}</div><section>${list(100, 700)}</section></main>`;
    const once = new LinkRegistry('top', page(html)).scan(false);
    const { win, pauses } = pausingWindow(() => undefined);
    const sliced = await new LinkRegistry('top', page(html)).scanSliced(win, false);
    expect(pauses()).toBeGreaterThan(3);
    expect(sliced).toEqual(once);
  });

  it('indexes siblings anew after a pause: the page may have moved the links meanwhile', async () => {
    const doc = page(`<main>${list(400)}</main>`);
    const main = doc.querySelector('main') as HTMLElement;
    // While the scan waits, the page inserts an element before the links.
    const { win, pauses } = pausingWindow(() => main.prepend(doc.createElement('a')));
    const reg = new LinkRegistry('top', doc);
    const recs = await reg.scanSliced(win, false);
    expect(pauses()).toBeGreaterThan(1);
    const last = recs.at(-1) as LinkRecord;
    expect(last.href).toBe(`${LIVE}?plan=399`);
    expect(doc.querySelector(last.selector)).toBe(reg.get(last.id)?.el);
  });

  it('leaves out a link removed while the scan waits', async () => {
    const doc = page(`<div id="box">${list(300)}</div>`);
    const { win, pauses } = pausingWindow(() => doc.querySelector('#box')?.lastElementChild?.remove());
    const recs = await new LinkRegistry('top', doc).scanSliced(win, false);
    expect(pauses()).toBeGreaterThan(0);
    expect(recs).toHaveLength(300 - pauses());
    for (const r of recs) expect(doc.querySelector(r.selector)).not.toBeNull();
  });
});
