/**
 * The hook's watch on `history.replaceState`/`pushState`: each move of the address is
 * recorded (from, to, when), and the wrapper is invisible — same return values, same
 * exceptions, same `toString()`, name and length, same property descriptors.
 *
 * happy-dom's windows share one History class and Node's Function.prototype, so what the
 * hook replaces there is put back after each test.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOOK_EVENT, type HookEvent } from '../../protocol/page';
import { installHook } from '../install';

type Win = Window & typeof globalThis;

const HIST = Object.getPrototypeOf(new HappyWindow().history) as History;
const saved: [object, string, PropertyDescriptor | undefined][] = [];
beforeEach(() => {
  for (const [obj, key] of [
    [HIST, 'replaceState'],
    [HIST, 'pushState'],
    [Function.prototype, 'toString'],
  ] as const)
    saved.push([obj, key, Object.getOwnPropertyDescriptor(obj, key)]);
});
afterEach(() => {
  for (const [obj, key, desc] of saved.splice(0)) if (desc) Object.defineProperty(obj, key, desc);
});

function setup(url = 'https://shop.example.com/?aff=KEY', hook = true) {
  const w = new HappyWindow({ url }) as unknown as Win;
  const events: HookEvent[] = [];
  w.document.addEventListener(HOOK_EVENT, (e) =>
    events.push(...JSON.parse(String((e as CustomEvent).detail))),
  );
  if (hook) installHook(w);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const moves = () =>
    events
      .filter((e) => e.t === 'history')
      .map(({ name, from, to }) => ({ name, from, to }) as Record<string, unknown>);
  return { w, events, settle, moves };
}

describe('the history watch', () => {
  it('records replaceState and pushState moves with the address before and after', async () => {
    const { w, settle, moves, events } = setup();
    w.history.replaceState(null, '', '/');
    w.history.pushState({ page: 2 }, '', '/pricing?plan=pro');
    await settle();
    expect(moves()).toEqual([
      { name: 'replaceState', from: 'https://shop.example.com/?aff=KEY', to: 'https://shop.example.com/' },
      {
        name: 'pushState',
        from: 'https://shop.example.com/',
        to: 'https://shop.example.com/pricing?plan=pro',
      },
    ]);
    expect(events.every((e) => typeof e.at === 'number')).toBe(true);
  });

  it('records nothing when the address stays the same (state only)', async () => {
    const { w, settle, moves } = setup();
    w.history.replaceState({ scroll: 10 }, '');
    w.history.replaceState({ scroll: 20 }, '', 'https://shop.example.com/?aff=KEY');
    await settle();
    expect(moves()).toEqual([]);
  });

  it('keeps at most 20 moves per document', async () => {
    const { w, settle, moves } = setup();
    for (let i = 0; i < 50; i++) w.history.pushState(null, '', `/?page=${i}`);
    await settle();
    expect(moves()).toHaveLength(20);
    expect(w.location.href).toBe('https://shop.example.com/?page=49');
  });

  it('is invisible: the same results, state, descriptors and text as without it', () => {
    const observe = (hooked: boolean) => {
      const { w } = setup('https://shop.example.com/?aff=KEY', hooked);
      const h = w.history;
      const replaced = h.replaceState({ a: 1 }, '', '/tidy');
      const pushed = h.pushState({ b: 2 }, '', '/next?x=1');
      const desc = Object.getOwnPropertyDescriptor(HIST, 'replaceState');
      return {
        replaced,
        pushed,
        state: h.state,
        href: w.location.href,
        length: h.length,
        text: String(h.replaceState),
        pushText: h.pushState.toString(),
        viaFunctionProto: Function.prototype.toString.call(h.replaceState),
        toStringText: Function.prototype.toString.toString(),
        name: h.replaceState.name,
        arity: h.replaceState.length,
        prototype: (h.replaceState as unknown as { prototype?: unknown }).prototype,
        same: h.replaceState === HIST.replaceState,
        desc: { ...desc, value: typeof desc?.value },
        ownKeys: Object.getOwnPropertyNames(h),
      };
    };
    const plain = observe(false);
    const hooked = observe(true);
    expect(hooked).toEqual(plain);
    // A bare Proxy would print as an anonymous native function.
    expect(hooked.text).not.toBe('function () { [native code] }');
  });

  it('throws what the browser throws, and records nothing for a refused move', async () => {
    const refusal = (hooked: boolean) => {
      const { w } = setup('https://shop.example.com/?aff=KEY', hooked);
      try {
        w.history.replaceState(null, '', 'https://elsewhere.example.org/');
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    expect(refusal(true)).toBe(refusal(false));
    const { w, settle, moves } = setup();
    expect(() => w.history.replaceState(null, '', 'https://elsewhere.example.org/')).toThrow();
    await settle();
    expect(moves()).toEqual([]);
  });

  it('toString of anything else is untouched, and of a non-function still throws', () => {
    setup();
    function named(a: number) {
      return a + 1;
    }
    expect(Function.prototype.toString.call(named)).toContain('return a + 1');
    expect(String(Math.max)).toBe('function max() { [native code] }');
    expect(() => Function.prototype.toString.call({})).toThrow(TypeError);
  });
});
