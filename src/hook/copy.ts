/**
 * Copies a value handed to `po(...)` into plain JSON, defensively: the page may pass
 * cycles, getters that throw, proxies, DOM nodes or megabytes. Every limit here is a cap on
 * work done inside the page's own call, so a hostile argument costs microseconds, not a hang.
 */

const MAX_STRING = 2000;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;
const MAX_NODES = 400;

const { keys } = Object;
const finite = Number.isFinite;
const { isArray } = Array;

/** Returns a JSON-safe copy of `value`; markers like `[cycle]` replace what cannot be copied. */
export function copyValue(value: unknown): unknown {
  let nodes = 0;
  const seen: object[] = [];
  const walk = (v: unknown, depth: number): unknown => {
    switch (typeof v) {
      case 'string':
        return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
      case 'number':
        // NaN/Infinity are not JSON; keep them visible as text so rules can name them.
        return finite(v) ? v : String(v);
      case 'boolean':
        return v;
      case 'undefined':
        return undefined;
      case 'bigint':
        return String(v);
      case 'function':
        return '[function]';
      case 'symbol':
        return '[symbol]';
    }
    if (v === null) return null;
    const o = v as Record<string, unknown>;
    if (seen.includes(o)) return '[cycle]';
    if (depth >= MAX_DEPTH || ++nodes > MAX_NODES) return '[…]';
    seen.push(o);
    try {
      if (isArray(o)) {
        const out: unknown[] = [];
        const n = o.length;
        for (let i = 0; i < n && i < MAX_ITEMS; i++) out.push(read(o, i, depth) ?? null);
        if (n > MAX_ITEMS) out.push(`[… ${n - MAX_ITEMS} more]`);
        return out;
      }
      const out: Record<string, unknown> = {};
      let count = 0;
      for (const k of keys(o)) {
        if (++count > MAX_ITEMS) {
          out['…'] = '[more keys]';
          break;
        }
        const c = read(o, k, depth);
        if (c !== undefined) out[k.length > 200 ? `${k.slice(0, 200)}…` : k] = c;
      }
      return out;
    } catch {
      return '[unreadable]';
    } finally {
      seen.pop();
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
