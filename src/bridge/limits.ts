/** Caps on what one frame may send: the page controls these inputs and may flood them. */
export const LIMITS = {
  /** Characters of any single string kept from the page. */
  string: 2000,
  /** Characters of link text and selectors. */
  label: 120,
  /** Serialized size of one call's arguments. */
  callBytes: 32_000,
  /** Hook events accepted in one batch. */
  batch: 500,
  /** Links reported per frame. */
  links: 500,
  /** Events waiting to be sent (between two flushes). */
  pending: 2000,
  /** Characters of hook batches waiting to be validated (while the page loads). */
  pendingChars: 4_000_000,
  /** Events a document keeps to replay after the back/forward cache, and their rough size. */
  replay: 5000,
  replayChars: 4_000_000,
} as const;

/** Caps `s` at `max` characters, marking the cut. */
export function cap(s: string, max: number = LIMITS.string): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
