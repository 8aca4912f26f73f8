/**
 * Finds Payment Links and Stripe embeds in one frame's document, including ones added or
 * changed later and ones inside open shadow roots (web components, site builders), and keeps
 * one LinkRecord per element. A scan is a series of small steps (see slices.ts), linear in the
 * page: a page with 50,000 links is never frozen by it.
 */
import type { LinkKind, LinkRecord } from '../model/types';
import { cap, LIMITS } from './limits';
import { type ClickOutcome, describe, inherited, kindOf, likeness } from './link-record';
import { SelectorBuilder } from './selector';
import { findShadowRoots } from './shadow-roots';
import { drain, type Steps, sliced } from './slices';

const LINK_SELECTOR = 'a[href*="buy.stripe.com" i]';
const EMBED_SELECTOR = 'stripe-buy-button, stripe-pricing-table';
/** Payment Links and Stripe embeds in light DOM: what the bridge looks for at DOMContentLoaded. */
export const SELECTOR = `${LINK_SELECTOR}, ${EMBED_SELECTOR}`;
/** Elements handled between two points where a scan may pause. */
const STEP = 32;

/** A link the registry has not tracked before (or no longer tracks), as a scan met it. */
interface Fresh {
  el: Element;
  kind: LinkKind;
}

/** What one scan has found so far. */
interface Pass {
  late: boolean;
  at: number | undefined;
  initial: Set<Element> | null;
  changed: LinkRecord[];
  /** Ids of the records whose element the scan met. */
  present: Set<string>;
  fresh: Fresh[];
  /** Links found that the cap left out. */
  refused: number;
  selectors: SelectorBuilder;
}

/** The records whose element is gone, until another element takes their place. */
interface Gone {
  ids: Set<string>;
  /** Their ids by likeness (see `likeness`). */
  alike: Map<string, string[]>;
}

/** The Payment Links and Stripe embeds of one frame's document, one record per element. */
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
  /** The most links one scan found beyond the cap, and how many of them are not told yet. */
  private mostRefused = 0;
  private dropped = 0;

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
   * `none`: there were none then (noted by the caller, which started the registry later).
   */
  noteInitial(at?: number, none = false): void {
    this.initial = new Set(none ? [] : Array.from(this.doc.querySelectorAll(SELECTOR)));
    this.initialAt = at;
  }

  /**
   * Rescans the document and the shadow roots known so far; returns the records that are new
   * or changed. `deep` first walks the whole tree for shadow roots attached since (a walk
   * over every element: the caller keeps it out of the page's loading). `at` (performance
   * time of the DOM change that led to this scan) stamps the records of new elements.
   */
  scan(late: boolean, deep = true, at?: number): LinkRecord[] {
    return drain(this.steps(late, deep, at));
  }

  /** `scan` in slices, each in an idle moment of `win` (see slices.ts). */
  scanSliced(win: Window, late: boolean, deep = true, at?: number): Promise<LinkRecord[]> {
    return sliced(win, this.steps(late, deep, at));
  }

  /**
   * Links found beyond the cap since the last call (0 when none): counted as the growth of
   * the most one scan left out, so a list re-rendered again and again counts its links once.
   */
  /** Whether the page has shown a link or an embed: tracked ones, or one in the document now. */
  hasAny(): boolean {
    return this.records.size > 0 || this.doc.querySelector(SELECTOR) !== null;
  }

  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }

  /**
   * A scan: the records of links still there brought up to date, then the links not tracked
   * yet taken in (in place of removed ones like them first, the cap counting only current
   * links), then the rest reported removed.
   */
  private *steps(late: boolean, deep: boolean, at: number | undefined): Steps<LinkRecord[]> {
    if (deep) yield* findShadowRoots(this.doc, this.shadowRoots, this.onShadowRoot);
    const lists = this.candidates();
    const pass: Pass = {
      late,
      at,
      initial: this.initial,
      changed: [],
      present: new Set(),
      fresh: [],
      refused: 0,
      selectors: new SelectorBuilder(),
    };
    this.initial = null;
    let n = 0;
    for (const list of lists)
      for (const el of list) {
        // After a pause the page may have moved things: sibling positions are indexed anew.
        if (++n % STEP === 0 && (yield)) pass.selectors = new SelectorBuilder();
        this.follow(el, pass);
      }
    const gone = this.gone(pass.present);
    for (const [i, fresh] of pass.fresh.entries()) {
      if (gone.ids.size === 0 && this.records.size >= LIMITS.links) {
        pass.refused += pass.fresh.length - i;
        break;
      }
      if (++n % STEP === 0 && (yield)) pass.selectors = new SelectorBuilder();
      this.take(fresh, gone, pass);
    }
    this.forget(gone, pass.changed);
    if (pass.refused > this.mostRefused) this.dropped += pass.refused - this.mostRefused;
    this.mostRefused = Math.max(this.mostRefused, pass.refused);
    return pass.changed;
  }

  /** Every element of the document and of the shadow roots known so far that may be a link. */
  private candidates(): NodeListOf<Element>[] {
    const lists = [this.doc.querySelectorAll(SELECTOR)];
    for (const root of this.shadowRoots) {
      if (root.host.isConnected) lists.push(root.querySelectorAll(SELECTOR));
      else this.shadowRoots.delete(root);
    }
    return lists;
  }

  /** A tracked link met again gets its record brought up to date; any other link is fresh. */
  private follow(el: Element, pass: Pass): void {
    const kind = kindOf(el);
    if (!kind) return;
    const id = this.ids.get(el);
    const entry = id === undefined ? undefined : this.records.get(id);
    if (id === undefined || entry?.el !== el) {
      pass.fresh.push({ el, kind });
      return;
    }
    pass.present.add(id);
    this.record(el, kind, id, entry.rec, pass);
  }

  /** The records whose element the scan did not meet. */
  private gone(present: Set<string>): Gone {
    const gone: Gone = { ids: new Set(), alike: new Map() };
    for (const [id, { rec }] of this.records) {
      if (present.has(id)) continue;
      gone.ids.add(id);
      const key = likeness(rec.kind, rec.href);
      gone.alike.set(key, [...(gone.alike.get(key) ?? []), id]);
    }
    return gone;
  }

  /**
   * A fresh link takes the record of a removed one at the same place with the same href (a
   * list re-rendered: same id, nothing new to tell), else its old id or a new one while the
   * cap has room for current links; else it is refused.
   */
  private take({ el, kind }: Fresh, gone: Gone, pass: Pass): void {
    // Gone already since the scan began (it paused meanwhile): the next scan tells of it.
    if (!el.isConnected) return;
    const href = kind === 'payment-link' ? cap((el as HTMLAnchorElement).href) : null;
    const alike = gone.alike.get(likeness(kind, href));
    const selector = alike ? this.selectorOf(el, pass) : '';
    const heir = alike?.find((id) => this.records.get(id)?.rec.selector === selector);
    if (heir !== undefined) {
      gone.ids.delete(heir);
      alike?.splice(alike.indexOf(heir), 1);
      this.adopt(el, kind, heir, pass, this.records.get(heir)?.rec);
    } else if (this.records.size - gone.ids.size >= LIMITS.links) pass.refused++;
    else {
      const known = this.ids.get(el);
      this.adopt(el, kind, known && !this.records.has(known) ? known : `${this.prefix}${++this.seq}`, pass);
    }
  }

  /** Tracks `el` under `id`, in place of the link `told` was last reported of (if any). */
  private adopt(el: Element, kind: LinkKind, id: string, pass: Pass, told?: LinkRecord): void {
    this.ids.set(el, id);
    pass.present.add(id);
    this.record(el, kind, id, told && inherited(told), pass, told);
  }

  /** The selector of a link, computed once per element. */
  private selectorOf(el: Element, pass: Pass): string {
    let selector = this.selectors.get(el);
    if (selector === undefined) {
      selector = cap(pass.selectors.of(el), LIMITS.label);
      this.selectors.set(el, selector);
    }
    return selector;
  }

  /**
   * Describes `el` under `id`, from `prev` (what its record knew so far); a record that is new
   * or differs from `told` (what was last reported under `id`) counts as changed.
   */
  private record(
    el: Element,
    kind: LinkKind,
    id: string,
    prev: LinkRecord | undefined,
    pass: Pass,
    told = prev,
  ): void {
    const initial = pass.initial;
    const addedLate = initial && el.getRootNode() === this.doc ? !initial.has(el) : pass.late;
    const next = describe(el, kind, id, this.frame, this.selectorOf(el, pass), prev, addedLate);
    const seenAt = prev?.seenAt ?? (initial?.has(el) ? (this.initialAt ?? pass.at) : pass.at);
    if (seenAt !== undefined) next.seenAt = seenAt;
    if (!told || JSON.stringify(told) !== JSON.stringify(next)) pass.changed.push(next);
    this.records.set(id, { el, rec: next });
  }

  /** Removed links no other element took the place of: reported once as removed, then forgotten. */
  private forget(gone: Gone, changed: LinkRecord[]): void {
    for (const id of gone.ids) {
      const entry = this.records.get(id);
      // Forgotten, so a list re-rendered with new links never fills the cap with old ones.
      if (entry) changed.push({ ...entry.rec, removed: true });
      this.records.delete(id);
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

/** Records the outcome of a click on a tracked link; returns the updated record. */
export function markClicked(registry: LinkRegistry, id: string, click: ClickOutcome): LinkRecord | undefined {
  const entry = registry.get(id);
  if (!entry) return undefined;
  entry.rec = { ...entry.rec, ...click };
  return entry.rec;
}
