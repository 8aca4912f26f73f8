/**
 * The loader is noticed by the universal.js `<script>` it inserts: one query per insertion
 * (where it ran), another once that script has run; nothing for other scripts or look-alikes.
 */
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { isUniversalUrl, watchLoader } from '../loader-watch';

describe('isUniversalUrl', () => {
  it.each([
    ['https://app.partnero.com/js/universal.js?v1764', true],
    ['https://APP.partnero.com/js/universal.js', true],
    ['https://assets.partnero.com/program/X/settings/settings.js', false],
    ['https://app.notpartnero.com/js/universal.js', false],
    ['https://cdn.example.com/partnero/universal.js', false],
    ['javascript:void 0', false],
    ['', false],
  ])('%s → %s', (src, expected) => {
    expect(isUniversalUrl(src)).toBe(expected);
  });
});

describe('watchLoader', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));
  function page(readyState: DocumentReadyState) {
    const win = new HappyWindow({
      url: 'https://shop.example.com/',
      settings: { disableJavaScriptFileLoading: true },
    });
    const doc = win.document as unknown as Document;
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => readyState });
    const queries: string[] = [];
    let loaders = 0;
    let partnero = 0;
    watchLoader(
      doc,
      (d) => queries.push(d),
      () => loaders++,
      () => partnero++,
    );
    const insert = (src: string, parent: Element = doc.head) => {
      const s = doc.createElement('script');
      s.src = src;
      parent.appendChild(s);
      return s;
    };
    return { win, doc, queries, insert, loaders: () => loaders, partnero: () => partnero };
  }

  it('in <head> while loading: loader:1, then a query when universal.js has run', async () => {
    const { win, doc, queries, insert, loaders } = page('loading');
    doc.body?.remove();
    const s = insert('https://app.partnero.com/js/universal.js?v1764');
    insert('https://assets.partnero.com/program/X/settings/settings.js');
    insert('https://cdn.example.com/app.js');
    await settle();
    expect(queries).toEqual(['loader:1']);
    s.dispatchEvent(new win.Event('load') as unknown as Event);
    expect(queries).toEqual(['loader:1', '']);
    expect(loaders()).toBe(1);
  });

  it('in <body>, or after loading: loader:0, once per inserted script', async () => {
    const { doc, queries, insert } = page('complete');
    const s = insert('https://app.partnero.com/js/universal.js?v1', doc.body);
    insert('https://app.partnero.com/js/universal.js?v1', doc.body);
    s.remove();
    doc.body.appendChild(s);
    await settle();
    expect(queries).toEqual(['loader:0', 'loader:0']);
  });

  it('tells every script from a Partnero host, universal.js or not, and nothing else', async () => {
    const { insert, partnero, loaders } = page('loading');
    insert('https://assets.partnero.com/program/X/settings/settings.js');
    insert('https://cdn.example.com/partnero.js');
    insert('https://app.notpartnero.com/js/universal.js');
    await settle();
    expect([partnero(), loaders()]).toEqual([1, 0]);
  });
});
