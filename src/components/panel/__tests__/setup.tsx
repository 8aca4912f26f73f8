/** Renders the panel with fixed time, spied actions and a captured export, fed with snapshots. */
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, vi } from 'vitest';
import type { Snapshot } from '../../../panel/log';
import type { TabSnapshot } from '../../../protocol/messages';
import { Panel, type PanelProps } from '../panel';
import type { SnapshotSource } from '../use-panel-state';

// Vitest runs without globals, so the library cannot register its own cleanup.
afterEach(cleanup);

export const NOW = Date.UTC(2026, 10, 26, 21, 0, 0);
export const META = { version: '1.2.3', browser: 'chrome 156.0.0.0' };

export function tabSnapshot(snap: Snapshot, tabId = 7): TabSnapshot {
  return {
    tabId,
    page: snap.page,
    findings: snap.findings,
    history: { transactionKeys: [], signupKeys: [] },
  };
}

/** A snapshot source the test pushes into (what the port does in the extension). */
export function testSource() {
  const listeners = new Set<(snap: TabSnapshot) => void>();
  const source: SnapshotSource = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const emit = (snap: Snapshot) =>
    act(() => {
      for (const listener of listeners) listener(tabSnapshot(snap));
    });
  return { source, emit };
}

export function renderPanel(snaps: Snapshot[], props: Partial<PanelProps> = {}) {
  const actions = {
    reveal: vi.fn(),
    clickTest: vi.fn(),
    testLinks: vi.fn(() => Promise.resolve()),
    openUrl: vi.fn(),
  };
  const save = vi.fn<(name: string, json: string) => void>();
  const { source, emit } = testSource();
  const utils = render(
    <Panel source={source} meta={META} actions={actions} now={() => NOW} save={save} {...props} />,
  );
  for (const snap of snaps) emit(snap);
  return { ...utils, actions, save, feed: emit };
}

/** Text of the rendered rows of the listbox, one string per row. */
export function rowTexts(container: Element): string[] {
  return [...container.querySelectorAll('[role="option"]')].map((row) => row.textContent ?? '');
}
