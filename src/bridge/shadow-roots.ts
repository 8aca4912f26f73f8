/**
 * The search for open shadow roots (web components, site builders): links inside them are
 * invisible to `document.querySelectorAll`, so the bridge looks inside each root it finds.
 */
import type { Steps } from './slices';

/** Elements looked at per search: bounds the cost on huge pages. */
const MAX_WALK = 50_000;
const MAX_SHADOW_ROOTS = 500;
/** Elements walked between two points where the search may pause. */
const STEP = 64;

/**
 * Walks `doc`, and every open shadow root inside it, adding the roots not in `known` yet
 * (up to MAX_SHADOW_ROOTS) and telling each to `found`. A walk resumed after a pause goes on
 * from where it was: a tree walker follows the page's changes.
 */
export function* findShadowRoots(
  doc: Document,
  known: Set<ShadowRoot>,
  found: (root: ShadowRoot) => void,
): Steps<void> {
  const trees: (Document | ShadowRoot)[] = [doc];
  let walked = 0;
  for (let i = 0; i < trees.length && walked < MAX_WALK; i++) {
    const walker = doc.createTreeWalker(trees[i] as Node, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let node = walker.nextNode(); node && walked < MAX_WALK; node = walker.nextNode()) {
      if (++walked % STEP === 0) yield;
      const root = (node as Element).shadowRoot;
      if (!root) continue;
      trees.push(root);
      if (known.has(root) || known.size >= MAX_SHADOW_ROOTS) continue;
      known.add(root);
      found(root);
    }
  }
}
