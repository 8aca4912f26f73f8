/**
 * Terminal text helpers: neutralising page-controlled strings and the handful of ANSI
 * styles the report uses (no colour library for six codes).
 */

/*
 * A hostile page controls URLs, cookie values, link texts and the messages quoting them.
 * Printed raw, ESC sequences could recolour, hide or rewrite lines, retitle the terminal
 * (OSC) or plant hyperlinks; so whole sequences are removed first, then any remaining C0/C1
 * control (C1 includes the 8-bit CSI/OSC introducers) and bidi override that could reorder
 * what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|[P\]^_X][^\x07\x1b]*(?:\x07|\x1b\\)?|[\s\S]?)/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Line and paragraph breaks, U+2028/2029 included (a terminal or log reader may break there). */
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;

/** Makes untrusted text safe to print on one terminal line, capped at `max` characters. */
export function clean(text: string, max = 500): string {
  const safe = text.replace(ESCAPE_SEQUENCE, '').replace(LINE_BREAKS, ' ').replace(CONTROL, '');
  const chars = Array.from(safe);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : safe;
}

/**
 * What JSON.stringify leaves raw but a log viewer, terminal or JavaScript parser may act on:
 * DEL and C1 controls, bidi marks and overrides, U+2028/2029 (line breaks to many tools).
 */
const JSON_UNSAFE = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with every character of JSON_UNSAFE written as a `\uXXXX` escape: the
 * same value once parsed, but nothing in the text that could reorder or break a line.
 * (JSON.stringify already escapes C0 controls; these can only occur inside strings.)
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The styles the report uses. */
export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';

/** SGR on/off pairs; each style resets only itself so styles can nest. */
const SGR: Record<Style, readonly [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  cyan: [36, 39],
};

/** Wraps text in a style's on/off codes (or returns it unchanged without colour). */
export type Paint = (style: Style, text: string) => string;

/** A styling function that is the identity when colour is off (pipes, `NO_COLOR`, CI logs). */
export function painter(color: boolean): Paint {
  return (style, text) => (color ? `\x1b[${SGR[style][0]}m${text}\x1b[${SGR[style][1]}m` : text);
}

/** `1 error`, `2 warnings`, `0 infos`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: our own SGR codes are what is measured away.
const SGR_CODE = /\x1b\[\d+m/g;

/** How many columns `text` takes: characters (code points), colour codes not counted. */
export function columns(text: string): number {
  return Array.from(text.replace(SGR_CODE, '')).length;
}

const QUOTE = /"/g;

/**
 * Prose as units to wrap: its words, a quoted value (`"Buy Pro plan"`) kept in one unit so it
 * is not broken across lines while it fits on one.
 */
export function words(text: string): string[] {
  const units: string[] = [];
  let open = false;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    if (open) units[units.length - 1] += ` ${word}`;
    else units.push(word);
    // An odd number of quotes opens or closes a quoted value; curly quotes pair up likewise.
    if ((word.match(QUOTE)?.length ?? 0) % 2 === 1) open = !open;
    else if (word.includes('“') && !word.includes('”')) open = true;
    else if (open && word.includes('”')) open = false;
  }
  return units;
}

/**
 * `units` joined by spaces into lines of at most `width` columns, filled greedily. A word is
 * never broken: one longer than `width` gets a line of its own (a URL stays whole and
 * clickable). A unit of several words (a quoted value) that is longer than `width` is split
 * at its spaces, unless `whole` (checklist values, which never wrap inside).
 */
export function wrap(units: readonly string[], width: number, whole = false): string[] {
  const pieces = whole ? units : units.flatMap((unit) => (columns(unit) > width ? unit.split(' ') : [unit]));
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (piece === '') continue;
    if (line === '') line = piece;
    else if (columns(line) + 1 + columns(piece) <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  return [...lines, line];
}
