/**
 * A value too long for its line (a page address, a Payment Link), shortened in the middle so
 * its end stays readable (`buy.stripe.com/test_4gw…9bZ002`). The whole value shows on hover,
 * and is what a copy of it puts on the clipboard.
 */
import type { TargetedClipboardEvent } from 'preact';
import './middle-ellipsis.css';

/** The selection lies inside `el` only (copying part of a longer passage stays as it is). */
function selectionWithin(el: Element): boolean {
  const selection = el.ownerDocument.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false;
  const range = selection.getRangeAt(0);
  return el.contains(range.startContainer) && el.contains(range.endContainer);
}

function copyFull(full: string): (e: TargetedClipboardEvent<HTMLSpanElement>) => void {
  return (e) => {
    if (!e.clipboardData || !selectionWithin(e.currentTarget)) return;
    e.clipboardData.setData('text/plain', full);
    e.preventDefault();
  };
}

/**
 * `text` as shown, its last `keep` characters never cut; `full` (default `text`) on hover
 * and on copy. CSS does the cutting, so the value uses whatever width the popup has.
 */
export function MiddleEllipsis({ text, keep, full = text }: { text: string; keep: number; full?: string }) {
  const chars = Array.from(text);
  const cut = Math.max(0, chars.length - keep);
  return (
    <span class="mid" title={full} onCopy={copyFull(full)}>
      <span class="mid-head">{chars.slice(0, cut).join('')}</span>
      <span class="mid-tail">{chars.slice(cut).join('')}</span>
    </span>
  );
}
