/**
 * Held loaders: a `<script>` that carries Partnero's loader (or points at universal.js) but
 * that the browser does not run as it stands, because a consent manager or a speed optimizer
 * rewrote its `type` (or parked its URL in a `data-…src` attribute) and runs it later — after
 * consent, after the first interaction, after rendering — if ever. Pure and DOM-free: the
 * bridge passes what it read from the element, the unit tests pass plain objects.
 *
 * Decisions (a false positive is a bug):
 * - The browser runs a script with no `type`, an empty one, `module`, or a JavaScript MIME
 *   type; a type with parameters (`text/javascript; charset=utf-8`) is taken as JavaScript
 *   too (it is how merchants write it; never flag what may well run).
 * - Data blocks (`application/ld+json`, `importmap`, `speculationrules`, `text/x-template`,
 *   `text/html`, …) are never held loaders, even when their text names Partnero — unless a
 *   consent manager's own attribute is on them (some hold scripts as `text/template`).
 * - The loader's signature is its code: `__partnerObject` or `partnero.com/js/universal.js`
 *   in the text, or a universal.js URL in `src`/`data-src`/`data-rocket-src`/… A script that
 *   merely mentions Partnero (a comment, "Partnero affiliate tracking") is not the loader.
 * - A `text/plain` script with a code-sample class (`language-…`, `lang-…`: Prism and
 *   highlight.js) and no consent attribute is documentation showing the snippet, not a hold.
 */

/** Who holds the script; see `HELD_KINDS` for what each one waits for. */
export type HeldMechanism =
  | 'cookiebot'
  | 'onetrust'
  | 'complianz'
  | 'cookieyes'
  | 'iubenda'
  | 'osano'
  | 'usercentrics'
  | 'consentmanager'
  | 'cookiescript'
  | 'borlabs'
  | 'didomi'
  | 'consent'
  | 'wp-rocket'
  | 'litespeed'
  | 'perfmatters'
  | 'wp-meteor'
  | 'rocket-loader'
  | 'unknown';

/** What a held script waits for: consent, the first interaction, or the optimizer's own runner. */
export type HeldKind = 'consent' | 'interaction' | 'after-render' | 'unknown';

/** The wait behind each mechanism (messages and fixes depend on it). */
export const HELD_KINDS: Record<HeldMechanism, HeldKind> = {
  cookiebot: 'consent',
  onetrust: 'consent',
  complianz: 'consent',
  cookieyes: 'consent',
  iubenda: 'consent',
  osano: 'consent',
  usercentrics: 'consent',
  consentmanager: 'consent',
  cookiescript: 'consent',
  borlabs: 'consent',
  didomi: 'consent',
  consent: 'consent',
  'wp-rocket': 'interaction',
  litespeed: 'interaction',
  perfmatters: 'interaction',
  'wp-meteor': 'interaction',
  'rocket-loader': 'after-render',
  unknown: 'unknown',
};

/** One attribute of the element as the DOM gives it (`Attr` fits). */
export interface ScriptAttr {
  name: string;
  value: string;
}

/**
 * What the bridge reads from a `<script>`: its attributes (`el.attributes`) and its text
 * (pass a getter: the text is read only when the type may hold the loader).
 */
export interface ScriptFacts {
  attrs: ArrayLike<ScriptAttr>;
  readonly text: string;
}

/** A held loader: who holds it, the attributes that show it, and the URL it parks if any. */
export interface HeldLoader {
  mechanism: HeldMechanism;
  /** `name="value"` of the type and of the attribute that names the mechanism (capped). */
  attrs: string[];
  /** The universal.js URL the script points at (src, data-src, data-rocket-src…), capped. */
  src?: string;
}

const JS_TYPES = new Set([
  'module',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

/** True when a `<script>` with this `type` attribute (null: none) runs as JavaScript. */
export function runsAsJavaScript(type: string | null): boolean {
  if (type === null) return true;
  const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === '' || JS_TYPES.has(essence);
}

/** Data blocks and templates; Partytown runs its `text/partytown` scripts in a worker (not a hold). */
const DATA_TYPE =
  /json|importmap|speculationrules|templat|tmpl|html|handlebars|mustache|markdown|shader|xml|csv|^text\/x-|partytown/;
const CODE_SAMPLE_CLASS = /(^|\s)(language|lang)-/;
const SIGNATURES = ['__partnerObject', 'partnero.com/js/universal.js'];

/** Optimizers known by the type they write. */
const TYPE_MECHANISMS: [RegExp, HeldMechanism][] = [
  [/^rocketlazyloadscript$/, 'wp-rocket'],
  [/^litespeed\/javascript$/, 'litespeed'],
  [/^pmdelayedscript$/, 'perfmatters'],
  [/^javascript\/blocked$/, 'wp-meteor'],
  [/^text\/rocketscript$|^[0-9a-f]{6,}-(text\/javascript|application\/javascript|module)$/, 'rocket-loader'],
  [/^didomi\/javascript$/, 'didomi'],
];

/** Consent managers and optimizers known by an attribute (name, or `class` value). */
const ATTR_MECHANISMS: [(name: string, value: string) => boolean, HeldMechanism][] = [
  [(n) => n === 'data-cookieconsent', 'cookiebot'],
  [(n, v) => n === 'class' && /(^|\s)optanon-category-/i.test(v), 'onetrust'],
  [(n, v) => n.startsWith('data-iub') || (n === 'class' && /(^|\s)_iub_cs_activate/.test(v)), 'iubenda'],
  [(n) => n.startsWith('data-osano'), 'osano'],
  [(n) => n === 'data-usercentrics', 'usercentrics'],
  [(n) => n === 'data-cookieyes' || n.startsWith('data-cli-'), 'cookieyes'],
  [(n, v) => n.startsWith('data-cmplz') || (n === 'class' && /(^|\s)cmplz-/.test(v)), 'complianz'],
  [(n, v) => n.startsWith('data-cmp-') || (n === 'class' && /(^|\s)cmplazyload/.test(v)), 'consentmanager'],
  [(n) => n === 'data-cookiescript', 'cookiescript'],
  [(n) => n.startsWith('data-borlabs'), 'borlabs'],
  [(n) => n.startsWith('data-didomi'), 'didomi'],
  [(n) => n.startsWith('data-rocket-'), 'wp-rocket'],
  [(n) => n.startsWith('data-litespeed'), 'litespeed'],
  [(n) => n.startsWith('data-perfmatters'), 'perfmatters'],
  [(n) => n.startsWith('data-wpmeteor'), 'wp-meteor'],
  [(n) => n.startsWith('data-') && /consent|cookie|categor|purpose|gdpr/.test(n), 'consent'],
];

const MAX_ATTRS = 60;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);
const shown = (a: ScriptAttr) => `${clip(a.name, 40)}="${clip(a.value, 60)}"`;

/** The URL as universal.js on a Partnero host (relative and protocol-less forms too), or null. */
function universalUrl(value: string): string | null {
  if (value.indexOf('partnero.com') < 0) return null;
  try {
    const u = new URL(value.trim(), 'https://invalid.invalid/');
    const host = u.hostname.replace(/\.$/, '').toLowerCase();
    const partnero = host === 'partnero.com' || host.endsWith('.partnero.com');
    return partnero && u.pathname.endsWith('/universal.js') ? clip(u.href, 300) : null;
  } catch {
    return null;
  }
}

/** The first attribute that names the mechanism holding the script. */
function markerOf(attrs: ScriptAttr[]): { mechanism: HeldMechanism; attr: ScriptAttr } | null {
  for (const [test, mechanism] of ATTR_MECHANISMS)
    for (const attr of attrs) if (test(attr.name, attr.value)) return { mechanism, attr };
  return null;
}

/** A `src`-like attribute (`src`, `data-src`, `data-rocket-src`, …) that parks universal.js. */
function parkedUrl(attrs: ScriptAttr[]): { src: string; attr: ScriptAttr } | null {
  for (const attr of attrs) {
    if (!attr.name.endsWith('src')) continue;
    const src = universalUrl(attr.value);
    if (src !== null) return { src, attr };
  }
  return null;
}

/** The held loader this script is, or null when it runs as it stands or is not the loader. */
export function classifyHeldScript(script: ScriptFacts): HeldLoader | null {
  const attrs = Array.from(script.attrs).slice(0, MAX_ATTRS);
  const typeAttr = attrs.find((a) => a.name === 'type');
  const type = typeAttr?.value.trim().toLowerCase() ?? null;
  const parked = parkedUrl(attrs);
  if (runsAsJavaScript(type)) {
    // A runnable script without `src` or code, whose URL sits in a data attribute, loads nothing yet.
    if (parked === null || attrs.some((a) => a.name === 'src') || script.text.trim() !== '') return null;
    const marker = markerOf(attrs);
    return { mechanism: marker?.mechanism ?? 'unknown', attrs: [shown(parked.attr)], src: parked.src };
  }
  const byType = TYPE_MECHANISMS.find(([re]) => re.test(type ?? ''))?.[1];
  const marker = markerOf(attrs);
  // Data blocks and code samples are never read: JSON-LD and templates can be large.
  if (byType === undefined && marker === null) {
    const cls = attrs.find((a) => a.name === 'class')?.value ?? '';
    if (DATA_TYPE.test(type ?? '') || CODE_SAMPLE_CLASS.test(cls)) return null;
  }
  if (parked === null && !SIGNATURES.some((s) => script.text.indexOf(s) >= 0)) return null;
  const evidence = [typeAttr, marker?.attr].filter((a): a is ScriptAttr => a !== undefined).map(shown);
  return {
    mechanism: byType ?? marker?.mechanism ?? 'unknown',
    attrs: evidence,
    ...(parked !== null && { src: parked.src }),
  };
}
