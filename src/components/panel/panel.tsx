/**
 * The "Partnero" DevTools panel: the live integration log of the inspected tab (or an
 * imported capture), with a toolbar, tabs and one view per tab. Browser APIs stay in the
 * entrypoint; this component gets a snapshot source and callbacks.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Severity } from '../../model/types';
import type { ExportMeta } from '../../panel/export';
import { ALL_SEVERITIES, parseQuery, type SeverityToggles } from '../../panel/filter';
import { summarize } from '../../report/severity';
import { ImportedBanner } from './imported-banner';
import { Notices } from './notices';
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
  const [filter, setFilter] = useState('');
  const [toggles, setToggles] = useState<SeverityToggles>(ALL_SEVERITIES);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const log = state.log;
  const query = useMemo(() => parseQuery(filter), [filter]);
  const ctx: ViewContext = {
    pages: log.pages,
    livePage: state.imported ? null : (log.pages.at(-1)?.n ?? null),
    actions,
    query,
    toggles,
    now: now(),
  };
  const counts = useMemo(() => summarize(log.pages.flatMap((p) => p.findings)), [log.pages]);
  const toggle = (severity: Severity) => setToggles({ ...toggles, [severity]: !toggles[severity] });
  const showLive = () => {
    state.closeImport();
    setSelection(NO_SELECTION);
  };
  return (
    <div class={`panel${state.imported ? ' is-imported' : ''}`}>
      <Toolbar
        query={filter}
        onQuery={setFilter}
        toggles={toggles}
        counts={counts}
        onToggle={toggle}
        preserve={state.live.preserve}
        onPreserve={state.setPreserve}
        onClear={() => {
          state.clear();
          setSelection(NO_SELECTION);
        }}
        onExport={state.exportLive}
        onImport={(file) => {
          setSelection(NO_SELECTION);
          void state.importFile(file);
        }}
        readOnly={state.imported !== null}
      />
      {state.imported && (
        <ImportedBanner name={state.imported.name} report={state.imported.report} onClose={showLive} />
      )}
      <TabBar<TabId> tabs={tabInfos(log)} active={tab} onChange={setTab} />
      <Notices log={log} importError={state.importError} onDismiss={state.dismissError} />
      <div class="view" id={`view-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <ActiveView
          tab={tab}
          log={log}
          filter={filter}
          ctx={ctx}
          selection={selection}
          onSelect={setSelection}
        />
      </div>
    </div>
  );
}
