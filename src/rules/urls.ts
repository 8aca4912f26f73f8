/** URL facts: which requests are Partnero's scripts, which hosts are Partnero or local. */

/** A parsed absolute URL, or null (never throws on page input). */
export function parseUrl(text: string | null | undefined): URL | null {
  if (typeof text !== 'string') return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Partnero's hosts (one definition for the whole extension). */
export { isPartneroUrl as isPartneroHost } from '../detect/partnero';

const SETTINGS_PATH = /\/program\/([^/]*)\/settings\/settings\.js$/;

/** Which Partnero script a URL loads (matched on the path: merchants may proxy the host). */
export function scriptKind(url: string): 'universal' | 'settings' | null {
  const path = parseUrl(url)?.pathname;
  if (path === undefined) return null;
  if (path.endsWith('/js/universal.js')) return 'universal';
  return SETTINGS_PATH.test(path) ? 'settings' : null;
}

/** The program id in a settings.js URL (decoded), or null for other URLs. */
export function settingsProgramId(url: string): string | null {
  const segment = SETTINGS_PATH.exec(parseUrl(url)?.pathname ?? '')?.[1];
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The URL without query and hash: one script is one finding whatever its cache-buster. */
export function withoutQuery(url: string): string {
  const parsed = parseUrl(url);
  return parsed === null ? url : `${parsed.origin}${parsed.pathname}`;
}

/** The URL without its fragment: a page at `#top` is the page. */
export function withoutHash(url: string): string {
  return url.split('#')[0] ?? url;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOCAL_SUFFIXES = ['.test', '.local', '.localhost'];
const STAGING_PREFIXES = ['staging.', 'dev.', 'test.'];

/** A host where test-mode Stripe links are expected: local files and machines, visible staging hosts. */
export function isTestHost(host: string): boolean {
  return (
    host === '' ||
    LOCAL_HOSTS.has(host) ||
    LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix)) ||
    STAGING_PREFIXES.some((prefix) => host.startsWith(prefix))
  );
}
