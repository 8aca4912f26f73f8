/**
 * The toolbar popup: the checked page, the verdict, a five-row checklist for the current
 * tab, and the actions that verify it. Browser APIs stay in the entrypoint.
 */
import type { ComponentChildren } from 'preact';
import { withReferral } from '../../detect/referral';
import type { PageState } from '../../model/types';
import { type ExportMeta, journeyReport } from '../../panel/export';
import type { TabSnapshot } from '../../protocol/messages';
import { checklist } from '../../report/checklist';
import { plural } from '../../report/text';
import { hasLoader } from '../../store/page';
import { ChecklistRow } from './checklist-row';
import { type Applicable, type PopupActions, Tools, VerifyControls } from './controls';
import { EmptyState } from './empty-state';
import { PageHeader, VerdictBanner } from './header';
import { reachOf, type TabInfo } from './page-reach';
import { partneroSeen, verdictOf } from './verdict';

export type { PopupActions } from './controls';
export type { TabInfo } from './page-reach';

/** Everything the popup shows, and what its buttons ask for. */
export interface PopupProps {
  /** The tab's state from the background; null until the first one arrives. */
  snap: TabSnapshot | null;
  /** The tab as the browser reports it; null until known. */
  tab: TabInfo | null;
  /** The site is opted in to "Always test links on this site". */
  optedIn: boolean;
  /** Who wrote the copied report (the panel's export carries the same). */
  meta: ExportMeta;
  /** How DevTools opens on this computer: `F12`, `⌥⌘I`. */
  devtoolsKeys: string;
  actions: PopupActions;
}

function Shell({ url, children }: { url: string; children: ComponentChildren }) {
  return (
    <main class="popup">
      <PageHeader url={url} />
      {children}
    </main>
  );
}

function applicableTo(page: PageState, seen: boolean): Applicable {
  const loader = hasLoader(page);
  const testLinks = seen && page.links.some((l) => l.kind === 'payment-link');
  return {
    testLinks,
    simulate: loader && withReferral(page, 'TEST') !== null,
    optIn: seen && (testLinks || loader),
  };
}

/** The JSON report of this page, the shape the panel exports and the CLI writes. */
function pageReport({ page, findings }: TabSnapshot, meta: ExportMeta): string {
  return JSON.stringify(journeyReport([{ n: 1, page, findings }], meta), null, 2);
}

function Inspect({ snap, optedIn, meta, devtoolsKeys, actions }: PopupProps & { snap: TabSnapshot }) {
  const rows = checklist(snap.page, snap.findings);
  const seen = partneroSeen(snap.findings, rows);
  return (
    <>
      <VerdictBanner verdict={verdictOf(snap, rows)} />
      <ul class={`checklist${seen ? '' : ' is-empty'}`} aria-label="Checks">
        {rows.map((row) => (
          <ChecklistRow key={row.id} row={row} links={snap.page.links} page={snap.findings} />
        ))}
      </ul>
      {snap.page.dropped > 0 && (
        <p class="dropped" role="note">
          {plural(snap.page.dropped, 'event')} not recorded: the page exceeded the inspector's caps, so this
          result may miss something.
        </p>
      )}
      <VerifyControls
        page={snap.page}
        applicable={applicableTo(snap.page, seen)}
        optedIn={optedIn}
        actions={actions}
      />
      <Tools report={() => pageReport(snap, meta)} keys={devtoolsKeys} actions={actions} />
    </>
  );
}

/**
 * The popup for one tab: a checklist with its verdict on a page it watches, else a neutral
 * note saying why there is nothing to check (a browser page, a store, no site access).
 */
export function Popup(props: PopupProps) {
  const { snap, tab, actions } = props;
  const reach = reachOf(tab, snap);
  const url = tab?.url || snap?.page.url || '';
  if (reach === null)
    return (
      <Shell url={url}>
        <p class="waiting">Waiting for this tab…</p>
      </Shell>
    );
  return (
    <Shell url={url}>
      {reach.kind === 'inspect' ? (
        <Inspect {...props} snap={reach.snap} />
      ) : (
        <EmptyState kind={reach.kind} actions={actions} />
      )}
    </Shell>
  );
}
