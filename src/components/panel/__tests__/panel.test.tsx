/**
 * The DevTools panel as a whole: live timeline, tabs, and Export / Import. The exported file
 * is checked against the report of the journey written out by hand, not rebuilt with the
 * report builder the panel uses.
 */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { journey, snap } from '../../../panel/__tests__/journey';
import { EXPECTED_REPORT } from '../../../panel/__tests__/journey-report';
import { finding, link } from '../../../report/__tests__/fixtures';
import { Panel } from '../panel';
import type { SnapshotSource } from '../use-panel-state';
import { META, renderPanel, rowTexts, tabSnapshot } from './setup';

const list = () => screen.getByRole('listbox');

/** A source that delivers the whole journey at once, before any render. */
const burst: SnapshotSource = (listener) => {
  for (const snap of journey) listener(tabSnapshot(snap));
  return () => undefined;
};

describe('live timeline', () => {
  it('shows rows as snapshots arrive, each page under its separator (preserve log)', () => {
    const { container, feed } = renderPanel(journey.slice(0, 1), { initialPreserve: true });
    expect(rowTexts(container)).toEqual([
      'Page 1https://shop.test/?aff=TEST',
      '2.0 msrequestGET 200 https://app.partnero.com/js/universal.js?v1790',
      '5.0 mscallpo("program", "abc123", "load")',
      expect.stringContaining('cookie'),
    ]);
    feed(journey[1] as (typeof journey)[0]);
    feed(journey[2] as (typeof journey)[0]);
    const separators = rowTexts(container).filter((t) => t.startsWith('Page '));
    expect(separators).toEqual([
      'Page 1https://shop.test/?aff=TEST',
      'Page 2https://shop.test/pricing',
      'Page 3https://shop.test/confirmation',
    ]);
  });

  it('logs every page even when snapshots arrive faster than the panel renders (hidden panel)', () => {
    const { container } = render(
      <Panel source={burst} meta={META} actions={{ reveal() {}, clickTest() {} }} initialPreserve />,
    );
    expect(rowTexts(container).filter((t) => t.includes('program'))).toEqual([
      '5.0 mscallpo("program", "abc123", "load")',
      '4.0 mscallpo("program", "abc123", "load")',
      '3.0 mscallpo("program", "abc123", "load")',
    ]);
  });

  it('starts over on navigation without preserve log', () => {
    const { container } = renderPanel(journey);
    expect(rowTexts(container).filter((t) => t.startsWith('Page '))).toEqual([
      'Page 3https://shop.test/confirmation',
    ]);
  });

  it('opens the details of the selected row and closes them with Escape', () => {
    renderPanel(journey, { initialPreserve: true });
    fireEvent.click(screen.getByText(/^transactions\.create/));
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('transaction.amount happened')).toBeTruthy();
    expect(within(details).getByText('Fix: Send a number.')).toBeTruthy();
    fireEvent.keyDown(list(), { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Details' })).toBeNull();
  });

  it.each([
    { keys: ['ArrowDown'], selected: 0 },
    { keys: ['ArrowDown', 'ArrowDown', 'ArrowUp'], selected: 0 },
    { keys: ['End'], selected: -1 },
    { keys: ['End', 'Home'], selected: 0 },
    { keys: ['PageDown'], selected: -1 },
  ])('moves the selection with $keys', ({ keys, selected }) => {
    const { container } = renderPanel(journey, { initialPreserve: true });
    for (const key of keys) fireEvent.keyDown(list(), { key });
    const rows = [...container.querySelectorAll('[role="option"]')];
    const index = selected < 0 ? rows.length + selected : selected;
    expect(rows.findIndex((r) => r.getAttribute('aria-selected') === 'true')).toBe(index);
    expect(list().getAttribute('aria-activedescendant')).toBe(rows[index]?.id);
  });

  it('filters rows from the filter box and the severity toggles', () => {
    const { container } = renderPanel(journey, { initialPreserve: true });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter' }), { target: { value: 'kind:finding' } });
    expect(rowTexts(container).filter((t) => !t.startsWith('Page '))).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: /Errors/ }));
    expect(rowTexts(container).filter((t) => !t.startsWith('Page '))).toEqual([
      expect.stringContaining('transaction.key-format'),
    ]);
  });

  it('clears the log', () => {
    const { container } = renderPanel(journey, { initialPreserve: true });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(rowTexts(container)).toEqual([]);
    expect(screen.getByText('No events match.')).toBeTruthy();
  });
});

describe('findings in the timeline', () => {
  const PRO = { target: { selector: 'a#buy-pro' } };
  const unclicked = snap({ cookie: null, links: [link()] }, [
    finding('link.missing-client-reference-id', 'info', {
      ...PRO,
      unverified: true,
      message: 'Payment Link “Buy Pro” is not verified yet.',
    }),
  ]);
  const failed = snap({ cookie: null, links: [link({ afterClick: null, clickedBy: 'test' })] }, [
    finding('link.missing-client-reference-id', 'error', {
      ...PRO,
      message: 'Payment Link “Buy Pro” has no client_reference_id.',
    }),
  ]);

  it('shows the sentence first, then the rule id, small', () => {
    const { container } = renderPanel([unclicked]);
    const row = container.querySelector('[role="option"]:has(.kind-finding)') as HTMLElement;
    expect(row.querySelector('.cell-summary')?.textContent).toBe(
      'Payment Link “Buy Pro” is not verified yet.',
    );
    expect(row.lastElementChild?.textContent).toBe('link.missing-client-reference-id');
  });

  it('shows no “resolved” row for a link before its verdict, when the click then fails', () => {
    const { container, feed } = renderPanel([snap({ cookie: null })]);
    feed(unclicked);
    feed(failed);
    const texts = rowTexts(container);
    expect(texts.some((t) => /resolved/i.test(t))).toBe(false);
    expect(texts.filter((t) => t.includes('finding'))).toEqual([
      expect.stringMatching(/\?not verified ?findingPayment Link “Buy Pro” is not verified yet\./),
      expect.stringMatching(/✗broken ?findingPayment Link “Buy Pro” has no client_reference_id\./),
    ]);
  });
});

describe('tabs', () => {
  it('switches with arrow keys and shows counts', () => {
    renderPanel(journey, { initialPreserve: true });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      'Timeline19',
      'Transactions1',
      'Links1',
      'Cookie',
      'Network4',
      'Findings3',
    ]);
    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Transactions1');
    expect(screen.getByRole('tabpanel').id).toBe('view-transactions');
    fireEvent.keyDown(screen.getByRole('tab', { selected: true }), { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('tab', { selected: true }), { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Findings3');
  });
});

describe('export and import', () => {
  it('exports the preserved journey in the report shape, one page entry per page', () => {
    const { save } = renderPanel(journey, { initialPreserve: true });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(save).toHaveBeenCalledTimes(1);
    const [name, json] = save.mock.calls[0] ?? [];
    expect(name).toBe('partnero-capture-shop.test-2026-09-21T14-13-20Z.json');
    expect(json?.startsWith('{\n  "tool": "partnero-inspector",\n  "version": "1.2.3",\n')).toBe(true);
    expect(json?.endsWith('\n}\n')).toBe(true);
    expect(JSON.parse(json ?? '')).toStrictEqual(EXPECTED_REPORT);
  });

  it('exports only the live page without preserve log, still starting at that page', () => {
    const { save } = renderPanel(journey);
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    const report = JSON.parse(save.mock.calls[0]?.[1] ?? '');
    expect(save.mock.calls[0]?.[0]).toBe('partnero-capture-shop.test-2026-09-21T14-13-29Z.json');
    expect(report.startedAt).toBe('2026-09-21T14:13:29.000Z');
    expect(report.summary).toStrictEqual({ errors: 2, warnings: 1, infos: 0 });
    expect(report.pages).toStrictEqual([EXPECTED_REPORT.pages[2]]);
  });

  it('shows an imported capture read-only, clearly labelled, and goes back to live', async () => {
    const { save } = renderPanel(journey, { initialPreserve: true });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    const file = new File([save.mock.calls[0]?.[1] ?? ''], 'capture.json', { type: 'application/json' });
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    const banner = await screen.findByRole('note', { name: 'Imported capture' });
    expect(banner.textContent).toContain('capture.json · chrome 156.0.0.0');
    expect(screen.queryByRole('button', { name: 'Clear' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: /Links/ }));
    expect((screen.getByRole('button', { name: 'Reveal' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(banner).getByRole('button', { name: 'Back to live' }));
    expect(screen.queryByRole('note', { name: 'Imported capture' })).toBeNull();
  });

  it.each([
    ['not json', 'broken.json: The file is not JSON.'],
    ['{"tool":"partnero-inspector"}', 'other.json: Not a Partnero Inspector report:'],
  ])('refuses %s', async (text, message) => {
    renderPanel(journey);
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const name = message.split(':')[0] as string;
    Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
    fireEvent.change(input);
    expect((await screen.findByRole('alert')).textContent).toContain(message);
    expect(screen.queryByRole('note', { name: 'Imported capture' })).toBeNull();
  });
});
