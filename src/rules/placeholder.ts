/**
 * Template values left unfilled. The guide's snippets carry literal placeholders
 * (`PUBLIC_PROGRAM_ID`, `STRIPE_CHARGE_ID`…), server templates leave their markers when a
 * variable is unknown, and unset JavaScript values are stringified into `undefined`,
 * `null`, `NaN` or `[object Object]`.
 */
import type { Json } from '../model/types';
import { clip } from './text';

/** Template syntaxes of JS template strings, Handlebars/Twig/Liquid/Jinja and PHP. */
const TEMPLATE_MARKERS = ['${', '{{', '<?'];

/** What a JS value that was never set turns into once stringified. */
const UNSET_VALUES = ['undefined', 'null', 'NaN', '[object Object]'];

/** printf (`%s`, `%d`) and `%NAME%`-style markers, used by WordPress plugins and env files. */
const PERCENT_MARKER = /%\w*%|%[sd]/;

/** The guide's own placeholders, per command. */
const PROGRAM_PLACEHOLDERS = ['PUBLIC_PROGRAM_ID'];
const TRANSACTION_PLACEHOLDERS = ['STRIPE_CHARGE_ID', 'STRIPE_CUSTOMER_ID', 'STRIPE_PRODUCT_ID'];

function leftUnfilled(text: string, literals: readonly string[]): boolean {
  const trimmed = text.trim();
  return (
    literals.includes(trimmed) ||
    UNSET_VALUES.includes(trimmed) ||
    TEMPLATE_MARKERS.some((marker) => trimmed.includes(marker))
  );
}

/** A program id that cannot be real: not a string, blank, or a template left in. */
export function isPlaceholderProgramId(id: unknown): boolean {
  if (typeof id !== 'string') return true;
  return id.trim() === '' || leftUnfilled(id, PROGRAM_PLACEHOLDERS) || PERCENT_MARKER.test(id);
}

/** A transaction field value that is a template left in. */
function isPlaceholderValue(text: string): boolean {
  return leftUnfilled(text, TRANSACTION_PLACEHOLDERS);
}

/** Bounds the walk: payloads are page data and may be deeply nested junk. */
const MAX_DEPTH = 6;
const MAX_VALUES = 200;

/**
 * Every string under `root` that is a template left in, by dotted path (`data.customer.key`,
 * `data.tags.0`), in document order. Keys are page data: capped so a path stays displayable.
 */
export function placeholderPaths(root: Json | undefined, rootPath: string): Map<string, string> {
  const found = new Map<string, string>();
  let budget = MAX_VALUES;
  const walk = (value: Json | undefined, path: string, depth: number): void => {
    if (budget-- <= 0 || value === undefined || value === null) return;
    if (typeof value === 'string') {
      if (isPlaceholderValue(value)) found.set(path, value);
    } else if (typeof value === 'object' && depth < MAX_DEPTH) {
      for (const [key, child] of Object.entries(value)) walk(child, `${path}.${clip(key, 40)}`, depth + 1);
    }
  };
  walk(root, rootPath, 0);
  return found;
}
