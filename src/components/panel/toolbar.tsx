/**
 * The panel's two toolbars (DevTools style): what to do to the page (test links, a referred
 * visit) and to the log (preserve, clear, export, import); then the filter box with its
 * syntax help and the severity toggles.
 */
import type { ComponentChild } from 'preact';
import type { Severity, Summary } from '../../model/types';
import { EVENT_KINDS } from '../../panel/events';
import type { SeverityToggles } from '../../panel/filter';
import { MARKS } from '../../report/marks';
import { FilterHelp } from './filter-help';

export interface ToolbarProps {
  query: string;
  onQuery(query: string): void;
  /** Names after `kind:` that are no kind. */
  unknownKinds: readonly string[];
  toggles: SeverityToggles;
  /** Root findings per severity over the journey (as the popup and the CLI count). */
  counts: Summary;
  onToggle(severity: Severity): void;
  preserve: boolean;
  onPreserve(preserve: boolean): void;
  onClear(): void;
  onExport(): void;
  onImport(file: File): void;
  /** An imported capture is shown: nothing to preserve or clear. */
  readOnly: boolean;
  /** The page actions, when there is a live page to act on. */
  pageActions: ComponentChild;
}

/** Each toggle shows the mark its rows carry; info findings are context (·). */
const TOGGLES = [
  ['error', 'Errors', 'errors', MARKS.error.symbol],
  ['warning', 'Warnings', 'warnings', MARKS.warning.symbol],
  ['info', 'Info', 'infos', MARKS.none.symbol],
] as const;

function LogControls({ preserve, onPreserve, onClear, onExport, onImport, readOnly }: ToolbarProps) {
  return (
    <span class="toolbar-actions">
      {!readOnly && (
        <>
          <label class="check">
            <input type="checkbox" checked={preserve} onChange={(e) => onPreserve(e.currentTarget.checked)} />
            Preserve log
          </label>
          <button type="button" class="btn" onClick={onClear}>
            Clear
          </button>
          <button type="button" class="btn" onClick={onExport}>
            Export
          </button>
        </>
      )}
      <label class="btn file-btn">
        Import…
        <input
          type="file"
          accept=".json,application/json"
          class="visually-hidden"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onImport(file);
          }}
        />
      </label>
    </span>
  );
}

function Toggles({ toggles, counts, onToggle }: ToolbarProps) {
  return (
    <fieldset class="toggles">
      <legend class="visually-hidden">Severities</legend>
      {TOGGLES.map(([severity, label, count, symbol]) => (
        <button
          key={severity}
          type="button"
          class={`toggle sev-${severity}`}
          aria-pressed={toggles[severity]}
          title={`${toggles[severity] ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
          onClick={() => onToggle(severity)}
        >
          <span aria-hidden="true">{symbol}</span>
          <span class="toggle-label">{label}</span>
          <span class="toggle-count">{counts[count]}</span>
        </button>
      ))}
    </fieldset>
  );
}

/** Says which `kind:` names are unknown, and the ones there are. */
function UnknownKinds({ names }: { names: readonly string[] }) {
  if (!names.length) return null;
  const quoted = names.map((n) => `“${n}”`).join(', ');
  return (
    <div class="notice notice-error" role="status">
      No kind {quoted}: the kinds are {EVENT_KINDS.join(', ')}.
    </div>
  );
}

/** The page-and-log toolbar, then the filter bar, and a notice for unknown `kind:` names. */
export function Toolbar(props: ToolbarProps) {
  const { query, onQuery, pageActions } = props;
  return (
    <>
      <div class="toolbar" role="toolbar" aria-label="Page and log">
        {pageActions}
        <LogControls {...props} />
      </div>
      <search class="toolbar filter-bar">
        <input
          type="search"
          class="filter"
          placeholder="Filter: text, -exclude, kind:call"
          aria-label="Filter"
          value={query}
          onInput={(e) => onQuery(e.currentTarget.value)}
        />
        <FilterHelp onKind={(kind) => onQuery(`${query.trim()} kind:${kind}`.trim())} />
        <Toggles {...props} />
      </search>
      <UnknownKinds names={props.unknownKinds} />
    </>
  );
}
