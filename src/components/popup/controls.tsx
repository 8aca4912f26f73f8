/** The popup's buttons: what verifies the page (links, a referred visit) and what takes it further. */
import type { PageState } from '../../model/types';
import { CopyButton } from '../panel/copy-button';

/** What the popup's buttons ask the browser to do; the entrypoint wires them. */
export interface PopupActions {
  testLinks(): void;
  simulateReferral(): void;
  setSiteOptIn(enabled: boolean): void;
  /** Opens the panel's page for this tab in a browser tab. */
  openPanel(): void;
  /** Reloads the tab (a page open since before the extension started). */
  reload(): void;
  /** Asks the user to let the extension read this site, then reloads the tab. */
  allowSite(): void;
}

/** Which verifying controls apply to the page; a control that does not apply is not shown. */
export interface Applicable {
  testLinks: boolean;
  simulate: boolean;
  optIn: boolean;
}

/** Test links, Simulate a referred visit, Always test links on this site — each only where it applies. */
export function VerifyControls({
  page,
  applicable,
  optedIn,
  actions,
}: {
  page: PageState;
  applicable: Applicable;
  optedIn: boolean;
  actions: PopupActions;
}) {
  if (!applicable.testLinks && !applicable.simulate && !applicable.optIn) return null;
  const testing = page.clickTest === 'running';
  return (
    <section class="actions" aria-label="Verify">
      <div class="buttons">
        {applicable.testLinks && (
          <button type="button" class="primary" onClick={actions.testLinks} disabled={testing}>
            {testing ? 'Testing links…' : 'Test links'}
          </button>
        )}
        {applicable.simulate && (
          <button type="button" onClick={actions.simulateReferral}>
            Simulate a referred visit
          </button>
        )}
      </div>
      {applicable.optIn && (
        <label class="opt-in">
          <input
            type="checkbox"
            checked={optedIn}
            onChange={(e) => actions.setSiteOptIn((e.currentTarget as HTMLInputElement).checked)}
          />
          Always test links on this site
        </label>
      )}
      {applicable.testLinks && (
        <p class="hint">
          Test links clicks each Payment Link with navigation stopped, so the page's own helper runs.
        </p>
      )}
    </section>
  );
}

/**
 * Copy report (the page's JSON report, as the panel exports it) and Open panel. DevTools
 * panels cannot be opened by an extension: the button opens the panel's page in a tab, and
 * the hint says where the panel lives in DevTools (`keys`: how DevTools opens here).
 */
export function Tools({
  report,
  keys,
  actions,
}: {
  report: () => string;
  keys: string;
  actions: PopupActions;
}) {
  return (
    <footer class="tools">
      <CopyButton text={report} label="Copy report" />
      <button
        type="button"
        onClick={actions.openPanel}
        title="Opens the Partnero panel for this tab in a new tab"
      >
        Open panel
      </button>
      <span
        class="hint"
        title="In DevTools, the Partnero tab also records the response bodies of tracking calls."
      >
        or <kbd>{keys}</kbd> → Partnero tab
      </span>
    </footer>
  );
}
