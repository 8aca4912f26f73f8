/**
 * A happy-dom page with what runs at document_start in a real one: the bridge's end of the
 * channel and its loader watch (src/bridge), then the MAIN-world hook, in manifest order. The
 * loader is Partnero's snippet verbatim; universal.js is played by `takeOver` and `universalLoaded`.
 */
import { Window as HappyWindow } from 'happy-dom';
import { linkHook, type QueryHook } from '../../bridge/hook-link';
import { watchLoader } from '../../bridge/loader-watch';
import type { HookEvent } from '../../protocol/page';
import { installHook } from '../install';

/** The page's window, its globals readable by name. */
export type Win = Window & typeof globalThis & Record<string, unknown>;
/** The loader's queue function. */
export type Po = ((...args: unknown[]) => unknown) & { q: { a: ArrayLike<unknown> }[] };

/** The loader from Partnero's guide, as a function of the window (its IIFE, verbatim). */
export function loader(w: Win, name = 'po'): void {
  ((p: Win, t: Document, n: string, e: string, r: string) => {
    p.__partnerObject = r;
    function f(this: unknown[]): unknown {
      // biome-ignore lint/complexity/noArguments: the snippet's own code
      const c = { a: arguments, q: [] as unknown[] };
      const r2 = this.push(c);
      return 'number' !== typeof r2 ? r2 : f.bind(c.q);
    }
    (f as unknown as { q: unknown[] }).q = (f as unknown as { q?: unknown[] }).q || [];
    p[r] = p[r] || f.bind((f as unknown as { q: unknown[] }).q);
    (p[r] as { q?: unknown }).q = (p[r] as { q?: unknown }).q || (f as unknown as { q: unknown[] }).q;
    const o = t.createElement(n) as HTMLScriptElement;
    o.async = true;
    o.src = `${e}?v${Math.floor(Date.now() / 1e6)}`;
    const first = t.getElementsByTagName(n)[0];
    if (first?.parentNode) first.parentNode.insertBefore(o, first);
    else t.head.appendChild(o);
  })(w, w.document as unknown as Document, 'script', 'https://app.partnero.com/js/universal.js', name);
}

/** What universal.js does on arrival: drain the queue, then process pushes at once. */
export function takeOver(w: Win, name = 'po', processed: unknown[][] = []): unknown[][] {
  const q = (w[name] as Po).q;
  for (const item of q.splice(0)) processed.push(Array.from(item.a));
  (q as unknown as { push: (c: { a: ArrayLike<unknown> }) => unknown }).push = (c) => {
    processed.push(Array.from(c.a));
    return undefined;
  };
  return processed;
}

/** The universal.js `<script>` the loader inserted has run: its `load` event. */
export function universalLoaded(w: Win): void {
  for (const s of Array.from(w.document.querySelectorAll('script[src*="universal.js"]')))
    s.dispatchEvent(new w.Event('load') as unknown as Event);
}

/** A fresh page; `hook: false` is the same page without the extension. */
export function setup(opts: { hook?: boolean; url?: string } = {}) {
  const w = new HappyWindow({
    url: opts.url ?? 'https://shop.example.com/thanks',
    settings: { disableJavaScriptFileLoading: true },
  }) as unknown as Win;
  const events: HookEvent[] = [];
  let query: QueryHook = () => undefined;
  if (opts.hook !== false) {
    query = linkHook(w.document, (detail) => events.push(...JSON.parse(String(detail))));
    watchLoader(w.document, query, () => undefined);
    installHook(w);
  }
  /** Lets the microtasks run: the loader's insertion is noticed, batches are sent. */
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const calls = () => events.filter((e) => e.t === 'call').map((e) => (e as { args: unknown[] }).args);
  return { w, events, settle, calls, query };
}
