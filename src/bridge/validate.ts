/**
 * Validates what arrives from the MAIN world. The page can dispatch the same event with
 * anything in it, so nothing is trusted: unknown shapes are dropped, sizes are capped.
 * Hand-written on purpose: zod would triple this bundle (see architecture.md).
 */
import type { Json } from '../model/types';
import type { BridgeEvent } from '../protocol/messages';
import { cap, LIMITS } from './limits';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;

/** Parses one hook batch (a JSON string) into bridge events; never throws. */
export function parseHookBatch(
  detail: unknown,
  /** Told how many events the batch held beyond the cap. */
  drop: (count: number) => void = () => undefined,
): BridgeEvent[] {
  if (typeof detail !== 'string' || detail.length > 4_000_000) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(detail);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  if (raw.length > LIMITS.batch) drop(raw.length - LIMITS.batch);
  const out: BridgeEvent[] = [];
  for (const e of raw.slice(0, LIMITS.batch)) {
    const ev = toEvent(e);
    if (ev) out.push(ev);
  }
  return out;
}

function toEvent(e: unknown): BridgeEvent | null {
  if (!e || typeof e !== 'object') return null;
  const o = e as Record<string, unknown>;
  if (!isName(o.name) || !isNum(o.at)) return null;
  switch (o.t) {
    case 'loader':
      return { t: 'loader', name: o.name, at: o.at, inHead: typeof o.inHead === 'boolean' ? o.inHead : null };
    case 'call':
      if (!Array.isArray(o.args)) return null;
      return {
        t: 'call',
        name: o.name,
        args: capArgs(o.args),
        at: o.at,
        ...(o.queued === true && { queued: true }),
      };
    case 'queue':
      if (!isNum(o.pending) || typeof o.processed !== 'boolean') return null;
      return { t: 'queue', name: o.name, pending: o.pending, processed: o.processed, at: o.at };
    case 'page-error': {
      if (typeof o.message !== 'string') return null;
      return { t: 'error', kind: 'po-undefined', name: o.name, message: cap(o.message, 300), at: o.at };
    }
    default:
      return null;
  }
}

/** Caps strings again (the page may forge events) and replaces oversized calls by a marker. */
function capArgs(args: unknown[]): Json[] {
  const capped = args.slice(0, 20).map((a) => capJson(a));
  return JSON.stringify(capped).length > LIMITS.callBytes ? ['[arguments too large]'] : capped;
}

function capJson(v: unknown, depth = 0): Json {
  if (typeof v === 'string') return cap(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (depth > 8 || typeof v !== 'object') return null;
  if (Array.isArray(v)) return v.slice(0, 100).map((x) => capJson(x, depth + 1));
  // No prototype: a forged "__proto__" key stays an ordinary key.
  const out: { [k: string]: Json } = Object.create(null);
  for (const k of Object.keys(v).slice(0, 100))
    out[cap(k, 200)] = capJson((v as Record<string, unknown>)[k], depth + 1);
  return out;
}
