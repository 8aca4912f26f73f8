/**
 * The background's per-tab store (entrypoints/background/store.ts): state is written through
 * to `storage.session` (a restarted worker — a fresh import of the module — picks it back
 * up), a burst of updates costs one run of the rules (debounced by RECOMPUTE_MS = 150 ms)
 * while readers get up-to-date findings at once, and dropTab forgets a closed tab.
 * storage.session is an in-memory fake; time is vitest's fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding, TabState } from '../../src/model/types';
import { resetPage } from '../../src/store/page';

/** The fake storage.session: values are cloned in and out, as the browser serialises them. */
const session = vi.hoisted(() => new Map<string, unknown>());
/** How often the rules engine ran (across worker restarts). */
const rules = vi.hoisted(() => ({ runs: 0 }));
/** Writes to storage.session; `slow`: each takes a timer turn, as a real write does. */
const writes = vi.hoisted(() => ({ count: 0, slow: false }));

vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: structuredClone(session.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          writes.count++;
          if (writes.slow) await new Promise((resolve) => setTimeout(resolve, 5));
          for (const [key, value] of Object.entries(items)) session.set(key, structuredClone(value));
        },
        remove: async (key: string) => {
          session.delete(key);
        },
      },
    },
  },
}));
vi.mock('../../src/rules', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/rules')>();
  return {
    ...actual,
    runRules: (input: Parameters<typeof actual.runRules>[0]) => {
      rules.runs++;
      return actual.runRules(input);
    },
  };
});

type Store = typeof import('../../entrypoints/background/store');

const SHOP = 'https://shop.test/pricing';
const THANKS = 'https://shop.test/thanks';
const T0 = 1_790_000_000_000;
/** Findings of the page the burst builds: a placeholder program id on a visit without referral. */
const BURST_RULES = [
  ['program.placeholder', 'error'],
  ['cookie.absent', 'info'],
];

/** A worker (re)starting: a fresh copy of the module, with empty in-memory maps. */
async function startWorker(): Promise<Store> {
  vi.resetModules();
  return import('../../entrypoints/background/store');
}

const rulesOf = (findings: Finding[]) => findings.map((f) => [f.rule, f.severity]);

/** The 12 updates of a page load, 10 ms apart (110 ms in all, less than RECOMPUTE_MS). */
async function burst(store: Store, tabId: number): Promise<void> {
  const updates: ((tab: TabState) => void)[] = [
    (tab) => {
      tab.page.url = SHOP;
      tab.page.queueName = 'po';
      tab.page.loaderRuns.push({ at: 5, frame: 'top', queueName: 'po', inHead: true });
    },
    (tab) => {
      tab.page.calls.push({ args: ['program', 'PUBLIC_PROGRAM_ID', 'load'], at: 6, frame: 'top' });
    },
    ...Array.from({ length: 10 }, (_, i) => (tab: TabState) => {
      tab.page.queue = { pending: i + 1, processed: false };
    }),
  ];
  for (const [i, update] of updates.entries()) {
    void store.updateTab(tabId, update);
    if (i < updates.length - 1) await vi.advanceTimersByTimeAsync(10);
  }
  // Let the last update run (microtasks only, no time passes).
  await vi.advanceTimersByTimeAsync(0);
}

/** A transaction with a "$5" amount, a payment intent as key and no create_customer. */
function sendTransaction(tab: TabState): void {
  tab.page.calls.push({
    args: ['transactions', 'create', { data: { key: 'pi_1', amount: '$5', customer: { key: 'cus_1' } } }],
    at: 300,
    frame: 'top',
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  session.clear();
  rules.runs = 0;
  writes.count = 0;
  writes.slow = false;
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('debounced recompute', () => {
  it('runs the rules once for a burst of 12 updates, after the burst', async () => {
    const store = await startWorker();
    const changed = vi.fn<(tabId: number, tab: TabState) => void>();
    store.onTabChanged(changed);
    await burst(store, 1);
    expect(rules.runs).toBe(0);
    expect(changed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(rules.runs).toBe(1);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed.mock.calls[0]?.[0]).toBe(1);
    expect(rulesOf(changed.mock.calls[0]?.[1].findings ?? [])).toEqual(BURST_RULES);
    await vi.advanceTimersByTimeAsync(5000);
    expect(rules.runs).toBe(1);
  });

  it('runs them once more for an update after the recompute', async () => {
    const store = await startWorker();
    await burst(store, 1);
    await vi.advanceTimersByTimeAsync(1000);
    void store.updateTab(1, sendTransaction);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rules.runs).toBe(2);
    expect(rulesOf((await store.readTab(1)).findings)).toEqual([
      ['program.placeholder', 'error'],
      ['transaction.amount', 'error'],
      ['transaction.key-format', 'warning'],
      ['transaction.create-customer', 'warning'],
      ['cookie.absent', 'info'],
      ['transaction.no-referral', 'info'],
    ]);
    expect(rules.runs).toBe(2);
  });

  it("gives the old page's last events their verdict when a new page starts mid-burst", async () => {
    const store = await startWorker();
    const seen: [string, (string | undefined)[]][] = [];
    store.onTabChanged((_id, tab) => seen.push([tab.page.url, tab.findings.map((f) => f.rule)]));
    await burst(store, 2);
    await store.updateTab(2, (tab) => resetPage(tab, THANKS, T0 + 500));
    expect(seen).toEqual([[SHOP, ['program.placeholder', 'cookie.absent']]]);
    await vi.advanceTimersByTimeAsync(1000);
    // The new page has no trace of Partnero yet: no findings.
    expect(seen).toEqual([
      [SHOP, ['program.placeholder', 'cookie.absent']],
      [THANKS, []],
    ]);
  });
});

describe('readTab', () => {
  it('gives a reader up-to-date findings at once, and the pending recompute is not run again', async () => {
    const store = await startWorker();
    const changed = vi.fn();
    store.onTabChanged(changed);
    await burst(store, 1);
    expect(rules.runs).toBe(0);
    const tab = await store.readTab(1);
    expect(rules.runs).toBe(1);
    expect(rulesOf(tab.findings)).toEqual(BURST_RULES);
    expect(tab.page.queue).toEqual({ pending: 10, processed: false });
    await vi.advanceTimersByTimeAsync(5000);
    expect(rules.runs).toBe(1);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('runs no rules for a reader of a tab with nothing new', async () => {
    const store = await startWorker();
    const tab = await store.readTab(4);
    await vi.advanceTimersByTimeAsync(5000);
    expect(rules.runs).toBe(0);
    expect(tab.findings).toEqual([]);
    expect(store.cachedTabIds()).toEqual([4]);
  });
});

describe('storage.session write-through', () => {
  it('saves the tab under tab:<id> once its findings are computed', async () => {
    const store = await startWorker();
    await burst(store, 7);
    await vi.advanceTimersByTimeAsync(1000);
    expect([...session.keys()]).toEqual(['tab:7']);
    const stored = session.get('tab:7') as TabState;
    expect(stored.page.url).toBe(SHOP);
    expect(stored.page.calls.map((c) => c.args)).toEqual([['program', 'PUBLIC_PROGRAM_ID', 'load']]);
    expect(stored.page.queue).toEqual({ pending: 10, processed: false });
    expect(rulesOf(stored.findings)).toEqual(BURST_RULES);
  });

  it('saves a change before its update resolves: a worker stopped at once keeps it, and its first read computes the findings', async () => {
    const first = await startWorker();
    await burst(first, 7);
    await vi.advanceTimersByTimeAsync(1000);
    await first.updateTab(7, sendTransaction);
    // The worker stops now: no recompute, no debounced save has run since the transaction.
    const restarted = await startWorker();
    const tab = await restarted.readTab(7);
    expect(tab.page.calls.map((c) => c.args[0])).toEqual(['program', 'transactions']);
    expect(rulesOf(tab.findings).map(([rule]) => rule)).toContain('transaction.amount');
    expect((session.get('tab:7') as { stale?: true }).stale).toBe(true);
  });

  it('lets a restarted worker pick the stored state back up and carry on from it', async () => {
    const first = await startWorker();
    await burst(first, 7);
    await vi.advanceTimersByTimeAsync(1000);
    const restarted = await startWorker();
    expect(restarted.cachedTabIds()).toEqual([]);
    const tab = await restarted.readTab(7);
    expect(restarted.cachedTabIds()).toEqual([7]);
    expect(tab.page.url).toBe(SHOP);
    expect(tab.page.calls.map((c) => c.args)).toEqual([['program', 'PUBLIC_PROGRAM_ID', 'load']]);
    expect(rulesOf(tab.findings)).toEqual(BURST_RULES);
    expect(rules.runs).toBe(1);
    await restarted.updateTab(7, sendTransaction);
    const after = await restarted.readTab(7);
    expect(after.page.calls.map((c) => c.args[0])).toEqual(['program', 'transactions']);
    expect(rulesOf(after.findings).map(([rule]) => rule)).toEqual([
      'program.placeholder',
      'transaction.amount',
      'transaction.key-format',
      'transaction.create-customer',
      'cookie.absent',
      'transaction.no-referral',
    ]);
  });
});

describe('a burst of changes while a save is written', () => {
  it('shares the saves: 200 changes, a few writes, each change on disk before its update resolves', async () => {
    const store = await startWorker();
    writes.slow = true;
    const onDisk: boolean[] = [];
    const updates = Array.from({ length: 200 }, (_, i) =>
      store
        .updateTab(7, (tab) => {
          tab.page.calls.push({ args: ['settings', 'n', i], at: i, frame: 'top' });
        })
        .then(() => {
          const saved = session.get('tab:7') as TabState;
          onDisk.push(saved.page.calls.some((c) => c.args[2] === i));
        }),
    );
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(updates);
    expect(onDisk).toEqual(Array(200).fill(true));
    expect(writes.count).toBeLessThan(10);
  });
});

describe('dropTab', () => {
  it('removes the stored key and the cached state: a restarted worker starts the tab blank', async () => {
    const store = await startWorker();
    await burst(store, 9);
    await vi.advanceTimersByTimeAsync(1000);
    expect([...session.keys()]).toEqual(['tab:9']);
    store.dropTab(9);
    await vi.advanceTimersByTimeAsync(0);
    expect([...session.keys()]).toEqual([]);
    expect(store.cachedTabIds()).toEqual([]);
    const tab = await (await startWorker()).readTab(9);
    expect(tab.page.url).toBe('');
    expect(tab.page.calls).toEqual([]);
    expect(tab.findings).toEqual([]);
  });

  it('cancels a pending recompute and save', async () => {
    const store = await startWorker();
    const changed = vi.fn();
    store.onTabChanged(changed);
    await burst(store, 9);
    store.dropTab(9);
    await vi.advanceTimersByTimeAsync(5000);
    expect(rules.runs).toBe(0);
    expect(changed).not.toHaveBeenCalled();
    expect([...session.keys()]).toEqual([]);
    expect(store.cachedTabIds()).toEqual([]);
  });

  it('leaves the other tabs alone', async () => {
    const store = await startWorker();
    await burst(store, 9);
    await burst(store, 10);
    await vi.advanceTimersByTimeAsync(1000);
    store.dropTab(9);
    await vi.advanceTimersByTimeAsync(0);
    expect([...session.keys()]).toEqual(['tab:10']);
    expect(store.cachedTabIds()).toEqual([10]);
  });

  it('an update still queued when the tab closes does not bring it back', async () => {
    const store = await startWorker();
    await burst(store, 4);
    await vi.advanceTimersByTimeAsync(1000);
    // The page's last flush (pagehide) is handled after tabs.onRemoved.
    const late = store.updateTab(4, sendTransaction);
    store.dropTab(4);
    await late;
    await store.updateTab(4, () => false as const);
    await vi.advanceTimersByTimeAsync(5000);
    expect([...session.keys()]).toEqual([]);
    expect(store.cachedTabIds()).toEqual([]);
  });
});
