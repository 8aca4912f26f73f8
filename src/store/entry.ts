/**
 * How a tab reached each page: the URL its navigation asked for (a partner link, the CLI's
 * `--aff` URL) and every redirect on the way. webRequest reports a top-frame navigation's
 * first request and each 3xx before the page exists; a client redirect (meta refresh, script)
 * shows only at the new page's commit, and starts from the page the tab left. Plain data in,
 * plain data out: the background feeds it browser events.
 */
import { cap } from '../bridge/limits';
import type { PageEntry, PageState, Redirect } from '../model/types';
import { withoutHash } from '../rules/urls';

/** Redirects kept per page (a redirect loop ends in the browser's own error page anyway). */
export const REDIRECTS_CAP = 20;

interface Pending extends PageEntry {
  requestId: string;
}

/** The URL a chain ends at. */
const endOf = (entry: PageEntry) => entry.redirects.at(-1)?.to ?? entry.asked;

/** Per tab: the navigation under way (until its page starts) and the page the tab left last. */
export class EntryTracker {
  private readonly pending = new Map<number, Pending>();
  private readonly left = new Map<number, { url: string; entry?: PageEntry }>();

  /** A top-frame request: a new navigation, unless it is the next hop of a redirect (same id). */
  request(tabId: number, requestId: string, url: string): void {
    const p = this.pending.get(tabId);
    if (p?.requestId === requestId) return;
    // The hop a redirect pointed at, reported under a new id (Chromium does so when a
    // driver intercepts the request): the same navigation, its chain kept.
    if (p && p.redirects.length > 0 && withoutHash(endOf(p)) === withoutHash(url)) {
      p.requestId = requestId;
      return;
    }
    this.pending.set(tabId, { requestId, asked: cap(url), redirects: [] });
  }

  /**
   * A top-frame request answered with an HTTP redirect (`status` unknown when only the
   * navigation's commit told: Chromium without webRequest).
   */
  redirect(tabId: number, requestId: string, status: number | undefined, from: string, to: string): void {
    let p = this.pending.get(tabId);
    if (p?.requestId !== requestId) {
      // Its first request went unseen (a worker restart): the chain starts here.
      p = { requestId, asked: cap(from), redirects: [] };
      this.pending.set(tabId, p);
    }
    if (p.redirects.length < REDIRECTS_CAP)
      p.redirects.push({
        kind: 'server',
        ...(status !== undefined && { status }),
        from: cap(from),
        to: cap(to),
      });
  }

  /**
   * The tab left `old` for `page` (just reset): remembers the page left, for a client redirect,
   * and gives the new page the redirects that led to it when the navigation ended there.
   */
  enter(tabId: number, old: PageState, page: PageState): void {
    if (old.url !== '') this.left.set(tabId, { url: old.url, ...(old.entry && { entry: old.entry }) });
    // Only the page the navigation ended at takes it: a late commit of another document (a
    // fresh tab's about:blank, heard after the navigation's requests) leaves it waiting.
    const p = this.pending.get(tabId);
    if (!p || withoutHash(endOf(p)) !== withoutHash(page.url)) return;
    this.pending.delete(tabId);
    if (p.redirects.length > 0) page.entry = { asked: p.asked, redirects: p.redirects };
  }

  /**
   * The top frame committed `url` (now `page`): with the `client_redirect` qualifier, the page
   * left sent the tab here, so its own way in comes first. Returns true when `page` changed.
   */
  commit(tabId: number, page: PageState, url: string, qualifiers: readonly string[]): boolean {
    const left = this.left.get(tabId);
    if (!qualifiers.includes('client_redirect') || left === undefined) return false;
    if (withoutHash(page.url) !== withoutHash(url) || withoutHash(left.url) === withoutHash(url))
      return false;
    if (page.entry?.redirects.some((r) => r.kind === 'client')) return false;
    const before = left.entry ?? { asked: left.url, redirects: [] };
    const own = page.entry ?? { asked: cap(url), redirects: [] };
    const hop: Redirect = { kind: 'client', from: left.url, to: own.asked };
    page.entry = {
      asked: before.asked,
      redirects: [...before.redirects, hop, ...own.redirects].slice(0, REDIRECTS_CAP),
    };
    return true;
  }

  /**
   * A redirect that webRequest reported only after the page it led to had started (a worker
   * that has just woken up can hear the navigation's commit or the page's first message
   * first): the page gets its way in now. Returns true when `page` changed.
   */
  attachLate(tabId: number, page: PageState): boolean {
    const p = this.pending.get(tabId);
    if (!p || p.redirects.length === 0 || page.entry !== undefined || page.url === '') return false;
    if (withoutHash(endOf(p)) !== withoutHash(page.url)) return false;
    this.pending.delete(tabId);
    page.entry = { asked: p.asked, redirects: p.redirects };
    return true;
  }

  /**
   * Where the tab's navigation under way started and under which id, for a redirect heard only
   * at its commit; undefined once its page took it.
   */
  asked(tabId: number): { requestId: string; url: string } | undefined {
    const p = this.pending.get(tabId);
    return p && { requestId: p.requestId, url: p.asked };
  }

  /** The tab closed. */
  forget(tabId: number): void {
    this.pending.delete(tabId);
    this.left.delete(tabId);
  }
}

/**
 * The redirects the CLI's browser driver saw for the page's own navigation: they fill in a
 * chain webRequest did not report (Chromium can miss the first navigation right after the
 * extension was installed). What webRequest did report is kept. Returns true on a change.
 */
export function adoptEntry(page: PageState, entry: PageEntry | undefined): boolean {
  if (!entry || page.entry !== undefined || entry.redirects.length === 0) return false;
  if (withoutHash(endOf(entry)) !== withoutHash(page.url)) return false;
  page.entry = {
    asked: cap(entry.asked),
    redirects: entry.redirects
      .slice(0, REDIRECTS_CAP)
      .map((r) => ({ ...r, from: cap(r.from), to: cap(r.to) })),
  };
  return true;
}

/** The background's tracker (module state, like the page identities: not persisted). */
export const entries = new EntryTracker();
