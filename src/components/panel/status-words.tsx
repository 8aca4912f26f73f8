/** A link's status as the Links tab and the details say it. */
import type { LinkStatus } from '../../panel/link-status';
import { Mark } from '../shared/mark';

/** The status of a link: mark, words, and the findings' sentences as hover text. */
export function StatusWords({ status }: { status: LinkStatus }) {
  return (
    <span
      class={`status tone-${status.mark}`}
      title={status.findings.map((f) => f.message).join('\n') || undefined}
    >
      <Mark kind={status.mark} />
      <span class="status-words">{status.words}</span>
    </span>
  );
}
