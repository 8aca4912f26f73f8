/**
 * Page strings inside finding messages. Everything here came from the page, which can lie:
 * it is capped, stripped of control and bidi characters (no fake lines, no reordered text)
 * and quoted, so a message stays one readable sentence whatever the page sent.
 */
import type { Json } from '../model/types';

/** Default number of characters of page data kept in a message. */
const CAP = 80;

/** C0/C1 controls and line/paragraph separators: shown as one space. */
const BREAKS = /[\p{Cc}\u2028\u2029]+/gu;
/** Bidi marks, overrides and isolates: dropped, they only serve to disguise text. */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** One-line, capped text (by code points, so no emoji is cut in half). */
export function clip(text: string, max = CAP): string {
  // Slice first: a page may hand us megabytes, and only the head is ever shown.
  const clean = text
    .slice(0, max * 4)
    .replace(BIDI, '')
    .replace(BREAKS, ' ');
  const chars = Array.from(clean);
  return chars.length > max || text.length > max * 4 ? `${chars.slice(0, max).join('')}…` : clean;
}

/** Capped page text in double quotes. */
export function quote(text: string, max = CAP): string {
  return `"${clip(text, max)}"`;
}

/** A JSON value from the page as message text: strings quoted, anything else as capped JSON. */
export function show(value: Json | undefined, max = CAP): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value, max);
  return clip(JSON.stringify(value), max);
}

/** What kind of value this is, for "expected …, got …" messages. */
export function kindOf(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** "a, b and c" for short lists in messages. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "1 call" / "3 calls". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
