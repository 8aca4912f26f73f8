/**
 * A CSS selector that finds `el` again in its document (for reveal and reports): the path
 * from the nearest ancestor with a unique id (or the root), with `:nth-of-type` wherever a
 * parent has several children of that tag. Unique by construction, so it never has to query
 * the document to check — this runs for every Payment Link while the page loads.
 */
const MAX_DEPTH = 16;

export function selectorOf(el: Element): string {
  const doc = el.ownerDocument;
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
    if (!parent) {
      parts.unshift(tag);
      break;
    }
    let index = 0;
    let count = 0;
    for (const c of Array.from(parent.children)) {
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
function hasTwin(doc: Document, id: string): boolean {
  return doc.querySelectorAll(`[id="${id}"]`).length > 1;
}
