/**
 * The queue function (`window[name]`, `po` by default), looked at only when the bridge says the
 * loader has run or universal.js has loaded: never on a page without Partnero.
 *
 * `po` stays what the page made it: a data property with the page's own attributes, whose
 * value the hook replaces (only when the page left it writable and configurable) by a bound
 * wrapper that records each call and then makes it unchanged. Bound, like the loader's own
 * `f.bind(f.q)`, so it prints as native code in every browser; it carries raw's prototype, own
 * properties (`q`: the same array) and extensibility. When universal.js or the page stores
 * another function there, the next look wraps that one too; a property the page made
 * read-only, or an accessor, is left alone (its calls are then not recorded).
 */
import type { HookEvent } from '../protocol/page';
import { copyValue } from './copy';

const LOADER_KEY = '__partnerObject';
const MAX_ARGS = 20;
/** Calls read from `.q` when the queue is first seen. */
const MAX_QUEUED = 200;

type Fn = (...args: unknown[]) => unknown;
/** `first`: the function first seen under this name (the loader's); `raw`: the latest one. */
type Queue = { first?: Fn; raw?: Fn };
type QueueItem = { a?: ArrayLike<unknown> } | undefined;

const nativePush = Array.prototype.push;
const isArray = Array.isArray;

/** `fn.q` when it is an array (the loader's queue), else null; a throwing getter counts as none. */
function queueOf(fn: unknown): QueueItem[] | null {
  try {
    const q = (fn as { q?: unknown }).q;
    return isArray(q) ? q : null;
  } catch {
    return null;
  }
}

/** Returns what to do on each query from the bridge (see HOOK_QUERY). */
export function watchQueues(
  w: Window & typeof globalThis,
  emit: (e: HookEvent) => void,
  now: () => number,
): (detail: string) => void {
  const { defineProperty, getOwnPropertyDescriptor, setPrototypeOf } = Object;
  const g = w as unknown as Record<string, unknown>;
  // No prototype, no Map: nothing here calls a method a page may have replaced.
  const queues: Record<string, Queue> = setPrototypeOf({}, null);
  const wrap = wrapper(emit, now);

  const look = (name: string, s: Queue) => {
    const d = getOwnPropertyDescriptor(w, name);
    const v: unknown = d?.value;
    if (d && typeof v === 'function' && !wrap.made(v)) {
      if (!s.first) {
        s.first = v as Fn;
        // Calls made before this moment (the loader's own) wait in `.q` as `{a: arguments}`.
        const q = queueOf(v) ?? [];
        for (let i = 0; i < q.length && i < MAX_QUEUED; i++) {
          const args = q[i]?.a;
          if (args) wrap.record(name, args, true);
        }
      }
      s.raw = v as Fn;
      if (d.writable && d.configurable)
        defineProperty(w, name, setPrototypeOf({ value: wrap(name, v as Fn) }, null));
    }
    if (!s.first) return;
    const q = queueOf(v);
    let pending = 0;
    if (q) for (let i = 0; i < q.length; i++) if (q[i]?.a) pending++;
    // universal.js takes over by swapping the queue's push, or by replacing the function.
    const processed = s.raw !== s.first || !q || q.push !== nativePush;
    emit({ t: 'queue', name, pending, processed, at: now() });
  };

  return (detail) => {
    if (detail) {
      const v = g[LOADER_KEY];
      const named = typeof v === 'string' && v.length > 0 && v.length <= 100;
      const name = named ? v : 'po';
      if (named) emit({ t: 'loader', name, at: now(), inHead: detail === 'loader:1' });
      queues[name] ??= setPrototypeOf({}, null);
    }
    for (const name in queues) {
      try {
        look(name, queues[name] as Queue);
      } catch {
        // A page that made the property or the function hostile: hands off.
      }
    }
  };
}

/** Makes the recording stand-ins; `made` tells ours apart, `record` emits one call. */
function wrapper(emit: (e: HookEvent) => void, now: () => number) {
  const { apply, construct } = Reflect;
  const {
    defineProperties,
    getOwnPropertyDescriptors,
    getPrototypeOf,
    setPrototypeOf,
    isExtensible,
    preventExtensions,
  } = Object;
  const bind = Function.prototype.bind;
  const ours = new WeakSet<object>();
  const { add, has } = WeakSet.prototype;
  const record = (name: string, args: ArrayLike<unknown>, queued?: true) => {
    const copied: unknown[] = setPrototypeOf([], null);
    for (let i = 0; i < args.length && i < MAX_ARGS; i++) copied[i] = copyValue(args[i]) ?? null;
    emit({ t: 'call', name, args: copied, at: now(), queued });
  };
  const wrap = (name: string, raw: Fn): Fn => {
    function call(...args: unknown[]) {
      // `new po()` is no call of the queue (the loader's function throws then): passed on as is.
      if (new.target) return construct(raw, args);
      try {
        record(name, args);
      } catch {
        // Recording must never change what the page's call does.
      }
      return apply(raw, undefined, args);
    }
    const made = apply(bind, call, []) as Fn;
    setPrototypeOf(made, getPrototypeOf(raw));
    defineProperties(made, getOwnPropertyDescriptors(raw));
    if (!isExtensible(raw)) preventExtensions(made);
    apply(add, ours, [made]);
    return made;
  };
  return Object.assign(wrap, { record, made: (v: object) => apply(has, ours, [v]) as boolean });
}
