/**
 * The bridge's end of the private channel: linked whichever content script starts first, and
 * afterwards nothing of it on `document` — a page can neither feed it nor learn it is there.
 */
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { HOOK_EVENT, HOOK_LINK, HOOK_LINK_ASK } from '../../protocol/page';
import { linkHook } from '../hook-link';
import { fakeHook } from './fake-hook';

function page() {
  const win = new HappyWindow({ url: 'https://shop.example.com/' });
  return { win, doc: win.document as unknown as Document };
}

describe('linkHook', () => {
  it.each([
    ['the bridge starts first (the manifest order)', true],
    ['the hook starts first', false],
  ])('%s: batches arrive, queries go back', (_name, bridgeFirst) => {
    const { doc } = page();
    const got: unknown[] = [];
    let hook = bridgeFirst ? undefined : fakeHook(doc);
    const query = linkHook(doc, (detail) => got.push(detail));
    hook ??= fakeHook(doc);
    expect(hook.linked()).toBe(true);
    hook.send('[{"t":"loader"}]');
    query('loader:1');
    query('');
    expect(got).toEqual(['[{"t":"loader"}]']);
    expect(hook.queries).toEqual(['loader:1', '']);
  });

  it('once linked, a page that forges the hook or offers its own element gets nothing and learns nothing', () => {
    const { win, doc } = page();
    const got: unknown[] = [];
    linkHook(doc, (detail) => got.push(detail));
    fakeHook(doc);
    const forge = (target: EventTarget) =>
      target.dispatchEvent(
        new win.CustomEvent(HOOK_EVENT, { detail: '[{"t":"call"}]' } as unknown as CustomEventInit) as never,
      );
    forge(doc);
    const forged = doc.createElement('b');
    const taken = !doc.dispatchEvent(
      new win.MouseEvent(HOOK_LINK, { relatedTarget: forged as never, cancelable: true }) as unknown as Event,
    );
    forge(forged);
    expect({ got, taken }).toEqual({ got: [], taken: false });
  });

  it('asks a hook that started first, once, and only before any page script', () => {
    const { win, doc } = page();
    const asked: string[] = [];
    doc.addEventListener(HOOK_LINK_ASK, () => asked.push('ask'));
    linkHook(doc, () => undefined);
    expect(asked).toEqual(['ask']);
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    expect(asked).toEqual(['ask']);
  });
});
