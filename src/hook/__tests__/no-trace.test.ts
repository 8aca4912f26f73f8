/**
 * On a page without Partnero the hook must leave nothing a page can read: no property or
 * accessor (not even after the page sets `__partnerObject` or `po` itself), no patched
 * built-in, no event on `document` or `window`, and no call into anything the page may have
 * replaced or trapped — also while it reports a `po is not defined` from that page.
 */
import { describe, expect, it } from 'vitest';
import { HOOK_EVENT, HOOK_LINK, HOOK_LINK_ASK, HOOK_QUERY } from '../../protocol/page';
import { setup, type Win } from './page';

const NAMES = [HOOK_EVENT, HOOK_LINK, HOOK_LINK_ASK, HOOK_QUERY];

/** Everything a page script can read of the hook's presence, on a page with no loader. */
function probe(w: Win) {
  const seen: string[] = [];
  for (const name of NAMES) {
    w.document.addEventListener(name, () => seen.push(`document ${name}`), true);
    w.addEventListener(name, () => seen.push(`window ${name}`), true);
  }
  const proto = Object.getPrototypeOf(w);
  const inBefore = '__partnerObject' in w;
  const protoAccessor = Object.getOwnPropertyDescriptor(proto, '__partnerObject');
  w.__partnerObject = 'po';
  const fn = () => 'mine';
  w.po = fn;
  const { value, ...attributes } = Object.getOwnPropertyDescriptor(w, 'po') ?? {};
  Object.defineProperty(w, 'pa', { value: fn });
  let strict = 'no error';
  try {
    (() => {
      w.pa = () => 'other';
    })();
  } catch (error) {
    strict = (error as Error).constructor.name;
  }
  // The page asks for what the bridge would, and throws what the hook listens for.
  for (const name of NAMES)
    w.document.dispatchEvent(new w.CustomEvent(name, { detail: 'loader:1' }) as Event);
  w.dispatchEvent(new w.ErrorEvent('error', { message: 'ReferenceError: po is not defined' }) as Event);
  return {
    inBefore,
    protoAccessor,
    partnerObject: Object.getOwnPropertyDescriptor(w, '__partnerObject'),
    attributes,
    same: value === fn && w.po === fn,
    strict,
    names: Object.getOwnPropertyNames(w).sort(),
    protoNames: Object.getOwnPropertyNames(proto).sort(),
    toString: Function.prototype.toString === Object.getPrototypeOf(fn).toString,
    seen,
  };
}

describe('a page without Partnero', () => {
  it('reads the same with and without the hook', async () => {
    const plain = setup({ hook: false });
    const hooked = setup();
    const without = probe(plain.w);
    const withHook = probe(hooked.w);
    await hooked.settle();
    expect(withHook).toEqual(without);
    expect(withHook.seen).toEqual(NAMES.flatMap((n) => [`window ${n}`, `document ${n}`]));
    // …while the hook did see the page's error, on its private channel.
    expect(hooked.events).toEqual([expect.objectContaining({ t: 'page-error', name: 'po' })]);
  });

  it('reports "po is not defined" without calling anything the page replaced or trapped', async () => {
    const { w, events } = setup();
    // A string, not an array: the trap on Array.prototype[0] must not trap its own log.
    let calls = '';
    const restore: (() => void)[] = [];
    const trap = (target: object, key: PropertyKey, label: string) => {
      const before = Object.getOwnPropertyDescriptor(target, key);
      const original = before ? before.value : (target as Record<PropertyKey, unknown>)[key];
      Object.defineProperty(target, key, {
        configurable: true,
        get() {
          calls += `${label};`;
          return original;
        },
        set(v: unknown) {
          calls += `${label}=;`;
          Object.defineProperty(this, key, {
            value: v,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        },
      });
      restore.push(() =>
        before ? Object.defineProperty(target, key, before) : delete (target as never)[key],
      );
    };
    // happy-dom's own DOM code (native in a browser) reads init dictionaries, performance.now
    // and arrays: those traps are in the browser suite (test/fixtures/transparency/probes.js).
    trap(Array.prototype, 'toJSON', 'Array.prototype.toJSON');
    trap(Object.prototype, 'toJSON', 'Object.prototype.toJSON');
    for (const [target, key] of [
      [JSON, 'stringify'],
      [RegExp.prototype, 'exec'],
      [String.prototype, 'slice'],
      [w, 'CustomEvent'],
      [w, 'queueMicrotask'],
    ] as const)
      trap(target, key, String(key));
    const error = new w.ErrorEvent('error', { message: 'ReferenceError: po is not defined' }) as Event;
    try {
      w.dispatchEvent(error);
      for (let i = 0; i < 5; i++) await Promise.resolve();
    } finally {
      for (const undo of restore.reverse()) undo();
    }
    expect(calls).toBe('');
    expect(events).toEqual([expect.objectContaining({ t: 'page-error', name: 'po' })]);
  });
});
