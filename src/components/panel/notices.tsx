/** One-line notices under the tabs: dropped events, pages the extension capped, import errors. */
import type { LogState } from '../../panel/events';
import { EVENT_CAP } from '../../panel/events';
import { plural } from '../../report/text';

export function Notices({
  log,
  importError,
  onDismiss,
}: {
  log: LogState;
  importError: string | null;
  onDismiss(): void;
}) {
  const capped = log.pages.reduce((n, p) => n + p.page.dropped, 0);
  return (
    <>
      {importError && (
        <div class="notice notice-error" role="alert">
          <span>{importError}</span>
          <button type="button" class="btn btn-small" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
      {log.dropped > 0 && (
        <div class="notice" role="status">
          {log.dropped.toLocaleString('en')} older events dropped: the log keeps the last{' '}
          {EVENT_CAP.toLocaleString('en')}.
        </div>
      )}
      {log.droppedPages > 0 && (
        <div class="notice" role="status">
          {plural(log.droppedPages, 'earlier page')} of the journey no longer kept (export keeps the last 50).
        </div>
      )}
      {capped > 0 && (
        <div class="notice" role="status">
          The page sent more than the extension records: {plural(capped, 'event')} not recorded.
        </div>
      )}
    </>
  );
}
