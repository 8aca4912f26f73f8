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

/** The tree an element lives in: a document or a shadow root (both can look up ids). */
type Root = Document | ShadowRoot;

export function selectorOf(el: Element, shadowDepth = 0): string {
  const root = el.getRootNode() as Root;
  const path = pathIn(el, root);
  const host = 'host' in root ? root.host : null;
  if (!host || shadowDepth >= MAX_SHADOW_DEPTH) return path;
  return `${selectorOf(host, shadowDepth + 1)} >>> ${path}`;
}

function pathIn(el: Element, doc: Root): string {
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && parts.length < MAX_DEPTH) {
    const id = node.getAttribute('id');
    if (id && /^[A-Za-z][\w-]{0,60}$/.test(id) && doc.getElementById(id) === node && !hasTwin(doc, id)) {
      parts.unshift(`#${id}`);
      break;
    }
    const tag = node.localName;
    const parent: Element | null = node.parentElement;
    // The top of the tree: <html> under the document, or the elements right under a shadow root.
    const container: ParentNode | null = parent ?? (node.parentNode as ParentNode | null);
    if (!container) {
      parts.unshift(tag);
      break;
    }
    let index = 0;
    let count = 0;
    for (const c of Array.from(container.children)) {
      if (c.localName !== tag) continue;
      count++;
      if (c === node) index = count;
    }
    parts.unshift(count > 1 ? `${tag}:nth-of-type(${index})` : tag);
    node = parent;
  }
  return parts.join(' > ');
}

/** A second element with the same id (invalid HTML, common in page builders). */
function hasTwin(doc: Root, id: string): boolean {
  return doc.querySelectorAll(`[id="${id}"]`).length > 1;
}
