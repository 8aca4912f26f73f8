/**
 * A short CSS selector that finds `el` again in its document (for reveal and reports). It
 * climbs to the nearest unique id (readable, survives re-renders); without one within a few
 * steps, it stops as soon as the selector matches this element alone.
 */
const MAX_DEPTH = 12;
const ID_REACH = 5;

export function selectorOf(el: Element): string {
  const doc = el.ownerDocument;
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && parts.length < MAX_DEPTH) {
    const id = node.getAttribute('id');
    if (id && /^[A-Za-z][\w-]{0,60}$/.test(id) && doc.querySelectorAll(`#${id}`).length === 1) {
      parts.unshift(`#${id}`);
      break;
    }
    const tag = node.localName;
    const parent: Element | null = node.parentElement;
    if (!parent) {
      parts.unshift(tag);
      break;
    }
    const same = Array.from(parent.children).filter((c) => c.localName === tag);
    parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
    if (parts.length >= ID_REACH && unique(doc, parts)) break;
    node = parent;
  }
  return parts.join(' > ');
}

function unique(doc: Document, parts: string[]): boolean {
  try {
    return doc.querySelectorAll(parts.join(' > ')).length === 1;
  } catch {
    return false;
  }
}
