/**
 * The panel's state: the live log fed by the tab's snapshots, an imported capture shown
 * instead of it, and export / import. No browser API here: snapshots come from a source.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LogState } from '../../panel/events';
import { type ExportMeta, exportFileName, journeyReport } from '../../panel/export';
import { captureLog, IMPORT_MAX_CHARS, parseCapture } from '../../panel/import';
import { clearLog, emptyLog, ingest, setPreserve } from '../../panel/log';
import type { TabSnapshot } from '../../protocol/messages';
import type { Report } from '../../report/schema';

/**
 * Calls `listener` with every snapshot of the inspected tab, in order; returns the
 * unsubscribe. Each one is folded into the log as it arrives: a panel hidden behind another
 * DevTools tab renders late, and keeping only the latest snapshot would lose the end of a
 * page the tab already left.
 */
export type SnapshotSource = (listener: (snap: TabSnapshot) => void) => () => void;

export interface Imported {
  name: string;
  report: Report;
  log: LogState;
}

/** Offers a JSON file to the user (an `<a download>` on a blob). */
export function download(name: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface PanelStateOptions {
  source: SnapshotSource | null;
  initialPreserve: boolean;
  onPreserveChange?: ((preserve: boolean) => void) | undefined;
  meta: ExportMeta;
  now: () => number;
  save: (name: string, json: string) => void;
}

export function usePanelState({
  source,
  initialPreserve,
  onPreserveChange,
  meta,
  now,
  save,
}: PanelStateOptions) {
  const [live, setLive] = useState(() => emptyLog(initialPreserve));
  const [imported, setImported] = useState<Imported | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  // Functional updates queue up in order, so no snapshot is skipped before the next render;
  // `now` is read per snapshot, not watched.
  useEffect(() => source?.((snap) => setLive((log) => ingest(log, snap, now()))), [source]);

  return {
    live,
    imported,
    importError,
    log: imported?.log ?? live,
    clear: () => setLive(clearLog),
    setPreserve: (on: boolean) => {
      setLive((log) => setPreserve(log, on));
      onPreserveChange?.(on);
    },
    exportLive: () => {
      const report = journeyReport(live.pages, meta, now());
      save(exportFileName(report), `${JSON.stringify(report, null, 2)}\n`);
    },
    importFile: async (file: File) => {
      const parsed =
        file.size > IMPORT_MAX_CHARS
          ? ({ ok: false, error: 'The file is too large for a capture.' } as const)
          : parseCapture(await file.text());
      if (!parsed.ok) return setImportError(`${file.name}: ${parsed.error}`);
      setImportError(null);
      setImported({ name: file.name, report: parsed.report, log: captureLog(parsed.report) });
    },
    closeImport: () => setImported(null),
    dismissError: () => setImportError(null),
  };
}
