/** Reveal a link in the page and re-run its click test: only on the live page. */
import type { LinkRecord } from '../../model/types';
import type { PanelActions } from './view-context';

export function LinkActions({
  link,
  live,
  actions,
}: {
  link: LinkRecord;
  live: boolean;
  actions: PanelActions;
}) {
  const usable = live && !link.removed;
  const why = live
    ? link.removed
      ? 'The element is no longer in the page'
      : undefined
    : 'Only on the live page';
  return (
    <span class="link-actions">
      <button
        type="button"
        class="btn btn-small"
        disabled={!usable}
        title={why}
        onClick={() => actions.reveal(link.id)}
      >
        Reveal
      </button>
      {link.kind === 'payment-link' && (
        <button
          type="button"
          class="btn btn-small"
          disabled={!usable}
          title={why}
          onClick={() => actions.clickTest(link.id)}
        >
          Test click
        </button>
      )}
    </span>
  );
}
