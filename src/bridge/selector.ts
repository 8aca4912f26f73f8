/** A short CSS selector that finds `el` again in its document (for reveal and reports). */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && parts.length < 5) {
    const id = node.getAttribute('id');
    if (
      id &&
      /^[A-Za-z][\w-]{0,60}$/.test(id) &&
      node.ownerDocument.querySelectorAll(`#${id}`).length === 1
    ) {
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
    node = parent;
  }
  return parts.join(' > ');
}
