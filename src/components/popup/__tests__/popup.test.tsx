/**
 * The toolbar popup as a user sees it: the verdict through the watch and the click test,
 * marks with their spoken words, rows that open only when they have something to show, the
 * links a row lists, the neutral states of pages it cannot check, and Copy report.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, PageState } from '../../../model/types';
import type { TabSnapshot } from '../../../protocol/messages';
import { finding, link, page } from '../../../report/__tests__/fixtures';
import { Popup, type TabInfo } from '../popup';

// Vitest runs without globals, so the library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const URL_OK = 'http://127.0.0.1:8080/pricing.html?aff=TEST';
const META = { version: '1.2.3', browser: 'chrome 156.0.0.0' };

const starter = link({
  id: 'top:0',
  selector: '#buy-starter',
  text: 'Buy Starter',
  href: 'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ000',
});
const pro = link({
  id: 'top:1',
  selector: '#buy-pro',
  text: 'Buy Pro',
  href: 'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ001',
});
const clicked = { afterClick: 'TEST', clickedBy: 'test' } as const;
const unverified = (selector: string) =>
  finding('link.missing-client-reference-id', 'info', {
    unverified: true,
    target: { selector, frame: 'top' },
  });

function renderPopup(
  state: Partial<PageState>,
  findings: Finding[] = [],
  tab: TabInfo | null = { url: URL_OK, allowed: true },
) {
  const actions = {
    testLinks: vi.fn(),
    simulateReferral: vi.fn(),
    setSiteOptIn: vi.fn(),
    openPanel: vi.fn(),
    reload: vi.fn(),
    allowSite: vi.fn(),
  };
  const snap: TabSnapshot = {
    tabId: 7,
    page: page(state),
    findings,
    history: { transactionKeys: [], signupKeys: [] },
  };
  const utils = render(
    <Popup snap={snap} tab={tab} optedIn={false} meta={META} devtoolsKeys="F12" actions={actions} />,
  );
  return { ...utils, actions };
}

const verdict = () => screen.getByTestId('verdict');
const title = () => verdict().querySelector('.verdict-title')?.textContent;
const row = (id: string) => document.querySelector(`[data-row="${id}"]`) as HTMLElement;
const button = (name: string | RegExp) => screen.queryByRole('button', { name });

describe('verdict', () => {
  it.each<[string, Partial<PageState>, Finding[], string]>([
    [
      'the watch runs: no counts yet, even with an error',
      { watchEnded: false },
      [finding('program.placeholder', 'error')],
      'Watching the page…',
    ],
    ['the click test runs', { clickTest: 'running', links: [starter] }, [], 'Testing links…'],
    ['nothing wrong, everything verified', { links: [{ ...starter, ...clicked }] }, [], 'All checks passed.'],
    [
      'links nobody clicked are not problems',
      { links: [starter, pro], clickTest: 'idle' },
      [unverified('#buy-starter'), unverified('#buy-pro')],
      'Looks good',
    ],
    [
      'infos are not problems',
      { cookie: null },
      [finding('cookie.absent', 'info'), finding('transaction.no-referral', 'info')],
      'All checks passed.',
    ],
    [
      'root causes are counted, consequences not',
      {},
      [
        finding('program.placeholder', 'error'),
        finding('snippet.queue-stuck', 'error', { causedBy: 'program.placeholder' }),
        finding('snippet.not-in-head', 'warning'),
      ],
      '1 error, 1 warning',
    ],
  ])('%s', (_name, state, findings, expected) => {
    renderPopup(state, findings);
    expect(title()).toBe(expected);
  });

  it('says which links are not verified yet, never "with problems", and the badge-free tone', () => {
    renderPopup({ links: [starter, pro], clickTest: 'idle' }, [
      unverified('#buy-starter'),
      unverified('#buy-pro'),
    ]);
    expect(verdict().textContent).toContain('2 Payment Links not verified yet');
    expect(verdict().className).toContain('tone-ok');
    expect(row('links').textContent).toContain('2 not verified');
    expect(row('links').textContent).not.toContain('with problems');
    expect(row('links').querySelector('.mark')?.textContent).toBe('?not verified ');
  });

  it('says how many events the page made it drop, and nothing when none were', () => {
    renderPopup({ dropped: 1234 });
    expect(screen.getByRole('note').textContent).toContain('1234 events not recorded');
    document.body.innerHTML = '';
    renderPopup({});
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('on a page without Partnero: a neutral note, and no control that cannot apply', () => {
    renderPopup({
      queueName: null,
      loaderRuns: [],
      scripts: [],
      calls: [],
      queue: null,
      cookie: null,
      requests: [],
    });
    expect(title()).toBe('No Partnero tracking on this page');
    expect(verdict().className).toContain('tone-none');
    for (const name of ['Test links', 'Simulate a referred visit']) expect(button(name), name).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(button('Copy report')).not.toBeNull();
    expect(button('Open panel')).not.toBeNull();
  });
});

describe('pages it cannot check', () => {
  it.each<[string, TabInfo, string, string | null]>([
    ['about:blank', { url: 'about:blank', allowed: true }, 'This is a browser page', null],
    ['chrome://extensions', { url: 'chrome://extensions/', allowed: true }, 'This is a browser page', null],
    ['about:addons', { url: 'about:addons', allowed: true }, 'This is a browser page', null],
    [
      'an add-on store',
      { url: 'https://chromewebstore.google.com/detail/x', allowed: true },
      'Extensions cannot see this page',
      null,
    ],
    [
      'a site the user kept it out of',
      { url: URL_OK, allowed: false },
      'Partnero Inspector may not read this site',
      'Allow on this site',
    ],
  ])('%s: says so, with no checklist and no verifying controls', (_name, tab, expected, action) => {
    renderPopup({ url: tab.url, loadedAt: undefined }, [], tab);
    expect(title()).toBe(expected);
    expect(verdict().className).toContain('tone-none');
    expect(document.querySelector('.checklist')).toBeNull();
    expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(action ? [action] : []);
  });

  it('a page open since before the extension started: Reload page reloads it', () => {
    const { actions } = renderPopup({ url: '' });
    expect(title()).toBe('Reload to check this page');
    fireEvent.click(button('Reload page') as HTMLElement);
    expect(actions.reload).toHaveBeenCalledOnce();
  });

  it('waits without a verdict while neither the tab nor its state is known', () => {
    render(
      <Popup snap={null} tab={null} optedIn={false} meta={META} devtoolsKeys="F12" actions={{} as never} />,
    );
    expect(screen.getByText('Waiting for this tab…')).toBeTruthy();
  });
});

describe('checklist rows', () => {
  it('gives every mark its spoken words and hides the symbol from screen readers', () => {
    renderPopup({ links: [{ ...starter, ...clicked }] }, [finding('snippet.not-in-head', 'warning')]);
    const marks = [...document.querySelectorAll('.checklist .row-head > .mark')];
    expect(
      marks.map((m) => [
        m.querySelector('[aria-hidden="true"]')?.textContent,
        m.querySelector('.visually-hidden')?.textContent,
      ]),
    ).toEqual([
      ['!', 'risky '],
      ['✓', 'fine '],
      ['✓', 'fine '],
      ['✓', 'fine '],
      ['·', 'nothing to check '],
    ]);
  });

  it('only rows with something to show are buttons; the others take no focus', () => {
    renderPopup({ links: [{ ...starter, ...clicked }] }, [finding('snippet.not-in-head', 'warning')]);
    const heads = ['loader', 'program', 'cookie', 'links', 'transactions'].map(
      (id) => row(id).querySelector('.row-head') as HTMLElement,
    );
    expect(heads.map((h) => [h.tagName, h.getAttribute('aria-expanded'), h.tabIndex])).toEqual([
      ['BUTTON', 'false', 0],
      ['DIV', null, -1],
      ['DIV', null, -1],
      ['BUTTON', 'false', 0],
      ['DIV', null, -1],
    ]);
  });

  it('opens a broken row by itself, with its findings', () => {
    renderPopup({}, [finding('program.placeholder', 'error', { fix: 'Fill in the id.' })]);
    const head = within(row('program')).getByRole('button');
    expect(head.getAttribute('aria-expanded')).toBe('true');
    expect(row('program').textContent).toContain('Fix: Fill in the id.');
    fireEvent.click(head);
    expect(row('program').textContent).not.toContain('Fix:');
  });

  it('the fine links row opens to list each link: its mark, label, short address and id after click', () => {
    const team = link({
      id: 'top:2',
      selector: '#buy-team',
      text: 'Buy Team',
      href: 'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ002?locale=de',
    });
    renderPopup({ links: [{ ...starter, ...clicked }, { ...pro, ...clicked }, team], clickTest: 'idle' }, [
      unverified('#buy-team'),
    ]);
    expect(row('links').querySelector('.row-detail')?.textContent).toBe('2 ok, 1 not verified');
    fireEvent.click(within(row('links')).getAllByRole('button')[0] as HTMLElement);
    const items = [...row('links').querySelectorAll('.links > li')];
    expect(
      items.map((li) => [
        li.querySelector('.mark .visually-hidden')?.textContent,
        li.querySelector('.link-label')?.textContent,
        li.querySelector('.mid')?.getAttribute('title'),
        li.querySelector('.mid-tail')?.textContent,
        li.querySelector('.link-status')?.textContent,
        li.querySelector('.link-facts')?.textContent,
      ]),
    ).toEqual([
      [
        'fine ',
        'Buy Starter',
        'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ000',
        '1Rn4cZ9bZ000',
        'ok after click',
        'id after click: TEST (test click)',
      ],
      [
        'fine ',
        'Buy Pro',
        'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ001',
        '1Rn4cZ9bZ001',
        'ok after click',
        'id after click: TEST (test click)',
      ],
      [
        'not verified ',
        'Buy Team',
        'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ002?locale=de',
        '1Rn4cZ9bZ002',
        'not verified',
        'not clicked yet',
      ],
    ]);
    // The address is shown as host + path; the whole of it is there to select and copy.
    expect(items[0]?.querySelector('.mid')?.textContent).toBe('buy.stripe.com/test_4gw5lB1Rn4cZ9bZ000');
  });

  it('keeps each part of the cookie row whole: the value, then the expiry', () => {
    renderPopup({});
    const parts = [...row('cookie').querySelectorAll('.part')].map((p) => p.textContent);
    expect(parts).toEqual(['partnero_partner=TEST,', 'expires 2026-10-21']);
  });
});

describe('page context and tools', () => {
  it('shows the checked page as host + path, the full address on hover', () => {
    renderPopup({});
    const shown = screen.getByTestId('page-url').querySelector('.mid');
    expect(shown?.textContent).toBe('127.0.0.1:8080/pricing.html');
    expect(shown?.getAttribute('title')).toBe(URL_OK);
  });

  it('Copy report copies the JSON report of this page and says Copied', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(writeText);
    renderPopup({ links: [{ ...starter, ...clicked }] });
    expect(button('Copied')).toBeNull();
    fireEvent.click(button('Copy report') as HTMLElement);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    const report = JSON.parse(writeText.mock.calls[0]?.[0] ?? '{}');
    expect(report).toMatchObject({
      tool: 'partnero-inspector',
      version: '1.2.3',
      browser: 'chrome 156.0.0.0',
      summary: { errors: 0, warnings: 0, infos: 0 },
      pages: [{ finalUrl: URL_OK, cookie: { partnero_partner: 'TEST' }, links: [{ afterClick: 'TEST' }] }],
    });
  });

  it('Open panel asks to open the panel, and says how to reach it in DevTools', () => {
    const { actions } = renderPopup({});
    fireEvent.click(button('Open panel') as HTMLElement);
    expect(actions.openPanel).toHaveBeenCalledOnce();
    expect(document.querySelector('.tools')?.textContent).toContain('or F12 → Partnero tab');
  });

  it.each([
    ['Test links', 'testLinks'],
    ['Simulate a referred visit', 'simulateReferral'],
  ] as const)('%s is there on a page with the loader and links, and asks for it', (name, action) => {
    const { actions } = renderPopup({ links: [starter], clickTest: 'idle' }, [unverified('#buy-starter')]);
    fireEvent.click(button(name) as HTMLElement);
    expect(actions[action]).toHaveBeenCalledOnce();
  });

  it('no Test links on a page without Payment Links (a confirmation page)', () => {
    renderPopup({ links: [] });
    expect(button('Test links')).toBeNull();
    expect(button('Simulate a referred visit')).not.toBeNull();
  });
});
