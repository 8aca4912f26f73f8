/**
 * Page data is hostile: every string the page controls is rendered as text. Each row puts
 * markup into every field a view shows and checks that no element was created from it and
 * that no injected script ran.
 */
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../../../model/types';
import { call, req, snap } from '../../../panel/__tests__/journey';
import { journeyReport } from '../../../panel/export';
import { emptyLog, ingest } from '../../../panel/log';
import { finding, link } from '../../../report/__tests__/fixtures';
import { META, renderPanel } from './setup';

declare global {
  var __pwned: number | undefined;
}

const IMG = '<img src=x onerror=globalThis.__pwned=1>';
const SCRIPT = '</script><script>globalThis.__pwned=2</script>';
const SVG = '<svg onload=globalThis.__pwned=3></svg>';
const EVIL = `${IMG}${SCRIPT}${SVG}`;

const payload: Json = {
  data: { key: EVIL, amount: EVIL, customer: { key: EVIL, [IMG]: SCRIPT } },
  [SVG]: [EVIL],
};
const hostile = snap(
  {
    url: `https://shop.test/${EVIL}`,
    calls: [
      call(['program', EVIL, 'load']),
      call(['transactions', 'create', payload], 20),
      call([EVIL, { [EVIL]: EVIL }], 30),
    ],
    links: [
      link({
        text: EVIL,
        href: `https://buy.stripe.com/${EVIL}`,
        selector: EVIL,
        frame: `https://f.test/${EVIL}`,
        clientReferenceId: EVIL,
        afterClick: EVIL,
        hrefAfterClick: EVIL,
        clickedBy: 'test',
      }),
    ],
    cookie: { raw: EVIL, value: EVIL, domain: EVIL, path: EVIL, expires: null },
    requests: [
      req(`https://api.partnero.com/${EVIL}`, {
        method: 'POST',
        status: 422,
        error: EVIL,
        requestBody: EVIL,
        responseBody: `{"message":"${SVG}"}`,
      }),
    ],
    navigations: [{ url: `https://buy.stripe.com/${EVIL}`, at: 50 }],
  },
  [
    finding('transaction.amount', 'error', {
      message: EVIL,
      fix: EVIL,
      target: { call: 1, path: 'data.amount' },
    }),
    finding('transaction.schema', 'error', { message: EVIL, target: { call: 1, path: `data.${EVIL}` } }),
    finding('link.client-reference-id-invalid', 'error', {
      message: EVIL,
      target: { selector: EVIL, frame: `https://f.test/${EVIL}` },
    }),
    finding('cookie.invalid-for-stripe', 'error', { message: EVIL, fix: EVIL }),
  ],
);

const MARKUP = 'img, script, svg, iframe, object, embed';

function expectInert(container: Element): void {
  expect(container.querySelectorAll(MARKUP)).toHaveLength(0);
  expect(globalThis.__pwned).toBeUndefined();
}

afterEach(() => {
  globalThis.__pwned = undefined;
});

describe('page data is shown as text, never markup', () => {
  it.each([
    { tab: 'Timeline', rows: true },
    { tab: 'Transactions', rows: false },
    { tab: 'Links', rows: false },
    { tab: 'Cookie', rows: false },
    { tab: 'Network', rows: true },
    { tab: 'Findings', rows: false },
  ])('$tab', ({ tab, rows }) => {
    const { container } = renderPanel([hostile]);
    fireEvent.click(screen.getByRole('tab', { name: new RegExp(tab) }));
    expectInert(container);
    expect(container.textContent).toContain(IMG);
    if (!rows) return;
    const count = within(screen.getByRole('listbox')).getAllByRole('option').length;
    for (let i = 0; i < count; i++) {
      fireEvent.click(within(screen.getByRole('listbox')).getAllByRole('option')[i] as HTMLElement);
      expectInert(container);
      // Open every branch of the JSON tree too.
      for (const toggle of container.querySelectorAll('.json-toggle[aria-expanded="false"]'))
        fireEvent.click(toggle);
      expectInert(container);
    }
    expect(container.textContent).toContain(SCRIPT);
  });

  it('in an imported capture, including its file name and browser', async () => {
    const report = journeyReport([ingest(emptyLog(), hostile, 0).pages[0] as never], {
      ...META,
      browser: EVIL,
    });
    const { container } = renderPanel([]);
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(report)], `${IMG}.json`)] });
    fireEvent.change(input);
    await screen.findByRole('note', { name: 'Imported capture' });
    for (const tab of screen.getAllByRole('tab')) {
      fireEvent.click(tab);
      expectInert(container);
    }
    expect(container.textContent).toContain(`${IMG}.json · ${EVIL}`);
  });
});
