/**
 * Copies a value handed to `po(...)` into plain JSON, defensively: the page may pass
 * cycles, getters that throw, proxies, DOM nodes or megabytes. Every limit here is a cap on
 * work done inside the page's own call, so a hostile argument costs microseconds, not a hang.
 *
 * The copy is built from what the hook took at document_start, into objects and arrays without
 * a prototype: a page that replaced `Array.prototype.push` or `String.prototype.slice`, or put
 * setters on `Object.prototype`, sees none of it used. Reading the argument itself (its getters
 * run) is the part no copy can hide.
 */

const MAX_STRING = 2000;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;
const MAX_NODES = 400;

const { keys, setPrototypeOf } = Object;
const finite = Number.isFinite;
const { isArray } = Array;
const { apply } = Reflect;
const slice = String.prototype.slice;
const Text = String;

/** `s` cut to `max` characters, marked with `…` when it was longer. */
const clip = (s: string, max: number) => (s.length > max ? `${apply(slice, s, [0, max])}…` : s);
/** A container with no prototype: writing to it runs nothing of the page's. */
const bare = <T extends object>(o: T): T => setPrototypeOf(o, null);

/** A copy of a value that is not an object (nor null). */
function copyPrimitive(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
      return clip(v, MAX_STRING);
    case 'number':
      // NaN/Infinity are not JSON; keep them visible as text so rules can name them.
      return finite(v) ? v : Text(v);
    case 'bigint':
      return Text(v);
    case 'function':
      return '[function]';
    case 'symbol':
      return '[symbol]';
    default:
      return v; // boolean, undefined
  }
}

/** Returns a JSON-safe copy of `value`; markers like `[cycle]` replace what cannot be copied. */
export function copyValue(value: unknown): unknown {
  let nodes = 0;
  const seen: object[] = bare([]);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object') return copyPrimitive(v);
    if (v === null) return null;
    const o = v as Record<string, unknown>;
    for (let i = 0; i < seen.length; i++) if (seen[i] === o) return '[cycle]';
    if (depth >= MAX_DEPTH || ++nodes > MAX_NODES) return '[…]';
    seen[seen.length] = o;
    try {
      if (isArray(o)) {
        const out: unknown[] = bare([]);
        const n = o.length;
        for (let i = 0; i < n && i < MAX_ITEMS; i++) out[i] = read(o, i, depth) ?? null;
        if (n > MAX_ITEMS) out[out.length] = `[… ${n - MAX_ITEMS} more]`;
        return out;
      }
      const out: Record<string, unknown> = bare({});
      const names = keys(o);
      for (let i = 0; i < names.length; i++) {
        const k = names[i] as string;
        if (i >= MAX_ITEMS) {
          out['…'] = '[more keys]';
          break;
        }
        const c = read(o, k, depth);
        if (c !== undefined) out[clip(k, 200)] = c;
      }
      return out;
    } catch {
      return '[unreadable]';
    } finally {
      seen.length--;
    }
  };
  const read = (o: Record<string | number, unknown>, k: string | number, depth: number): unknown => {
    try {
      return walk(o[k], depth + 1);
    } catch {
      return '[throws]';
    }
  };
  return walk(value, 0);
}
