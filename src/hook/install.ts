/**
 * The MAIN-world hook. It must be invisible to the page: `po` keeps working exactly as the
 * loader and universal.js made it (same `q`, same return values, stable identity), nothing
 * is thrown into the page, and no global is added before the page itself adds one.
 *
 * How: the loader's first statement is `window['__partnerObject'] = 'po'`. A setter on
 * Window.prototype (not on window, so no own property appears) catches that assignment,
 * tells us the queue name, and puts an accessor on `window[name]` that hands out a Proxy of
 * whatever function is stored there (the loader's queue, or universal.js's replacement).
 * The Proxy's `apply` records the call, then forwards it untouched.
 */
import { HOOK_EVENT, HOOK_QUERY, type HookEvent } from '../protocol/page';
import { copyValue } from './copy';

const LOADER_KEY = '__partnerObject';

// biome-ignore lint/complexity/noBannedTypes: any function of the page, called through Reflect.apply
type Fn = Function;

export function installHook(w: Window & typeof globalThis): void {
  // Grab what we use before the page can patch it.
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const { apply } = Reflect;
  const doc = w.document;
  const stringify = JSON.stringify;
  const perf = w.performance;
  const now = () => perf.now();
  const { dispatchEvent: dispatch, addEventListener: listen } = w.EventTarget.prototype;
  const contains = w.Node.prototype.contains;
  const nativePush = Array.prototype.push;
  const isArray = Array.isArray;
  const Ev = w.CustomEvent;
  const queueTask = w.queueMicrotask.bind(w);
  const ProxyCtor = Proxy;

  let batch: HookEvent[] = [];
  const flush = () => {
    const events = batch;
    if (events.length === 0) return;
    batch = [];
    try {
      dispatch.call(doc, new Ev(HOOK_EVENT, { detail: stringify(events) }));
    } catch {
      // Unserialisable leftovers or a detached document: drop the batch, never the page.
    }
  };
  const emit = (e: HookEvent) => {
    if (batch.length === 0) queueTask(flush);
    // A full batch goes at once: a page calling po in a loop never pushes later calls out.
    batch[batch.length] = e;
    if (batch.length > 499) flush();
  };

  /** Raw function behind each Proxy we handed out, and the Proxy for each raw function. */
  const rawOf = new WeakMap<object, unknown>();
  const proxyOf = new WeakMap<object, unknown>();
  /** Queue names we trap, with the raw function the loader first stored. */
  const queues = new Map<string, { loaderFn: unknown; current: unknown }>();

  /** A Proxy of `fn` whose calls go through `trap`; it prints as `fn` (see the mask below). */
  const proxy = (fn: Fn, trap: (fn: Fn, self: unknown, args: unknown[]) => unknown): Fn => {
    const p = new ProxyCtor(fn, { apply: trap });
    rawOf.set(p, fn);
    return p;
  };

  const record = (name: string, args: ArrayLike<unknown>, queued?: boolean) => {
    const copied: unknown[] = [];
    for (let i = 0; i < args.length && i < 20; i++) copied[i] = copyValue(args[i]) ?? null;
    emit({ t: 'call', name, args: copied, at: now(), queued });
  };

  const wrap = (name: string, fn: unknown): unknown => {
    if (typeof fn !== 'function') return fn;
    let p = proxyOf.get(fn);
    if (!p) {
      p = proxy(fn, (target, self, args) => {
        try {
          record(name, args);
        } catch {
          // Recording must never change what the page's call does.
        }
        return apply(target, self, args);
      });
      proxyOf.set(fn, p);
    }
    return p;
  };

  const trapQueue = (name: string) => {
    if (queues.has(name) || name === LOADER_KEY) return;
    const desc = getOwnPropertyDescriptor(w, name);
    if (desc && (!desc.configurable || !('value' in desc))) return; // the page owns it: hands off
    const state = { loaderFn: desc?.value, current: desc?.value };
    queues.set(name, state);
    // Calls made before we saw the queue are sitting in `.q` as `{a: arguments}`.
    const q = readQueue(state.current);
    if (q)
      for (let i = 0; i < q.length && i < 200; i++) {
        const args = q[i]?.a;
        if (args) record(name, args, true);
      }
    defineProperty(w, name, {
      configurable: true,
      enumerable: desc ? desc.enumerable : true,
      get: () => wrap(name, state.current),
      set: (v: unknown) => {
        const raw = (v && rawOf.get(v as object)) || v;
        if (state.loaderFn === undefined) state.loaderFn = raw;
        state.current = raw;
      },
    });
  };

  const readQueue = (fn: unknown): { a?: ArrayLike<unknown> }[] | null => {
    try {
      const q = fn ? (fn as { q?: unknown }).q : null;
      return isArray(q) ? q : null;
    } catch {
      return null;
    }
  };

  const reportQueues = () => {
    for (const [name, s] of queues) {
      const q = readQueue(s.current);
      let pending = 0;
      if (q) for (let i = 0; i < q.length; i++) if (q[i]?.a) pending++;
      // universal.js takes over by swapping the queue's push, or by replacing the function.
      const processed = s.current !== s.loaderFn || !q || q.push !== nativePush;
      emit({ t: 'queue', name, pending, processed, at: now() });
    }
  };

  const proto = getPrototypeOf(w);
  let loaderName: unknown;
  try {
    defineProperty(proto, LOADER_KEY, {
      configurable: true,
      enumerable: false,
      get: () => undefined,
      set(this: object, v: unknown) {
        // Another window sharing this prototype (never the case in a browser frame): plain value.
        if (this !== w) {
          defineProperty(this, LOADER_KEY, {
            value: v,
            writable: true,
            enumerable: true,
            configurable: true,
          });
          return;
        }
        // First run: become a normal-looking own property of window, still trapping re-runs.
        defineProperty(w, LOADER_KEY, {
          configurable: true,
          enumerable: true,
          get: () => loaderName,
          set: onLoader,
        });
        onLoader(v);
      },
    });
  } catch {
    // A frozen prototype: fall back to discovering `po` later.
  }

  function onLoader(v: unknown) {
    loaderName = v;
    if (typeof v !== 'string' || v.length > 100) return;
    const script = doc.currentScript;
    const loading = doc.readyState === 'loading';
    const inHead = loading && (script && doc.head ? contains.call(doc.head, script) : !doc.body);
    emit({ t: 'loader', name: v, at: now(), inHead });
    try {
      trapQueue(v);
    } catch {
      // Never let our bookkeeping break the loader.
    }
  }

  // Loaders that define __partnerObject without assigning it (defineProperty), or never set
  // it at all (then the queue is `po`), still leave a function with a `q` array.
  const discover = () => {
    if (queues.size) return;
    try {
      const g = w as unknown as Record<string, unknown>;
      const name = typeof g[LOADER_KEY] === 'string' ? (g[LOADER_KEY] as string) : 'po';
      const fn = g[name];
      if (typeof fn === 'function' && readQueue(fn)) trapQueue(name);
    } catch {
      // ignore
    }
  };
  listen.call(doc, 'DOMContentLoaded', discover);
  // `po is not defined` reaches only listeners in the page's world (a failed settings.js,
  // which universal.js turns into an unhandled rejection, the bridge sees as the script's
  // own error event). Just the message text is kept.
  const notDefined = /([\w$]+) is not defined|Can't find variable: ([\w$]+)/;
  listen.call(w, 'error', ((e: ErrorEvent) => {
    const message = String(e.message).slice(0, 300);
    const m = notDefined.exec(message);
    if (m) emit({ t: 'page-error', name: (m[1] ?? m[2]) as string, message, at: now() });
  }) as EventListener);
  listen.call(doc, HOOK_QUERY, () => {
    discover();
    reportQueues();
  });

  // Every Proxy prints as what it wraps: String(history.replaceState) is native code again.
  const hist = getPrototypeOf(w.history) as History;
  const fnProto = getPrototypeOf(hist.replaceState);
  fnProto.toString = proxy(fnProto.toString, (fn, self, args) =>
    apply(fn, rawOf.get(self as object) ?? self, args),
  );

  // A script that tidies the address (replaceState/pushState) before universal.js has read
  // `?aff=` loses the referral: the first moves are recorded (the bridge adds whether the
  // referral cookie existed by then); the page's own calls go through untouched.
  const loc = w.location;
  let moves = 0;
  for (const name of ['replaceState', 'pushState'] as const)
    hist[name] = proxy(hist[name], (fn, self, args) => {
      const from = loc.href;
      const result = apply(fn, self, args);
      const to = loc.href;
      if (to !== from && moves++ < 20) emit({ t: 'history', name, from, to, at: now() });
      return result;
    }) as History[typeof name];
}
