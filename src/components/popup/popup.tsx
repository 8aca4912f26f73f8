/** The toolbar popup: a five-row checklist for the current tab, with the actions that verify it. */
import { useState } from 'preact/hooks';
import type { TabSnapshot } from '../../protocol/messages';
import { type ChecklistItem, checklist } from '../../report/checklist';
import { MARKS } from '../../report/marks';
import { plural } from '../../report/text';
import { summarize } from '../../rules';
import { FindingList } from '../shared/finding-list';

export interface PopupActions {
  testLinks(): void;
  simulateReferral(): void;
  setSiteOptIn(enabled: boolean): void;
}

export function Popup({
  snap,
  optedIn,
  actions,
}: {
  snap: TabSnapshot | null;
  optedIn: boolean;
  actions: PopupActions;
}) {
  if (!snap)
    return (
      <main class="popup">
        <p class="muted">Waiting for this tab…</p>
      </main>
    );
  const rows = checklist(snap.page, snap.findings);
  const { errors, warnings } = summarize(snap.findings);
  const noPartnero = snap.findings.length === 0 && rows.every((r) => r.status === 'none');
  const hasLinks = snap.page.links.some((l) => l.kind === 'payment-link');
  return (
    <main class="popup">
      <header class="summary">
        <h1>Partnero Inspector</h1>
        <p
          class={`verdict ${errors ? 'sev-error' : warnings ? 'sev-warning' : 'sev-ok'}`}
          data-testid="verdict"
        >
          {noPartnero
            ? 'No Partnero tracking on this page.'
            : errors || warnings
              ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
              : snap.page.watchEnded
                ? 'All checks passed.'
                : 'Watching the page…'}
        </p>
      </header>
      <ul class="checklist">
        {rows.map((row) => (
          <Row key={row.id} row={row} />
        ))}
      </ul>
      <footer class="actions">
        <button
          type="button"
          onClick={actions.testLinks}
          disabled={!hasLinks || snap.page.clickTest === 'running'}
        >
          {snap.page.clickTest === 'running' ? 'Testing links…' : 'Test links'}
        </button>
        <button type="button" onClick={actions.simulateReferral}>
          Simulate a referred visit
        </button>
        <label class="opt-in">
          <input
            type="checkbox"
            checked={optedIn}
            onChange={(e) => actions.setSiteOptIn((e.currentTarget as HTMLInputElement).checked)}
          />
          Always test links on this site
        </label>
        <p class="hint muted">
          Testing clicks each Payment Link with navigation stopped, so the page's own helper runs.
        </p>
      </footer>
    </main>
  );
}

function Row({ row }: { row: ChecklistItem }) {
  const [open, setOpen] = useState(row.status === 'error');
  const expandable = row.findings.length > 0;
  return (
    <li class={`row status-${row.status}`} data-row={row.id}>
      <button
        type="button"
        class="row-head"
        aria-expanded={expandable ? open : undefined}
        onClick={() => expandable && setOpen(!open)}
      >
        <span class="row-icon" role="img" aria-label={MARKS[row.status].words}>
          {MARKS[row.status].symbol}
        </span>
        <span class="row-label">{row.label}</span>
        <span class="row-detail">{row.detail}</span>
      </button>
      {open && <FindingList findings={row.findings} />}
    </li>
  );
}
