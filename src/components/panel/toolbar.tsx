/** Filter box, severity toggles, preserve log, clear, export and import (DevTools toolbar style). */
import type { Severity, Summary } from '../../model/types';
import type { SeverityToggles } from '../../panel/filter';
import { MARK } from './marks';

export interface ToolbarProps {
  query: string;
  onQuery(query: string): void;
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
}

const TOGGLES = [
  ['error', 'Errors', 'errors'],
  ['warning', 'Warnings', 'warnings'],
  ['info', 'Info', 'infos'],
] as const;

export function Toolbar(props: ToolbarProps) {
  const {
    query,
    onQuery,
    toggles,
    counts,
    onToggle,
    preserve,
    onPreserve,
    onClear,
    onExport,
    onImport,
    readOnly,
  } = props;
  return (
    <div class="toolbar" role="toolbar" aria-label="Log controls">
      <input
        type="search"
        class="filter"
        placeholder="Filter: text, -exclude, kind:call"
        aria-label="Filter"
        value={query}
        onInput={(e) => onQuery(e.currentTarget.value)}
      />
      <fieldset class="toggles">
        <legend class="visually-hidden">Severities</legend>
        {TOGGLES.map(([severity, label, count]) => (
          <button
            key={severity}
            type="button"
            class={`toggle sev-${severity}`}
            aria-pressed={toggles[severity]}
            title={`${toggles[severity] ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
            onClick={() => onToggle(severity)}
          >
            <span aria-hidden="true">{MARK[severity]}</span>
            <span class="toggle-label">{label}</span>
            <span class="toggle-count">{counts[count]}</span>
          </button>
        ))}
      </fieldset>
      <span class="toolbar-actions">
        {!readOnly && (
          <>
            <label class="check">
              <input
                type="checkbox"
                checked={preserve}
                onChange={(e) => onPreserve(e.currentTarget.checked)}
              />
              Preserve log
            </label>
            <button type="button" class="btn" onClick={onClear}>
              Clear
            </button>
          </>
        )}
        {!readOnly && (
          <button type="button" class="btn" onClick={onExport}>
            Export
          </button>
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
    </div>
  );
}
