/**
 * Validators for option values. Each throws an {@link ArgError} whose message is the whole
 * one-line error the CLI prints, so the parser reads as a list of fields.
 */

/** A user mistake; its message is the one-line error shown on stderr. */
export class ArgError extends Error {}

/**
 * A config file that cannot be used (src/cli/config.ts): one line per problem, each naming the
 * file. Defined here, not beside the config's schema, so catching it does not load zod.
 */
export class ConfigError extends ArgError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** User text quoted on one line: JSON escapes newlines and control characters. */
export const quote = (text: string): string => JSON.stringify(text);

/** The value, unless it was given empty (`--aff=`), which is always a mistake. */
export function nonEmpty(name: string, raw: string | undefined): string | undefined {
  if (raw === '') throw new ArgError(`--${name} needs a non-empty value`);
  return raw;
}

/** One of `allowed`, or `fallback` when the option was not given. */
export function oneOf<const T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) {
    throw new ArgError(`--${name} must be one of ${allowed.join(', ')}, got ${quote(raw)}`);
  }
  return found;
}

/** A non-negative integer number of milliseconds; digits only, so `1e3`, `-1`, `0x10` are refused. */
export function milliseconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new ArgError(`--${name} must be a whole number of milliseconds, got ${quote(raw)}`);
  }
  return value;
}

/** The URL as typed, when it is absolute `http:` or `https:` (the only pages a browser can check). */
export function httpUrl(url: string): string {
  if (!isHttpUrl(url)) throw new ArgError(notHttpUrl(url));
  return url;
}

/** True for an absolute `http:` or `https:` URL. */
export function isHttpUrl(url: string): boolean {
  const protocol = URL.parse(url)?.protocol;
  return protocol === 'http:' || protocol === 'https:';
}

/** Why `url` is refused where a page's URL is wanted, with what was probably meant. */
export const notHttpUrl = (url: string): string => {
  const hint = urlHint(url);
  return `not an absolute http(s) URL: ${quote(url)}${hint ? ` — ${hint}` : ''}`;
};

/** Hosts a merchant's own machine serves, where plain http:// is the usual scheme. */
const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(:\d+)?$/i;
/** A mistyped scheme: `http//`, `https:/`, `http:` without slashes. */
const BROKEN_SCHEME = /^(https?)(:\/?|\/\/)(?=[^/])/i;
/** A path or a file, not an address: `./index.html`, `/pricing`, `C:\\shop\\x.html`, `file:…`. */
const PATH_LIKE = /^(\.{0,2}\/|[a-z]:\\|file:)/i;

/**
 * What a refused URL probably meant: the same address with its scheme (`shop.example` →
 * `https://shop.example`, `localhost:3000` → `http://localhost:3000`, `http//x` → `http://x`),
 * or, for a file or a path, that pages are checked at an address. Nothing when no guess is
 * sound: a guess is offered only when it is itself a URL the check takes.
 */
function urlHint(url: string): string | undefined {
  if (/\s/.test(url)) return undefined;
  const broken = BROKEN_SCHEME.exec(url);
  if (broken?.[1]) return didYouMean(`${broken[1].toLowerCase()}://${url.slice(broken[0].length)}`);
  const host = url.split(/[/?#]/, 1)[0] ?? '';
  // `pricing.html` is a file; `shop.example/pricing.html` an address.
  if (PATH_LIKE.test(url) || /\.html?$/i.test(host))
    return 'give the page’s full address, as a browser opens it (a file: serve its folder, then give its http://127.0.0.1:… address)';
  if (LOCAL_HOST.test(host)) return didYouMean(`http://${url}`);
  return /^[\w-]+(\.[\w-]+)+(:\d+)?$/.test(host) ? didYouMean(`https://${url}`) : undefined;
}

/** The guess as the browser would open it: serialised, so no control character reaches the terminal. */
function didYouMean(candidate: string): string | undefined {
  const parsed = URL.parse(candidate);
  return parsed && isHttpUrl(candidate) ? `did you mean ${parsed.href}?` : undefined;
}
