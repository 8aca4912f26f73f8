/** Reveal a link in the page and re-run its click test: only on the live page, saying why not. */
import type { LinkRecord } from '../../model/types';
import type { PanelActions } from './view-context';

/** Reveal and Test click for one link, disabled with the reason on hover when the page is out of reach. */
export function LinkActions({
  link,
  unreachable,
  actions,
}: {
  link: LinkRecord;
  /** Why the page cannot be reached (an earlier page, an import); null on the live page. */
  unreachable: string | null;
  actions: PanelActions;
}) {
  const why = unreachable ?? (link.removed ? 'This link is no longer in the page' : null);
  // A disabled button gets no hover in every browser: the reason sits on its wrapper too.
  return (
    <span class="link-actions" title={why ?? undefined}>
      <button
        type="button"
        class="btn btn-small"
        disabled={why !== null}
        title={why ?? 'Scroll the page to this element and outline it'}
        onClick={() => actions.reveal(link.id)}
      >
        Reveal
      </button>
      {link.kind === 'payment-link' && (
        <button
          type="button"
          class="btn btn-small"
          disabled={why !== null}
          title={why ?? 'Click this link with navigation stopped, to see what the page adds to it'}
          onClick={() => actions.clickTest(link.id)}
        >
          Test click
        </button>
      )}
    </span>
  );
}
