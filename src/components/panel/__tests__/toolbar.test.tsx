/**
 * The toolbar as a user meets it: the page actions (Test all links, Simulate a referred
 * visit) with their states and reasons, and the filter's syntax help and its complaints.
 */
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { call, journey, snap } from '../../../panel/__tests__/journey';
import { link } from '../../../report/__tests__/fixtures';
import { renderPanel, rowTexts } from './setup';

const button = (name: RegExp | string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const pricing = snap({ url: 'https://shop.test/pricing', links: [link()], clickTest: 'idle' });

describe('Test all links', () => {
  it('asks the background to test every link, and says so until it answers', async () => {
    let answer: () => void = () => undefined;
    const { actions } = renderPanel([pricing]);
    actions.testLinks.mockImplementation(() => new Promise<void>((done) => (answer = done)));
    fireEvent.click(button('Test all links'));
    expect(actions.testLinks).toHaveBeenCalledTimes(1);
    expect(button('Testing links…').disabled).toBe(true);
    await act(async () => answer());
    expect(button('Test all links').disabled).toBe(false);
  });

  it('says “Testing links…” while the page’s click test runs, whoever started it', () => {
    renderPanel([{ ...pricing, page: { ...pricing.page, clickTest: 'running' } }]);
    expect(button('Testing links…').disabled).toBe(true);
  });

  it('is disabled, saying why, on a page without Payment Links', () => {
    renderPanel([snap({ url: 'https://shop.test/' })]);
    expect(button('Test all links').disabled).toBe(true);
    expect(button('Test all links').title).toBe('No Payment Link on this page to test');
  });
});

describe('Simulate a referred visit', () => {
  it("reopens the page with the program's referral parameter", () => {
    const { actions } = renderPanel([pricing]);
    fireEvent.click(button('Simulate a referred visit'));
    expect(actions.openUrl).toHaveBeenCalledWith('https://shop.test/pricing?aff=TEST');
  });

  it('uses the parameter the program settings name', () => {
    const custom = snap({
      url: 'https://shop.test/?x=1',
      calls: [call(['program', 'abc', 'settings', { link_param: 'ref' }])],
    });
    const { actions } = renderPanel([custom]);
    fireEvent.click(button('Simulate a referred visit'));
    expect(actions.openUrl).toHaveBeenCalledWith('https://shop.test/?x=1&ref=TEST');
  });

  it('is disabled, saying why, where there is no web page', () => {
    renderPanel([snap({ url: 'about:blank' })]);
    expect(button('Simulate a referred visit').disabled).toBe(true);
    expect((button('Simulate a referred visit').parentElement as HTMLElement).title).toMatch(
      /only a web page/i,
    );
  });

  it('is not offered where the panel cannot act on a page', () => {
    renderPanel(journey, { actions: { reveal() {}, clickTest() {} } });
    expect(screen.queryByRole('button', { name: 'Simulate a referred visit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Test all links' })).toBeNull();
  });
});

describe('filter', () => {
  const filter = () => screen.getByRole('searchbox', { name: 'Filter' });

  it('says a kind is unknown instead of silently showing everything', () => {
    const { container } = renderPanel(journey, { initialPreserve: true });
    fireEvent.input(filter(), { target: { value: 'kind:nonsense' } });
    expect(screen.getByRole('status').textContent).toBe(
      'No kind “nonsense”: the kinds are call, transaction, link, cookie, request, finding, navigation.',
    );
    expect(rowTexts(container).filter((t) => !t.startsWith('Page '))).toEqual([]);
    fireEvent.input(filter(), { target: { value: 'kind:call' } });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('lists its syntax and kinds on “?”, and a kind adds itself to the filter', () => {
    renderPanel(journey);
    fireEvent.click(button('Filter syntax'));
    const help = screen.getByRole('dialog', { name: 'Filter syntax' });
    expect(within(help).getByText('-program')).toBeTruthy();
    expect(within(help).getByText('kind:call,request')).toBeTruthy();
    fireEvent.input(filter(), { target: { value: 'amount' } });
    fireEvent.click(within(help).getByRole('button', { name: 'request' }));
    expect((filter() as HTMLInputElement).value).toBe('amount kind:request');
    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Filter syntax' })).toBeNull();
    expect(button('Filter syntax').getAttribute('aria-expanded')).toBe('false');
  });
});
