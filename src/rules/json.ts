/** Safe reads of JSON copied from the page, where any field may be missing or of any type. */
import type { Json } from '../model/types';

export type JsonObject = { [key: string]: Json };

/** A plain JSON object (not null, not an array). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path of objects, or undefined when any step is missing. */
export function at(value: Json | undefined, path: string): Json | undefined {
  let current = value;
  for (const step of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, step)) return undefined;
    current = current[step];
  }
  return current;
}

/** A key Partnero accepts (string or number) as a string; null for anything else. */
export function keyText(value: Json | undefined): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** Arguments of a call, tolerating a page that recorded something other than an array. */
export function argsOf(call: { args: unknown }): Json[] {
  return Array.isArray(call.args) ? (call.args as Json[]) : [];
}
