/**
 * Finds Payment Links and Stripe embeds in one frame's document, including ones added or
 * changed later and ones inside open shadow roots (web components, site builders), and keeps
 * one LinkRecord per element.
 */
import { clientReferenceIdOf, isPaymentLink } from '../detect/stripe';
import type { LinkKind, LinkRecord } from '../model/types';
import { cap, LIMITS } from './limits';
import { selectorOf } from './selector';

const LINK_SELECTOR = 'a[href*="buy.stripe.com" i]';
const EMBED_SELECTOR = 'stripe-buy-button, stripe-pricing-table';
const SELECTOR = `${LINK_SELECTOR}, ${EMBED_SELECTOR}`;
/** Elements looked at per search for shadow roots: bounds the cost on huge pages. */
const MAX_WALK = 50_000;
const MAX_SHADOW_ROOTS = 500;

export class LinkRegistry {
  private readonly ids = new WeakMap<Element, string>();
  /** Selectors are computed once per element: rescans happen on every DOM change. */
  private readonly selectors = new WeakMap<Element, string>();
  private readonly records = new Map<string, { el: Element; rec: LinkRecord }>();
  private seq = 0;
  /** Ids are unique across the frames of a page: `t1…` in the top frame, `f<random>-1…` elsewhere. */
  private readonly prefix: string;
  /** Open shadow roots found so far; each scan also looks inside them. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** Elements present at DOMContentLoaded, until the first scan has used them. */
  private initial: Set<Element> | null = null;
  /** performance.now() at DOMContentLoaded: when the links parsed with the page were there. */
  private initialAt: number | undefined;

  constructor(
    private readonly frame: string,
    private readonly doc: Document,
    /** Called once for each shadow root found (to watch it for changes). */
    private readonly onShadowRoot: (root: ShadowRoot) => void = () => undefined,
  ) {
    this.prefix = frame === 'top' ? 't' : `f${Math.random().toString(36).slice(2, 7)}-`;
  }

  /**
   * Notes which links and embeds the document has at DOMContentLoaded — a native query and
   * nothing else, cheap enough while the page loads — so a first scan made later still
   * tells the links a helper at the end of <body> could have bound from those it could not.
   */
  noteInitial(at?: number): void {
    this.initial = new Set(Array.from(this.doc.querySelectorAll(SELECTOR)));
    this.initialAt = at;
  }

  /**
   * Rescans the document and the shadow roots known so far; returns the records that are new
   * or changed. `deep` first walks the whole tree for shadow roots attached since (a walk
   * over every element: the caller keeps it out of the page's loading). `at` (performance
   * time of the DOM change that led to this scan) stamps the records of new elements.
   */
  scan(late: boolean, deep = true, at?: number): LinkRecord[] {
    if (deep) this.findShadowRoots();
    const found = Array.from(this.doc.querySelectorAll(SELECTOR));
    for (const root of this.shadowRoots) {
      if (root.host.isConnected) found.push(...Array.from(root.querySelectorAll(SELECTOR)));
      else this.shadowRoots.delete(root);
    }
    const changed: LinkRecord[] = [];
    const present = new Set<string>();
    const initial = this.initial;
    this.initial = null;
    for (const el of found) {
      const kind = kindOf(el);
      if (!kind) continue;
      let id = this.ids.get(el);
      if (!id) {
        if (this.records.size >= LIMITS.links) continue;
        id = `${this.prefix}${++this.seq}`;
        this.ids.set(el, id);
      }
      present.add(id);
      let selector = this.selectors.get(el);
      if (selector === undefined) {
        selector = cap(selectorOf(el), LIMITS.label);
        this.selectors.set(el, selector);
      }
      const addedLate = initial && el.getRootNode() === this.doc ? !initial.has(el) : late;
      const prev = this.records.get(id)?.rec;
      const next = describe(el, kind, id, this.frame, selector, prev, addedLate);
      const seenAt = prev?.seenAt ?? (initial?.has(el) ? (this.initialAt ?? at) : at);
      if (seenAt !== undefined) next.seenAt = seenAt;
      if (!prev || JSON.stringify(prev) !== JSON.stringify(next)) changed.push(next);
      this.records.set(id, { el, rec: next });
    }
    for (const [id, entry] of this.records) {
      if (present.has(id)) continue;
      // Reported once as removed, then forgotten: re-rendered buttons must not fill the cap.
      changed.push({ ...entry.rec, removed: true });
      this.records.delete(id);
    }
    return changed;
  }

  /** Walks the document, and every open shadow root inside it, for open shadow roots. */
  private findShadowRoots(): void {
    const trees: (Document | ShadowRoot)[] = [this.doc];
    let walked = 0;
    for (let i = 0; i < trees.length && walked < MAX_WALK; i++) {
      const walker = this.doc.createTreeWalker(trees[i] as Node, 1 /* NodeFilter.SHOW_ELEMENT */);
      for (let node = walker.nextNode(); node && walked < MAX_WALK; node = walker.nextNode()) {
        walked++;
        const root = (node as Element).shadowRoot;
        if (!root) continue;
        trees.push(root);
        if (this.shadowRoots.has(root) || this.shadowRoots.size >= MAX_SHADOW_ROOTS) continue;
        this.shadowRoots.add(root);
        this.onShadowRoot(root);
      }
    }
  }

  /** The Payment Link element and record for an id, if still in the page. */
  get(id: string): { el: Element; rec: LinkRecord } | undefined {
    return this.records.get(id);
  }

  /** Id of a tracked element (after a scan). */
  idOf(el: Element): string | undefined {
    return this.ids.get(el);
  }

  /** Every tracked Payment Link still in the document. */
  paymentLinks(): { el: HTMLAnchorElement; rec: LinkRecord }[] {
    return [...this.records.values()].filter(
      (e): e is { el: HTMLAnchorElement; rec: LinkRecord } => e.rec.kind === 'payment-link' && !e.rec.removed,
    );
  }
}

function kindOf(el: Element): LinkKind | null {
  if (el.localName === 'a') return isPaymentLink((el as HTMLAnchorElement).href) ? 'payment-link' : null;
  if (el.localName === 'stripe-buy-button') return 'buy-button';
  if (el.localName === 'stripe-pricing-table') return 'pricing-table';
  return null;
}

function describe(
  el: Element,
  kind: LinkKind,
  id: string,
  frame: string,
  selector: string,
  prev: LinkRecord | undefined,
  late: boolean,
): LinkRecord {
  // The id is read from the full href: a long link must not lose it to the cap.
  const fullHref = kind === 'payment-link' ? (el as HTMLAnchorElement).href : null;
  const href = fullHref === null ? null : cap(fullHref);
  const crid = fullHref !== null ? clientReferenceIdOf(fullHref) : el.getAttribute('client-reference-id');
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const label =
    kind === 'payment-link'
      ? text
      : (el.getAttribute('buy-button-id') ?? el.getAttribute('pricing-table-id') ?? '');
  return {
    ...prev,
    id,
    kind,
    frame,
    selector,
    text: cap(label, LIMITS.label),
    // Once clicked, `href` and `clientReferenceId` keep what the link carried before the
    // page's handlers ran (the click's outcome is in `hrefAfterClick` / `afterClick`).
    href: prev?.afterClick !== undefined ? prev.href : href,
    clientReferenceId:
      prev?.afterClick !== undefined ? prev.clientReferenceId : crid === null ? null : cap(crid),
    addedLate: prev ? prev.addedLate : late,
    ...(el.getRootNode() !== el.ownerDocument && { inShadowRoot: true }),
    removed: undefined,
  };
}

/** Records the outcome of a click on a tracked link; returns the updated record. */
export function markClicked(
  registry: LinkRegistry,
  id: string,
  click: Pick<
    LinkRecord,
    'afterClick' | 'hrefAfterClick' | 'clickedBy' | 'probe' | 'afterClickNoCookie' | 'hrefAfterClickNoCookie'
  >,
): LinkRecord | undefined {
  const entry = registry.get(id);
  if (!entry) return undefined;
  entry.rec = { ...entry.rec, ...click };
  return entry.rec;
}
