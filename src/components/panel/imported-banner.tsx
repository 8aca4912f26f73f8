/** Says loudly that what the panel shows is a file, not the inspected tab. */
import type { Report } from '../../report/schema';
import { plural } from '../../report/text';

export function ImportedBanner({ name, report, onClose }: { name: string; report: Report; onClose(): void }) {
  return (
    <div class="imported-banner" role="note" aria-label="Imported capture">
      <strong>Imported capture</strong>
      <span class="mono imported-meta">
        {name} · {report.browser} · {report.startedAt} · {plural(report.pages.length, 'page')} · read-only
      </span>
      <button type="button" class="btn btn-small" onClick={onClose}>
        Back to live
      </button>
    </div>
  );
}
