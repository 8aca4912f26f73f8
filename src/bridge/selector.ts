/**
 * A CSS selector that finds `el` again in its document (for reveal and reports): the path
 * from the nearest ancestor with a unique id (or the root), with `:nth-of-type` wherever a
 * parent has several children of that tag. Unique by construction, so it never has to query
 * the document to check — this runs for every Payment Link while the page loads.
 * Inside a shadow root the path starts at the root, after its host's selector and `>>>`
 * (Puppeteer's deep combinator): `pricing-card >>> a`.
 */
const MAX_DEPTH = 16;
const MAX_SHADOW_DEPTH = 8;
/** Ids used as they are: a plain CSS identifier, so `#id` needs no escaping. */
const PLAIN_ID = /^[A-Za-z][\w-]{0,60}$/;

/** The tree an element lives in: a document or a shadow root (both can look up ids). */
type Root = Document | ShadowRoot;

/** Where each child of one parent stands among the children of its tag. */
interface SiblingIndex {
  /** 1-based position among the parent's children of the same tag. */
  nth: Map<Element, number>;
  /** How many of the parent's children have each tag. */
  count: Map<string, number>;
}

/**
 * Selectors for many elements of one unchanged page: each parent's children are indexed on
 * first use, in one pass, so 50,000 links in one container cost one walk over it rather than
 * one per link (a copy of the children per link froze such pages for seconds). The index goes
 * stale when the page changes: use a new builder after anything may have changed.
 */
export class SelectorBuilder {
  private readonly indexes = new Map<ParentNode, SiblingIndex>();
  /** Per element met on a path: `#id` when its id is plain and unique in its tree, else null. */
  private readonly anchors = new Map<Element, string | null>();

  /** The selector of `el` (see the top of this file). */
  of(el: Element, shadowDepth = 0): string {
    const root = el.getRootNode() as Root;
    const path = this.pathIn(el, root);
    const host = 'host' in root ? root.host : null;
    if (!host || shadowDepth >= MAX_SHADOW_DEPTH) return path;
    return `${this.of(host, shadowDepth + 1)} >>> ${path}`;
  }

  private pathIn(el: Element, root: Root): string {
    const parts: string[] = [];
    let node: Element | null = el;
    while (node && parts.length < MAX_DEPTH) {
      const anchor = this.anchorOf(node, root);
      if (anchor) {
        parts.unshift(anchor);
        break;
      }
      const parent: Element | null = node.parentElement;
      // The top of the tree: <html> under the document, or the elements right under a shadow root.
      const container: ParentNode | null = parent ?? (node.parentNode as ParentNode | null);
      if (!container) {
        parts.unshift(node.localName);
        break;
      }
      parts.unshift(this.step(node, container));
      node = parent;
    }
    return parts.join(' > ');
  }

  /** `#id` when `node`'s id finds it and nothing else in its tree (page builders repeat ids). */
  private anchorOf(node: Element, root: Root): string | null {
    let anchor = this.anchors.get(node);
    if (anchor !== undefined) return anchor;
    const id = node.getAttribute('id');
    // `#id` is answered from the tree's id map: no walk over the page per id.
    const unique =
      id !== null &&
      PLAIN_ID.test(id) &&
      root.getElementById(id) === node &&
      root.querySelectorAll(`#${id}`).length === 1;
    anchor = unique ? `#${id}` : null;
    this.anchors.set(node, anchor);
    return anchor;
  }

  /** `tag`, or `tag:nth-of-type(n)` when `container` has other children of that tag. */
  private step(node: Element, container: ParentNode): string {
    let index = this.indexes.get(container);
    if (!index) {
      index = indexChildren(container);
      this.indexes.set(container, index);
    }
    const tag = node.localName;
    return (index.count.get(tag) ?? 0) > 1 ? `${tag}:nth-of-type(${index.nth.get(node)})` : tag;
  }
}

/** One pass over `container`'s children: each one's position among those of its tag. */
function indexChildren(container: ParentNode): SiblingIndex {
  const nth = new Map<Element, number>();
  const count = new Map<string, number>();
  for (let c = container.firstElementChild; c; c = c.nextElementSibling) {
    const n = (count.get(c.localName) ?? 0) + 1;
    count.set(c.localName, n);
    nth.set(c, n);
  }
  return { nth, count };
}

/** The selector of one element on its own (a scan uses one SelectorBuilder for all its links). */
export function selectorOf(el: Element): string {
  return new SelectorBuilder().of(el);
}
