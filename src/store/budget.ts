/**
 * Byte budgets: how big a tab's state may be where it is kept (`storage.session`) and where it
 * travels (the automation answer, the popup's and the panel's state). Sizes are UTF-8 bytes of
 * JSON, so a page writing CJK or emoji (3–4 bytes a character) is measured for what it costs.
 * What a budget cannot hold is trimmed, oldest page data first, and counted in `dropped`.
 */
import type { PageState, PoCall, TabState } from '../model/types';
import type { LeftPage } from '../protocol/messages';

/** UTF-8 length of `text` (a surrogate pair counts 2 + 2: the 4 bytes of its code point). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/** UTF-8 bytes of `value` as JSON (0 for what JSON cannot hold). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : utf8Length(text);
}

/**
 * One tab's saved state (page, history and findings). `storage.session` holds 10 MiB for the
 * whole extension, every tab together (Chrome; Firefox enforces it since 134). Chrome counts a
 * value's memory, not its JSON: 1.16 times these bytes for the worst page's state (845 KB for
 * 728 KB, test/e2e/budgets.e2e.ts), up to ~2 times for a state of many small values. So a tab
 * at this budget takes ~1.2–2 MiB, a fifth of the quota at most: a hostile tab leaves room
 * for four more at their worst, or hundreds of ordinary tabs (a few KB each). It holds a full
 * page (PAGE_BYTES of page data plus its capped fields: ~850 KB at most) with its history;
 * findings are left out first, since they are computed again on load.
 */
export const SAVED_BYTES = 1024 * 1024;

/**
 * A tab's state as it is sent (the CLI's automation answer, the popup's and panel's state):
 * well under the 64 MiB a Chrome message may carry, even once sealed (AES-GCM, then base64:
 * 4/3 larger) and copied through the bridge and the page's DOM event to the driver. The page
 * data is bounded (PAGE_BYTES): the worst page's state is 728 KB, so only findings on a
 * pathological page (thousands of small faulty calls) or the pages a tab left come near it.
 */
export const ANSWER_BYTES = 4 * 1024 * 1024;

/** An item's share of its list's JSON: its own bytes and the comma after it. */
export function itemBytes(item: unknown): number {
  return jsonBytes(item) + 1;
}

/** The bytes `list`'s items add up to (see itemBytes). */
export function listBytes(list: readonly unknown[]): number {
  return list.reduce((sum: number, item) => sum + itemBytes(item), 0);
}

/** The most recent items of `list` (a suffix) whose JSON fits in `maxBytes`. */
export function recentWithin<T>(list: readonly T[], maxBytes: number): T[] {
  let room = maxBytes;
  let start = list.length;
  while (start > 0) {
    room -= itemBytes(list[start - 1]);
    if (room < 0) break;
    start--;
  }
  return list.slice(start);
}

/** One list that can give bytes back: its oldest items go first (`newestFirst`: its last ones). */
export interface Trimmable {
  items: unknown[];
  /** A slimmer stand-in for an item (kept in its place, so indices into the list hold); absent: removed. */
  slim?: (item: unknown) => unknown;
  newestFirst?: boolean;
}

/**
 * Trims `lists` in order until the items' JSON gave back at least `excess` bytes. Returns how
 * many items each list lost (an item already slim, that gives nothing back, is not counted).
 */
export function trimOldest(lists: readonly Trimmable[], excess: number): number[] {
  let left = excess;
  return lists.map(({ items, slim, newestFirst }) => {
    let trimmed = 0;
    for (let i = 0; left > 0 && items.length > 0 && i < items.length; ) {
      const at = newestFirst ? items.length - 1 - i : i;
      const before = itemBytes(items[at]);
      if (!slim) {
        items.splice(at, 1);
        left -= before;
        trimmed++;
        continue;
      }
      const after = slim(items[at]);
      const freed = before - itemBytes(after);
      i++;
      if (freed <= 0) continue;
      items[at] = after;
      left -= freed;
      trimmed++;
    }
    return trimmed;
  });
}

/** A copy of `page` whose lists can be trimmed without touching the original's. */
function copyPage(p: PageState): PageState {
  return {
    ...p,
    calls: [...p.calls],
    errors: [...p.errors],
    requests: [...p.requests],
    links: [...p.links],
    navigations: [...p.navigations],
    scripts: [...p.scripts],
    loaderRuns: [...p.loaderRuns],
    ...(p.addressChanges && { addressChanges: [...p.addressChanges] }),
  };
}

/** A tab's state as it is sent: with the CLI's `finish`, also the pages the tab left meanwhile. */
type Answer = TabState & { left?: LeftPage[] };

/** A copy of `tab` (and of the pages it left) whose lists can be trimmed. */
function copyLists<T extends Answer>(tab: T): T {
  const { history: h } = tab;
  return {
    ...tab,
    page: copyPage(tab.page),
    history: {
      ...h,
      transactionKeys: [...h.transactionKeys],
      signupKeys: [...h.signupKeys],
      ...(h.cookieHosts && { cookieHosts: [...h.cookieHosts] }),
    },
    findings: [...tab.findings],
    ...(tab.left && { left: tab.left.map((l) => ({ page: copyPage(l.page), findings: [...l.findings] })) }),
  };
}

/** What a trimmed call's arguments become: the call keeps its place (findings point at calls by index). */
export const TRIMMED = '[trimmed]';

const slimCall = (c: unknown): unknown => ({ ...(c as PoCall), args: [TRIMMED] });

/**
 * A page's lists in the order they give way, oldest items first: the page's own floods
 * (calls, errors, Partnero requests, links), then the rest. `slimCalls`: calls keep their place.
 */
function pageLists(page: PageState, slimCalls: boolean): Trimmable[] {
  return [
    { items: page.calls, ...(slimCalls && { slim: slimCall }) },
    { items: page.errors },
    { items: page.requests },
    { items: page.links },
    { items: page.navigations },
    { items: page.addressChanges ?? [] },
    { items: page.scripts },
    { items: page.loaderRuns },
  ];
}

/** What the tab remembers of earlier pages, oldest first. */
function historyLists({ history }: TabState): Trimmable[] {
  return [
    { items: history.transactionKeys },
    { items: history.signupKeys },
    { items: history.cookieHosts ?? [] },
  ];
}

/** Lists that give way together, and the record whose `dropped` counts what they lose. */
export interface TrimGroup {
  owner: { dropped?: number };
  lists: Trimmable[];
}

/**
 * Trims `groups`, in order, until `measure()` is within `budget` or nothing is left to trim;
 * each group's owner has what its lists lost added to its `dropped`.
 */
export function trimToBudget(groups: readonly TrimGroup[], budget: number, measure: () => number): void {
  for (let size = measure(); size > budget; size = measure()) {
    const counts = trimOldest(
      groups.flatMap((g) => g.lists),
      size - budget,
    );
    let at = 0;
    for (const g of groups)
      for (const _ of g.lists) {
        const n = counts[at++] ?? 0;
        if (n > 0) g.owner.dropped = (g.owner.dropped ?? 0) + n;
      }
    if (counts.every((n) => n === 0)) return;
  }
}

/**
 * A copy of `tab` trimmed to `budget` (the original is left alone; within budget, `tab`
 * itself), taking from the lists `order` names, after `prepare`.
 */
function fitCopy<T extends Answer>(
  tab: T,
  budget: number,
  order: (copy: T) => TrimGroup[],
  prepare: (copy: T) => T = (copy) => copy,
): T {
  if (jsonBytes(tab) <= budget) return tab;
  const copy = prepare(copyLists(tab));
  trimToBudget(order(copy), budget, () => jsonBytes(copy));
  return copy;
}

/** What `storage.session` keeps of a tab: its state, and whether its findings predate it. */
export type SavedTab = TabState & { stale?: true };

/**
 * The tab as it is saved within `budget`: first without its findings (marked stale, so the
 * first read computes them again), then without its oldest page data, counted as dropped.
 */
export function fitSaved(tab: SavedTab, budget = SAVED_BYTES): SavedTab {
  return fitCopy(
    tab,
    budget,
    (copy) => [{ owner: copy.page, lists: [...pageLists(copy.page, false), ...historyLists(copy)] }],
    (copy) => ({ ...copy, findings: [], stale: true }),
  );
}

/**
 * A tab's state as it is sent within `budget`, oldest data first: the pages it left, then its
 * own page (a call keeps its place, its arguments trimmed), then the last findings of each
 * (the least important: the engine puts root causes and errors first). Counted as dropped.
 */
export function fitAnswer<T extends Answer>(tab: T, budget = ANSWER_BYTES): T {
  return fitCopy(tab, budget, (copy) => {
    const pages = [...(copy.left ?? []), copy];
    return [
      ...pages.map(({ page }) => ({ owner: page, lists: pageLists(page, true) })),
      { owner: copy.page, lists: historyLists(copy) },
      ...pages.map(({ page, findings }) => ({
        owner: page,
        lists: [{ items: findings, newestFirst: true }],
      })),
    ];
  });
}

/** The part of `storage.session` a save needs (a fake one in tests). */
export interface SessionArea {
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * A refusal for lack of room. Chrome: "Session storage quota bytes exceeded. Values were not
 * stored."; Firefox (134+): a QuotaExceededError about the quota.
 */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown } | null;
  return /quota/i.test(`${e?.name ?? ''} ${e?.message ?? err}`);
}

/**
 * Saves `tab` under `key` within SAVED_BYTES; when the browser refuses it for lack of room
 * (other tabs fill the quota), saves it again trimmed harder, down to a sixteenth. Only this
 * tab's key is ever written: another tab's state is never removed to make room. Resolves to
 * whether a copy was stored (when none was, the tab's previous copy stays).
 */
export async function saveTab(area: SessionArea, key: string, tab: SavedTab): Promise<boolean> {
  for (const budget of [SAVED_BYTES, SAVED_BYTES / 4, SAVED_BYTES / 16]) {
    try {
      await area.set({ [key]: fitSaved(tab, budget) });
      return true;
    } catch (err) {
      if (!isQuotaError(err)) return false;
    }
  }
  return false;
}
