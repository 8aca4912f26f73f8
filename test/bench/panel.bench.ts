/**
 * The DevTools panel with 10,000 events: building the log, the first render, and one
 * keystroke in the filter box (filter + re-render of the visible rows; target < 50 ms).
 * Prints Vitest's timing table; asserts nothing about time.
 *
 *   npx vitest bench --run test/bench/panel.bench.ts
 */
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { h } from 'preact';
import { bench, describe } from 'vitest';
import { Panel } from '../../src/components/panel/panel';
import type { Finding, NetRequest, PageState, PoCall } from '../../src/model/types';
import { EVENT_CAP } from '../../src/panel/events';
import { ALL_SEVERITIES, filterEvents } from '../../src/panel/filter';
import { emptyLog, ingest } from '../../src/panel/log';
import type { TabSnapshot } from '../../src/protocol/messages';
import { newPage } from '../../src/store/page';

const STARTED = 1_790_000_000_000;

/** A page that produced {@link EVENT_CAP} events: calls of every kind, requests and findings. */
function bigSnapshot(): TabSnapshot {
  const calls: PoCall[] = Array.from({ length: EVENT_CAP - 600 }, (_, i) => ({
    args:
      i % 10 === 0
        ? [
            'transactions',
            'create',
            { data: { key: `ch_${i}`, amount: i, customer: { key: `cus_${i % 97}` } } },
          ]
        : ['settings', `option_${i % 50}`, `value ${i}`],
    at: i * 0.5,
    frame: 'top',
  }));
  const requests: NetRequest[] = Array.from({ length: 500 }, (_, i) => ({
    url: `https://api.partnero.com/v1/transactions?n=${i}`,
    method: 'POST',
    status: i % 7 ? 200 : 422,
    at: i * 3,
    duration: 20 + (i % 40),
  }));
  const findings: Finding[] = Array.from({ length: 99 }, (_, i) => ({
    rule: 'transaction.key-format',
    severity: i % 3 ? 'warning' : 'error',
    message: `data.key of call ${i * 10} is not a Stripe charge id`,
    target: { call: i * 10, path: 'data.key' },
  }));
  const page: PageState = { ...newPage('https://shop.test/confirmation', STARTED), calls, requests };
  return { tabId: 1, page, findings, history: { transactionKeys: [], signupKeys: [] } };
}

const snap = bigSnapshot();
const log = ingest(emptyLog(), snap, STARTED + 10_000);
const meta = { version: 'bench', browser: 'bench' };
const actions = { reveal() {}, clickTest() {} };
const source = (listener: (s: TabSnapshot) => void) => {
  listener(snap);
  return () => undefined;
};
/** What a user types, one keystroke at a time. */
const KEYSTROKES = ['c', 'ch', 'ch_', 'ch_1', 'ch_12', 'ch_1', 'ch_', 'ch', 'c', ''];

describe(`panel with ${log.events.length.toLocaleString('en')} events`, () => {
  bench('build the log from a snapshot', () => {
    ingest(emptyLog(), snap, STARTED + 10_000);
  });

  bench('filter the log (model only)', () => {
    for (const q of KEYSTROKES) filterEvents(log.events, q, ALL_SEVERITIES);
  });

  bench('first render of the panel', () => {
    render(h(Panel, { source, meta, actions }));
    cleanup();
  });

  let input: HTMLInputElement;
  let i = 0;
  bench(
    'filter keystroke: filter + re-render (target < 50 ms)',
    () => {
      fireEvent.input(input, { target: { value: KEYSTROKES[i++ % KEYSTROKES.length] } });
    },
    {
      setup: () => {
        cleanup();
        const { container } = render(h(Panel, { source, meta, actions }));
        input = container.querySelector('input[type="search"]') as HTMLInputElement;
      },
      teardown: () => cleanup(),
    },
  );
});
