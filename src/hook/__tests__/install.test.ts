/**
 * The MAIN-world hook against the real loader snippet in a fresh happy-dom window: it must
 * record every call and stay invisible (identity, `q`, return values, window keys).
 */
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { HOOK_EVENT, HOOK_QUERY, type HookEvent } from '../../protocol/page';
import { installHook } from '../install';

type Win = Window & typeof globalThis & Record<string, unknown>;
type Po = ((...args: unknown[]) => unknown) & { q: { a: ArrayLike<unknown> }[] };

/** The loader from Partnero's guide, as a function of the window (its IIFE, verbatim). */
function loader(w: Win, name = 'po') {
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
    o.setAttribute('data-src', e);
    t.head.appendChild(o);
  })(w, w.document as unknown as Document, 'script', 'https://app.partnero.com/js/universal.js', name);
}

/** What universal.js does on arrival: drain the queue, then process pushes at once. */
function takeOver(w: Win, name = 'po', processed: unknown[][] = []) {
  const q = (w[name] as Po).q;
  for (const item of q.splice(0)) processed.push(Array.from(item.a));
  (q as unknown as { push: (c: { a: ArrayLike<unknown> }) => unknown }).push = (c) => {
    processed.push(Array.from(c.a));
    return undefined;
  };
  return processed;
}

function setup(opts: { hook?: boolean } = {}) {
  const w = new HappyWindow({ url: 'https://shop.example.com/thanks' }) as unknown as Win;
  const events: HookEvent[] = [];
  w.document.addEventListener(HOOK_EVENT, (e) =>
    events.push(...JSON.parse(String((e as CustomEvent).detail))),
  );
  if (opts.hook !== false) installHook(w);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    w,
    events,
    settle,
    calls: () => events.filter((e) => e.t === 'call').map((e) => (e as { args: unknown[] }).args),
  };
}

describe('installHook', () => {
  it('records every call, before and after universal.js takes over, in order', async () => {
    const { w, settle, calls } = setup();
    loader(w);
    (w.po as Po)('settings', 'assets_host', 'https://assets.partnero.com');
    (w.po as Po)('program', 'ABC', 'load');
    takeOver(w);
    (w.po as Po)('transactions', 'create', { data: { key: 'ch_1', amount: 10, customer: { key: 'cus_1' } } });
    await settle();
    expect(calls()).toEqual([
      ['settings', 'assets_host', 'https://assets.partnero.com'],
      ['program', 'ABC', 'load'],
      ['transactions', 'create', { data: { key: 'ch_1', amount: 10, customer: { key: 'cus_1' } } }],
    ]);
  });

  it.each(['po', 'pa', 'partnero_queue'])(
    'finds the queue named %s through __partnerObject',
    async (name) => {
      const { w, settle, events } = setup();
      loader(w, name);
      (w[name] as Po)('program', 'X', 'load');
      await settle();
      expect(events[0]).toMatchObject({ t: 'loader', name });
      expect(events.find((e) => e.t === 'call')).toMatchObject({ name, args: ['program', 'X', 'load'] });
    },
  );

  it('a transaction after 500 calls in one task is recorded: a full batch goes at once', async () => {
    const { w, settle, calls } = setup();
    loader(w);
    const po = w.po as (...args: unknown[]) => unknown;
    for (let i = 0; i < 1200; i++) po('track', i);
    po('transactions', 'create', { data: { key: 'ch_1' } });
    await settle();
    const seen = calls();
    expect(seen).toHaveLength(1201);
    expect(seen.at(-1)).toEqual(['transactions', 'create', { data: { key: 'ch_1' } }]);
  });

  it('counts each run of the loader (a duplicated snippet runs twice)', async () => {
    const { w, settle, events } = setup();
    loader(w);
    loader(w);
    await settle();
    expect(events.filter((e) => e.t === 'loader')).toHaveLength(2);
  });

  it('reads calls already waiting in po.q when it sees the queue late', async () => {
    const { w, settle, events } = setup({ hook: false });
    // The loader ran before the hook (no __partnerObject trap): po exists with a backlog.
    loader(w);
    (w.po as Po)('program', 'LATE', 'load');
    delete w.__partnerObject;
    installHook(w);
    w.document.dispatchEvent(new w.CustomEvent(HOOK_QUERY) as unknown as Event);
    await settle();
    expect(events.filter((e) => e.t === 'call')).toEqual([
      expect.objectContaining({ args: ['program', 'LATE', 'load'], queued: true }),
    ]);
  });

  it('is invisible: identity, q, return values and window keys match a window without it', async () => {
    const observe = (w: Win) => {
      const before = Object.keys(w);
      const names = Object.getOwnPropertyNames(w);
      loader(w);
      const po = w.po as Po;
      const q = po.q;
      const early = po('program', 'X', 'load');
      takeOver(w);
      const late = (w.po as Po)('settings', 'x', 1);
      return {
        // Two reads of the global must give the same object (a getter could hand out new ones).
        // biome-ignore lint/suspicious/noSelfCompare: that is exactly what is tested
        stable: w.po === w.po,
        sameQ: (w.po as Po).q === q,
        qLength: q.length,
        early: typeof early,
        late: typeof late,
        length: po.length,
        keys: Object.keys(w).filter((k) => !before.includes(k)),
        names: Object.getOwnPropertyNames(w).filter((k) => !names.includes(k)),
        partnerObject: w.__partnerObject,
      };
    };
    const plain = observe(setup({ hook: false }).w);
    const hooked = observe(setup().w);
    expect(hooked).toEqual(plain);
    expect(hooked.keys).toEqual(['__partnerObject', 'po']);
  });

  it('follows a universal.js that replaces the function, and re-assigning po does not double-wrap', async () => {
    const { w, settle, calls } = setup();
    loader(w);
    const seen: unknown[][] = [];
    w.po = (...args: unknown[]) => {
      seen.push(args);
      return 'processed';
    };
    expect((w.po as Po)('program', 'Y', 'load')).toBe('processed');
    const current = w.po;
    w.po = current;
    expect(w.po).toBe(current);
    (w.po as Po)('settings', 'a', 1);
    await settle();
    expect(seen).toEqual([
      ['program', 'Y', 'load'],
      ['settings', 'a', 1],
    ]);
    expect(calls()).toEqual(seen);
  });

  it('reports a stuck queue, and a processed one', async () => {
    const { w, settle, events } = setup();
    loader(w);
    (w.po as Po)('program', 'Z', 'load');
    w.document.dispatchEvent(new w.CustomEvent(HOOK_QUERY) as unknown as Event);
    await settle();
    expect(events.filter((e) => e.t === 'queue').at(-1)).toMatchObject({ pending: 1, processed: false });
    takeOver(w);
    w.document.dispatchEvent(new w.CustomEvent(HOOK_QUERY) as unknown as Event);
    await settle();
    expect(events.filter((e) => e.t === 'queue').at(-1)).toMatchObject({ pending: 0, processed: true });
  });

  it('reports "po is not defined" from the page', async () => {
    const { w, settle, events } = setup();
    w.dispatchEvent(
      new w.ErrorEvent('error', {
        message: 'Uncaught ReferenceError: po is not defined',
      }) as unknown as Event,
    );
    await settle();
    expect(events).toEqual([expect.objectContaining({ t: 'page-error', name: 'po' })]);
  });

  it('never throws into the page, whatever it passes', async () => {
    const { w, settle, calls } = setup();
    loader(w);
    takeOver(w);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({}, 'key', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    const po = w.po as Po;
    expect(() =>
      po('x', cyclic, throwing, hostile, 'y'.repeat(100_000), Number.NaN, 10n, Symbol('s')),
    ).not.toThrow();
    await settle();
    expect(calls()[0]).toEqual([
      'x',
      { a: 1, self: '[cycle]' },
      { key: '[throws]' },
      '[unreadable]',
      `${'y'.repeat(2000)}…`,
      'NaN',
      '10',
      '[symbol]',
    ]);
  });
});
