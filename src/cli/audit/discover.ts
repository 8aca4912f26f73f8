/**
 * Page discovery of `partnero-inspector audit <url>`: a breadth-first walk of the start URL's
 * same-origin links plus the pages its sitemap lists. Only GETs pages (never submits forms),
 * skips links that look like they change state (logout, cart clearing, delete) and obvious
 * non-HTML files, honours robots.txt when asked, and caps every list with a visible count of
 * what the cap left out. HTML is read with a small linear tokenizer, no DOM library.
 */

/** One GET's answer as text; `contentType` is the raw header ('' when absent). */
export interface FetchedText {
  status: number;
  contentType: string;
  body: string;
  /** Where the answer came from after redirects (absent: the URL asked). */
  url?: string;
}

/** GETs a URL as text; null on a network error (a rejection is treated the same way). */
export type FetchText = (url: string) => Promise<FetchedText | null>;

/** How pages are found. */
export interface DiscoverOptions {
  /** Stop after this many page URLs (the start URL counts; below 1 counts as 1). */
  maxPages: number;
  /** An explicit sitemap URL; otherwise `${origin}/sitemap.xml` is tried (404 or non-XML: ignored). */
  sitemap?: string;
  /**
   * Honour robots.txt Allow/Disallow: the groups for "partnero-inspector" when the file has
   * any, else those for `*` (RFC 9309); the longest match wins, Allow wins ties.
   */
  obeyRobots: boolean;
  /** Injectable for tests; defaults to {@link fetchPageText}. */
  fetchText?: FetchText;
}

/** The pages found, in order: the start URL first, then sitemap URLs and links breadth-first. */
export interface Discovered {
  urls: string[];
  /** Same-origin URLs found but deliberately not taken, each with a short reason. */
  skipped: { url: string; reason: string }[];
  /** Same-origin candidates found but left out by a cap (maxPages, the fetch budget, the URL limit). */
  dropped: number;
}

/** The product token robots.txt groups can name, and the user-agent of the default fetch. */
export const ROBOTS_AGENT = 'partnero-inspector';

const MAX_BODY = 5 * 1024 * 1024;
const MAX_ROBOTS = 512 * 1024;
const MAX_HREF = 8192;
/** URLs remembered for de-duplication; past it, new candidates only count as dropped. */
const MAX_KNOWN = 100_000;
const MAX_NESTED_SITEMAPS = 50;
const CONCURRENCY = 4;
const TIMEOUT_MS = 10_000;

const UNSAFE = /log-?out|sign-?out|logoff|\/cart\/clear|empty-cart|clear-cart|remove|delete|unsubscribe/i;
const FILE_EXT = /\.(pdf|zip|jpe?g|png|gif|webp|svg|mp4|mp3|css|js|xml|json|ico|woff2?)$/i;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

interface Crawl {
  /** The start URL as given (always `urls[0]`). */
  start: string;
  origin: string;
  maxPages: number;
  allowed: (url: URL) => boolean;
  known: Set<string>;
  /** Every URL to visit in order; `queue[0]` is the start. */
  queue: string[];
  /** Index of the next queue entry to take. */
  next: number;
  urls: string[];
  skipped: Discovered['skipped'];
  /** Candidates past MAX_KNOWN (not de-duplicated). */
  overflow: number;
}

/**
 * Finds up to `opts.maxPages` same-origin pages from `start`. Never throws: a start URL that
 * cannot be fetched (or parsed) is still returned as the first URL, so the check itself
 * reports why it fails.
 */
export async function discoverPages(start: string, opts: DiscoverOptions): Promise<Discovered> {
  const startUrl = httpUrl(start);
  if (!startUrl) return { urls: [start], skipped: [], dropped: 0 };
  const fetchText = guarded(opts.fetchText ?? fetchPageText);
  const key = withoutFragment(startUrl);
  // The site is where the start URL lands: `http://shop.example` redirecting to
  // `https://www.shop.example/` is audited as the latter, its robots.txt and sitemap included.
  const first = await fetchText(key);
  const landed = (first?.url && httpUrl(first.url)) || startUrl;
  const origin = landed.origin;
  const [allowed, sitemap] = await Promise.all([
    opts.obeyRobots ? loadRobots(origin, fetchText) : () => true,
    sitemapLocs(opts.sitemap ?? `${origin}/sitemap.xml`, fetchText),
  ]);
  const crawl: Crawl = {
    start,
    origin,
    maxPages: Math.max(1, Math.floor(opts.maxPages) || 1),
    allowed,
    known: new Set([key, withoutFragment(landed)]),
    queue: [key],
    next: 0,
    urls: [],
    skipped: [],
    overflow: 0,
  };
  if (sitemap === null && opts.sitemap !== undefined) {
    crawl.skipped.push({ url: opts.sitemap, reason: 'sitemap unreadable (not a sitemap, or not found)' });
  }
  for (const loc of sitemap ?? []) {
    const url = httpUrl(loc);
    if (url) addCandidate(crawl, url);
  }
  await walk(crawl, fetchText, first);
  return {
    urls: crawl.urls,
    skipped: crawl.skipped,
    dropped: crawl.queue.length - crawl.next + crawl.overflow,
  };
}

/**
 * Visits the queue in order, at most CONCURRENCY fetches at once and never more than the pages
 * still wanted. Results are taken strictly in queue order, so the outcome does not depend on
 * which answer arrives first. Non-HTML answers do not fill `urls`; the fetch budget bounds them.
 * The start's answer (`first`) was fetched before the walk.
 */
async function walk(crawl: Crawl, fetchText: FetchText, first: FetchedText | null): Promise<void> {
  const inFlight = new Map<number, Promise<FetchedText | null>>([[0, Promise.resolve(first)]]);
  let launched = 1;
  let budget = crawl.maxPages * 2 + 19;
  while (crawl.next < crawl.queue.length && crawl.urls.length < crawl.maxPages) {
    const room = Math.min(CONCURRENCY, crawl.maxPages - crawl.urls.length);
    while (launched < crawl.queue.length && launched - crawl.next < room && budget > 0) {
      inFlight.set(launched, fetchText(crawl.queue[launched] as string));
      launched++;
      budget--;
    }
    const pending = inFlight.get(crawl.next);
    if (!pending) break;
    inFlight.delete(crawl.next);
    take(crawl, await pending);
    crawl.next++;
  }
}

/** Takes `queue[next]` given its answer: listed (the start always), links followed when a 2xx HTML page. */
function take(crawl: Crawl, page: FetchedText | null): void {
  const url = crawl.queue[crawl.next] as string;
  const isStart = crawl.next === 0;
  const html = page !== null && isHtml(page);
  if (page !== null && !html && !isStart) {
    crawl.skipped.push({ url, reason: 'not HTML' });
    return;
  }
  crawl.urls.push(isStart ? crawl.start : url);
  if (!html || page.status < 200 || page.status > 299) return;
  for (const link of extractLinks(page.body.slice(0, MAX_BODY), page.url ?? url)) addCandidate(crawl, link);
}

/** Queues a new same-origin URL, or lists it as skipped; other origins are ignored silently. */
function addCandidate(crawl: Crawl, url: URL): void {
  if (url.origin !== crawl.origin) return;
  const key = withoutFragment(url);
  if (crawl.known.has(key)) return;
  if (crawl.known.size >= MAX_KNOWN) {
    crawl.overflow++;
    return;
  }
  crawl.known.add(key);
  const reason = skipReason(url, crawl.allowed);
  if (reason === null) crawl.queue.push(key);
  else crawl.skipped.push({ url: key, reason });
}

/** Why a candidate is not visited, or null to visit it. */
function skipReason(url: URL, allowed: (url: URL) => boolean): string | null {
  const target = url.pathname + url.search;
  const unsafe = UNSAFE.exec(target) ?? UNSAFE.exec(safeDecode(target));
  if (unsafe) return `state-changing link (${unsafe[0].toLowerCase()})`;
  const ext = FILE_EXT.exec(url.pathname);
  if (ext) return `file type .${(ext[1] as string).toLowerCase()}`;
  if (!allowed(url)) return 'robots.txt';
  return null;
}

/** text/html or application/xhtml+xml; with no content-type at all, what the body starts with. */
function isHtml(page: FetchedText): boolean {
  const type = (page.contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type === '') return /^\s*<(!doctype\s+html|html)[\s>]/i.test(page.body.slice(0, 1024));
  return HTML_TYPES.has(type);
}

/** `raw` as an http(s) URL, or null. */
function httpUrl(raw: string, base?: string | URL): URL | null {
  if (raw.length > MAX_HREF) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The de-duplication key: the URL without its fragment, query kept. */
function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A FetchText that turns a rejection into null. */
function guarded(fetchText: FetchText): FetchText {
  return (url) => fetchText(url).catch(() => null);
}

// ---------------------------------------------------------------------------------------------
// Fetching

/**
 * The default {@link FetchText}: a GET with redirects followed and a 10 s timeout, the body read
 * as UTF-8 up to 5 MB (media bodies are not read). Null on a network error or the timeout.
 */
export async function fetchPageText(url: string): Promise<FetchedText | null> {
  try {
    const res = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { 'user-agent': ROBOTS_AGENT, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    const contentType = res.headers.get('content-type') ?? '';
    if (/^\s*(image|audio|video|font)\//i.test(contentType)) {
      await res.body?.cancel();
      return { status: res.status, contentType, body: '', url: res.url || url };
    }
    return { status: res.status, contentType, body: await readCapped(res, MAX_BODY), url: res.url || url };
  } catch {
    return null;
  }
}

/** The body's first `cap` bytes as text; the rest is not downloaded. */
async function readCapped(res: Response, cap: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value.subarray(0, cap - bytes);
    bytes += chunk.length;
    text += decoder.decode(chunk, { stream: true });
    if (bytes >= cap) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}

/** `fn` over `items` with at most `limit` calls at once; results in input order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// HTML

interface Tag {
  name: string;
  href: string | undefined;
}

const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const ATTR_NAME = /[^\s/>][^\s/>=]*/y;
const UNQUOTED = /[^\s>]*/y;
const SPACE = ' \t\n\f\r';
/** Elements whose content is text, not markup: a `<a href>` inside is not a link. */
const RAW_TEXT = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'];
const RAW_END = new Map(RAW_TEXT.map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

/**
 * The absolute http(s) URLs of `html`'s `<a href>` and `<area href>`, in document order,
 * resolved against the first `<base href>` (itself resolved against `pageUrl`) or `pageUrl`.
 * Links in comments, scripts and styles are not links. Linear in the size of `html`.
 */
export function extractLinks(html: string, pageUrl: string): URL[] {
  const hrefs: string[] = [];
  let base: string | undefined;
  for (const tag of tags(html)) {
    if (tag.href === undefined) continue;
    if (tag.name === 'base') base ??= tag.href;
    else if (tag.name === 'a' || tag.name === 'area') hrefs.push(tag.href);
  }
  const baseUrl = (base !== undefined && httpUrl(decodeEntities(base).trim(), pageUrl)) || pageUrl;
  const links: URL[] = [];
  for (const href of hrefs) {
    const url = httpUrl(decodeEntities(href).trim(), baseUrl);
    if (url) links.push(url);
  }
  return links;
}

/** The start tags of `html` with their `href`; comments and raw-text content are passed over. */
function* tags(html: string): Generator<Tag> {
  let i = html.indexOf('<');
  while (i !== -1) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) return;
      i = html.indexOf('<', end + 3);
      continue;
    }
    TAG_NAME.lastIndex = i + 1;
    const match = TAG_NAME.exec(html);
    if (!match) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const name = match[0].toLowerCase();
    const { href, end } = readHref(html, TAG_NAME.lastIndex);
    yield { name, href };
    const rawEnd = RAW_END.get(name);
    if (rawEnd) {
      rawEnd.lastIndex = end;
      i = rawEnd.exec(html)?.index ?? -1;
    } else {
      i = html.indexOf('<', end);
    }
  }
}

/** Reads a start tag's attributes from `from`: its first `href` (raw) and the index past `>`. */
function readHref(html: string, from: number): { href: string | undefined; end: number } {
  let href: string | undefined;
  let j = from;
  while (j < html.length) {
    const c = html[j] as string;
    if (c === '>') return { href, end: j + 1 };
    if (c === '/' || SPACE.includes(c)) {
      j++;
      continue;
    }
    ATTR_NAME.lastIndex = j;
    const raw = ATTR_NAME.exec(html)?.[0] ?? c;
    const name = raw.toLowerCase();
    j = skipSpace(html, j + raw.length);
    if (html[j] !== '=') continue;
    j = skipSpace(html, j + 1);
    const quote = html[j];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, j + 1);
      const stop = close === -1 ? html.length : close;
      value = html.slice(j + 1, stop);
      j = stop + 1;
    } else {
      UNQUOTED.lastIndex = j;
      value = UNQUOTED.exec(html)?.[0] ?? '';
      j += value.length;
    }
    if (name === 'href') href ??= value;
  }
  return { href, end: html.length };
}

function skipSpace(html: string, from: number): number {
  let j = from;
  while (j < html.length && SPACE.includes(html[j] as string)) j++;
  return j;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes character references ending in `;` (numeric and a few named ones); others stay as written. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return String.fromCodePoint(valid ? code : 0xfffd);
  });
}

// ---------------------------------------------------------------------------------------------
// Sitemaps

/** A sitemap's `<loc>` values and whether it is a sitemap index. */
interface Sitemap {
  index: boolean;
  locs: string[];
}

/**
 * The page URLs a sitemap lists; a sitemap index's sitemaps (same origin as the index, at most
 * 50) are read one level deep. Null when the sitemap itself is missing or not a sitemap.
 */
async function sitemapLocs(url: string, fetchText: FetchText): Promise<string[] | null> {
  const top = await readSitemap(url, fetchText);
  if (!top?.index) return top?.locs ?? null;
  const indexOrigin = new URL(url).origin;
  const nested = top.locs.filter((loc) => httpUrl(loc)?.origin === indexOrigin).slice(0, MAX_NESTED_SITEMAPS);
  const maps = await mapLimit(nested, CONCURRENCY, (loc) => readSitemap(loc, fetchText));
  return maps.flatMap((map) => (map && !map.index ? map.locs : [])).slice(0, MAX_KNOWN);
}

/** GETs and parses one sitemap; null unless a 2xx answer with a `<urlset>` or `<sitemapindex>`. */
async function readSitemap(url: string, fetchText: FetchText): Promise<Sitemap | null> {
  if (!httpUrl(url)) return null;
  const res = await fetchText(url);
  if (!res || res.status < 200 || res.status > 299) return null;
  return parseSitemap(res.body.slice(0, MAX_BODY));
}

/** The `<loc>` values of a sitemap (CDATA and character references undone, comments ignored). */
function parseSitemap(xml: string): Sitemap | null {
  const index = /<sitemapindex[\s>]/.test(xml);
  if (!index && !/<urlset[\s>]/.test(xml)) return null;
  const locs: string[] = [];
  const open = /<!--|<loc\s*>/g;
  for (let m = open.exec(xml); m && locs.length < MAX_KNOWN; m = open.exec(xml)) {
    const isComment = m[0] === '<!--';
    const close = xml.indexOf(isComment ? '-->' : '</loc', open.lastIndex);
    if (close === -1) break;
    if (!isComment) {
      const raw = xml.slice(open.lastIndex, close).trim();
      const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw);
      locs.push(cdata ? (cdata[1] as string).trim() : decodeEntities(raw));
    }
    open.lastIndex = close;
  }
  return { index, locs };
}

// ---------------------------------------------------------------------------------------------
// robots.txt

/** One Allow or Disallow line of robots.txt. */
export interface RobotsRule {
  allow: boolean;
  pattern: string;
}

interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
}

/** `${origin}/robots.txt` as a predicate; anything but a 2xx plain-text answer allows all. */
async function loadRobots(origin: string, fetchText: FetchText): Promise<(url: URL) => boolean> {
  const res = await fetchText(`${origin}/robots.txt`);
  const allowAll = () => true;
  if (!res || res.status < 200 || res.status > 299) return allowAll;
  if (/html/i.test(res.contentType) || /^\s*</.test(res.body.slice(0, 1024))) return allowAll;
  const rules = robotsRules(res.body.slice(0, MAX_ROBOTS), ROBOTS_AGENT);
  return (url) => robotsAllows(rules, url.pathname + url.search);
}

/**
 * The rules of robots.txt `text` that apply to `agent`: those of every group naming it, or, when
 * no group does, those of every `*` group (RFC 9309). Lines that are not rules are ignored, so
 * garbage yields no rules (allow all).
 */
export function robotsRules(text: string, agent: string): RobotsRule[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  let inAgents = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = (line.slice(colon + 1).split('#')[0] ?? '').trim();
    if (key === 'user-agent') {
      if (!current || !inAgents) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      inAgents = true;
    } else if (key === 'allow' || key === 'disallow') {
      inAgents = false;
      if (current && value !== '')
        current.rules.push({ allow: key === 'allow', pattern: encodeNonAscii(value) });
    }
  }
  const token = agent.toLowerCase();
  const named = groups.filter((g) => g.agents.some((a) => a === token || a.startsWith(`${token}/`)));
  const chosen = named.length > 0 ? named : groups.filter((g) => g.agents.includes('*'));
  return chosen.flatMap((g) => g.rules);
}

/** Whether `path` (path and query) may be fetched: the longest matching rule wins, Allow wins ties. */
export function robotsAllows(rules: RobotsRule[], path: string): boolean {
  let best: RobotsRule | undefined;
  for (const rule of rules) {
    if (!wildcardMatch(rule.pattern, path)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieAllow = best && rule.pattern.length === best.pattern.length && rule.allow;
    if (longer || tieAllow) best = rule;
  }
  return best?.allow ?? true;
}

/**
 * A robots.txt path pattern against a path: a prefix match where `*` matches any run of
 * characters and a final `$` anchors the end. Two pointers with one backtrack point, so a
 * pattern full of `*` cannot take exponential time.
 */
function wildcardMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const pat = anchored ? pattern.slice(0, -1) : pattern;
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  for (;;) {
    if (p === pat.length && (!anchored || s === path.length)) return true;
    if (p < pat.length && pat[p] === '*') {
      star = p++;
      mark = s;
    } else if (p < pat.length && s < path.length && pat[p] === path[s]) {
      p++;
      s++;
    } else if (star === -1 || mark >= path.length) {
      return false;
    } else {
      p = star + 1;
      s = ++mark;
    }
  }
}

/** Percent-encodes non-ASCII characters of a robots.txt pattern, as URL paths carry them. */
function encodeNonAscii(pattern: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  return pattern.replace(/[^\x00-\x7f]+/gu, (chars) => encodeURIComponent(chars));
}
