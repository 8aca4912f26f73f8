/**
 * The MAIN-world hook against the real loader snippet, with the bridge's channel and loader
 * watch in front of it as in a browser: every call is recorded, and `po` stays the data
 * property the page made (identity, `q`, return values, attributes, window keys).
 */
import { describe, expect, it } from 'vitest';
import { loader, type Po, setup, takeOver, universalLoaded, type Win } from './page';

describe('installHook: recording', () => {
  it('records every call, before and after universal.js takes over, in order', async () => {
    const { w, settle, events, calls } = setup();
    loader(w);
    (w.po as Po)('settings', 'assets_host', 'https://assets.partnero.com');
    (w.po as Po)('program', 'ABC', 'load');
    await settle();
    (w.po as Po)('customers', 'signup', { data: { key: 'cus_0' } });
    takeOver(w);
    universalLoaded(w);
    (w.po as Po)('transactions', 'create', { data: { key: 'ch_1', amount: 10, customer: { key: 'cus_1' } } });
    await settle();
    expect(calls()).toEqual([
      ['settings', 'assets_host', 'https://assets.partnero.com'],
      ['program', 'ABC', 'load'],
      ['customers', 'signup', { data: { key: 'cus_0' } }],
      ['transactions', 'create', { data: { key: 'ch_1', amount: 10, customer: { key: 'cus_1' } } }],
    ]);
    // The loader's own calls were waiting in po.q when the loader was noticed.
    expect(events.filter((e) => e.t === 'call').map((e) => e.t === 'call' && e.queued === true)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(events[0]).toMatchObject({ t: 'loader', name: 'po' });
  });

  it.each(['po', 'pa', 'partnero_queue'])(
    'finds the queue named %s through __partnerObject',
    async (name) => {
      const { w, settle, events } = setup();
      loader(w, name);
      await settle();
      (w[name] as Po)('program', 'X', 'load');
      await settle();
      expect(events[0]).toMatchObject({ t: 'loader', name });
      expect(events.find((e) => e.t === 'call')).toMatchObject({ name, args: ['program', 'X', 'load'] });
    },
  );

  it('a transaction after 500 calls in one task is recorded: a full batch goes at once', async () => {
    const { w, settle, calls } = setup();
    loader(w);
    await settle();
    const po = w.po as (...args: unknown[]) => unknown;
    for (let i = 0; i < 1200; i++) po('track', i);
    po('transactions', 'create', { data: { key: 'ch_1' } });
    await settle();
    const seen = calls();
    expect(seen).toHaveLength(1201);
    expect(seen.at(-1)).toEqual(['transactions', 'create', { data: { key: 'ch_1' } }]);
  });

  it('counts each run of the loader (a duplicated snippet inserts universal.js twice)', async () => {
    const { w, settle, events } = setup();
    loader(w);
    loader(w);
    await settle();
    expect(events.filter((e) => e.t === 'loader')).toHaveLength(2);
  });

  it('where the loader ran: in <head> while loading, or not', async () => {
    const { w, settle, events, query } = setup();
    w.__partnerObject = 'po';
    query('loader:1');
    query('loader:0');
    await settle();
    expect(events.filter((e) => e.t === 'loader').map((e) => e.t === 'loader' && e.inHead)).toEqual([
      true,
      false,
    ]);
  });

  it('follows a universal.js that replaces the function; putting a wrapper back does not wrap it twice', async () => {
    const { w, settle, calls, events } = setup();
    loader(w);
    await settle();
    const seen: unknown[][] = [];
    w.po = (...args: unknown[]) => {
      seen.push(args);
      return 'processed';
    };
    universalLoaded(w);
    expect((w.po as Po)('program', 'Y', 'load')).toBe('processed');
    const current = w.po;
    w.po = current;
    universalLoaded(w);
    expect(w.po).toBe(current);
    (w.po as Po)('settings', 'a', 1);
    await settle();
    expect(seen).toEqual([
      ['program', 'Y', 'load'],
      ['settings', 'a', 1],
    ]);
    expect(calls()).toEqual(seen);
    expect(events.filter((e) => e.t === 'queue').at(-1)).toMatchObject({ processed: true });
  });

  it('reports a stuck queue, and a processed one', async () => {
    const { w, settle, events } = setup();
    loader(w);
    (w.po as Po)('program', 'Z', 'load');
    await settle();
    expect(events.filter((e) => e.t === 'queue').at(-1)).toMatchObject({ pending: 1, processed: false });
    takeOver(w);
    universalLoaded(w);
    await settle();
    expect(events.filter((e) => e.t === 'queue').at(-1)).toMatchObject({ pending: 0, processed: true });
  });

  it('reports "po is not defined" from the page, and nothing for an error event of another kind', async () => {
    const { w, settle, events } = setup();
    w.dispatchEvent(
      new w.ErrorEvent('error', { message: 'Uncaught ReferenceError: po is not defined' }) as Event,
    );
    w.dispatchEvent(new w.Event('error') as Event);
    w.dispatchEvent(new w.ErrorEvent('error', { message: 'TypeError: x is not a function' }) as Event);
    await settle();
    expect(events).toEqual([expect.objectContaining({ t: 'page-error', name: 'po' })]);
  });

  it('never throws into the page, whatever it passes', async () => {
    const { w, settle, calls } = setup();
    loader(w);
    await settle();
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

/** What page code can observe of `po` and of the window, run identically with and without the hook. */
async function observe(w: Win, settle: () => Promise<unknown>) {
  const before = Object.getOwnPropertyNames(w);
  loader(w);
  const inLoaderTask = w.po as Po;
  await settle();
  const po = w.po as Po;
  const q = po.q;
  const early = po('program', 'X', 'load');
  takeOver(w);
  universalLoaded(w);
  await settle();
  const late = (w.po as Po)('settings', 'x', 1);
  const { value, ...attributes } = Object.getOwnPropertyDescriptor(w, 'po') ?? {};
  return {
    // biome-ignore lint/suspicious/noSelfCompare: a getter could hand out a new object per read
    stable: w.po === w.po,
    keptSinceLoaderTask: po === w.po,
    sameQ: (w.po as Po).q === q,
    qLength: q.length,
    early: typeof early,
    late: typeof late,
    attributes,
    value: typeof value,
    length: po.length,
    name: po.name,
    ownKeys: Reflect.ownKeys(po),
    prototype: Object.getPrototypeOf(po) === Function.prototype,
    extensible: Object.isExtensible(po),
    text: Function.prototype.toString.call(po),
    textOfLoaderValue: Function.prototype.toString.call(inLoaderTask),
    construct: (() => {
      try {
        Reflect.construct(po, []);
        return 'constructed';
      } catch (error) {
        return (error as Error).constructor.name;
      }
    })(),
    names: Object.getOwnPropertyNames(w).filter((k) => !before.includes(k)),
    partnerObject: w.__partnerObject,
  };
}

describe('installHook: po stays what the page made it', () => {
  it('identity, q, return values, attributes, text and window keys match a page without it', async () => {
    const plain = setup({ hook: false });
    const hooked = setup();
    expect(await observe(hooked.w, hooked.settle)).toEqual(await observe(plain.w, plain.settle));
    expect((await observe(setup().w, plain.settle)).names).toEqual(['__partnerObject', 'po']);
    expect(hooked.calls()).toEqual([
      ['program', 'X', 'load'],
      ['settings', 'x', 1],
    ]);
  });

  it('the page redefines, freezes, replaces and deletes po exactly as without the hook', async () => {
    const run = async (hook: boolean) => {
      const { w, settle } = setup({ hook });
      loader(w);
      await settle();
      const mine = () => 'mine';
      w.po = mine;
      const assigned = w.po === mine;
      Object.defineProperty(w, 'po', { value: mine, writable: false });
      universalLoaded(w); // the hook looks again, and must leave a read-only po alone
      await settle();
      const readOnly = { same: w.po === mine, ...Object.getOwnPropertyDescriptor(w, 'po'), value: undefined };
      const deleted = delete w.po;
      Object.defineProperty(w, 'po', { value: mine });
      let strict = 'no error';
      try {
        (() => {
          w.po = () => 'other';
        })();
      } catch (error) {
        strict = (error as Error).constructor.name;
      }
      return { assigned, readOnly, deleted, strict, same: w.po === mine, has: 'po' in w };
    };
    expect(await run(true)).toEqual(await run(false));
  });

  it('leaves a queue the page made an accessor alone: its getter is never called by the hook', async () => {
    const { w, settle, calls } = setup();
    const fn = Object.assign((..._args: unknown[]) => 1, { q: [{ a: ['program', 'ACC', 'load'] }] });
    Object.defineProperty(w, 'po', { get: () => fn, configurable: true });
    w.__partnerObject = 'po';
    const s = w.document.createElement('script');
    s.src = 'https://app.partnero.com/js/universal.js';
    w.document.head.appendChild(s);
    await settle();
    expect(w.po).toBe(fn);
    expect(Object.getOwnPropertyDescriptor(w, 'po')?.get).toBeTypeOf('function');
    expect(calls()).toEqual([]);
  });
});
