/**
 * The "Partnero" DevTools panel: the live integration log of the inspected tab (or an
 * imported capture), with a toolbar, tabs and one view per tab. Browser APIs stay in the
 * entrypoint; this component gets a snapshot source and callbacks.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Severity } from '../../model/types';
import type { JourneyPage } from '../../panel/events';
import type { ExportMeta } from '../../panel/export';
import { ALL_SEVERITIES, parseQuery, type SeverityToggles } from '../../panel/filter';
import { STALL_MS, watchState } from '../../panel/watch';
import { summarize } from '../../report/severity';
import { ImportedBanner } from './imported-banner';
import { Notices } from './notices';
import { PageActions } from './page-actions';
import { TabBar } from './tab-bar';
import { Toolbar } from './toolbar';
import { download, type SnapshotSource, usePanelState } from './use-panel-state';
import type { PanelActions, ViewContext } from './view-context';
import { ActiveView, type Selection, type TabId, tabInfos } from './views';

export interface PanelProps {
  /** Snapshots of the inspected tab; null when there is no tab (only imports can be shown). */
  source: SnapshotSource | null;
  meta: ExportMeta;
  actions: PanelActions;
  initialPreserve?: boolean;
  onPreserveChange?(preserve: boolean): void;
  /** Epoch ms (tests fix it). */
  now?: () => number;
  /** Where an export goes; a download by default. */
  save?(name: string, json: string): void;
  initialTab?: TabId;
}

const NO_SELECTION: Selection = { timeline: null, network: null };

/**
 * Renders again when the live page's watch has run so long that it may never end, so the
 * views stop saying "still watching" without waiting for the next snapshot.
 */
function useStallTimer(live: JourneyPage | undefined, now: () => number): void {
  const [, setTick] = useState(0);
  const waiting = live && watchState(live.page, now()) === 'watching';
  useEffect(() => {
    if (!live || !waiting) return;
    const timer = setTimeout(() => setTick((t) => t + 1), live.page.startedAt + STALL_MS + 50 - now());
    return () => clearTimeout(timer);
  }, [live?.page.startedAt, waiting]);
}

/** "Test all links" is busy from the click until the background answers. */
function useTestLinks(testLinks: PanelActions['testLinks']): [asked: boolean, run: () => void] {
  const [asked, setAsked] = useState(false);
  const run = () => {
    if (!testLinks) return;
    setAsked(true);
    void testLinks().finally(() => setAsked(false));
  };
  return [asked, run];
}

/** The toolbar's filter: the query typed and the severities shown. */
function useFilters() {
  const [filter, setFilter] = useState('');
  const [toggles, setToggles] = useState<SeverityToggles>(ALL_SEVERITIES);
  const query = useMemo(() => parseQuery(filter), [filter]);
  const toggle = (severity: Severity) => setToggles({ ...toggles, [severity]: !toggles[severity] });
  return { filter, setFilter, toggles, toggle, query };
}

/** The panel's toolbar: filter, severity counts, preserve log, clear, export and import. */
function PanelToolbar({
  state,
  filters,
  forget,
  live,
  actions,
}: {
  state: ReturnType<typeof usePanelState>;
  filters: ReturnType<typeof useFilters>;
  /** Runs `then` and forgets the selection (the rows it pointed at are gone). */
  forget(then: () => void): () => void;
  /** The inspected tab's current page (none for an import). */
  live: JourneyPage | undefined;
  actions: PanelActions;
}) {
  const [asked, testLinks] = useTestLinks(actions.testLinks);
  const openUrl = actions.testLinks && actions.openUrl;
  const pages = state.log.pages;
  const counts = useMemo(() => summarize(pages.flatMap((p) => p.findings)), [pages]);
  return (
    <Toolbar
      query={filters.filter}
      onQuery={filters.setFilter}
      unknownKinds={filters.query.unknownKinds}
      toggles={filters.toggles}
      counts={counts}
      onToggle={filters.toggle}
      preserve={state.live.preserve}
      onPreserve={state.setPreserve}
      onClear={forget(state.clear)}
      onExport={state.exportLive}
      onImport={(file) => forget(() => void state.importFile(file))()}
      readOnly={state.imported !== null}
      pageActions={
        live &&
        openUrl && <PageActions page={live.page} asked={asked} onTestLinks={testLinks} onOpen={openUrl} />
      }
    />
  );
}

/** The whole panel: toolbars, tabs and the active view, fed by `source` or an imported capture. */
export function Panel({
  source,
  meta,
  actions,
  initialPreserve = false,
  onPreserveChange,
  now = Date.now,
  save = download,
  initialTab = 'timeline',
}: PanelProps) {
  const state = usePanelState({ source, initialPreserve, onPreserveChange, meta, now, save });
  const [tab, setTab] = useState<TabId>(initialTab);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const log = state.log;
  const live = state.imported || !source ? undefined : log.pages.at(-1);
  useStallTimer(live, now);
  const filters = useFilters();
  const ctx: ViewContext = {
    pages: log.pages,
    livePage: live?.n ?? null,
    actions,
    query: filters.query,
    toggles: filters.toggles,
    now: now(),
  };
  const forget = (then: () => void) => () => {
    then();
    setSelection(NO_SELECTION);
  };
  return (
    <div class={`panel${state.imported ? ' is-imported' : ''}`}>
      <PanelToolbar state={state} filters={filters} forget={forget} live={live} actions={actions} />
      {state.imported && (
        <ImportedBanner
          name={state.imported.name}
          report={state.imported.report}
          onClose={forget(state.closeImport)}
        />
      )}
      <TabBar<TabId> tabs={tabInfos(log)} active={tab} onChange={setTab} />
      <Notices log={log} importError={state.importError} onDismiss={state.dismissError} />
      <div class="view" id={`view-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <ActiveView
          tab={tab}
          log={log}
          filter={filters.filter}
          ctx={ctx}
          selection={selection}
          onSelect={setSelection}
        />
      </div>
    </div>
  );
}
