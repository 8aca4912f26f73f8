import { describe, expect, it } from 'vitest';
import type { Finding, LinkRecord } from '../../model/types';
import { finding, link } from '../../report/__tests__/fixtures';
import { linkStatus } from '../link-status';

const PRO = { target: { selector: 'a#buy-pro' } };
const about = (rule: Finding['rule'], severity: Finding['severity'], extra: Partial<Finding> = {}) =>
  finding(rule, severity, { ...PRO, ...extra });

describe('linkStatus: words for people, never rule ids', () => {
  it.each<{ name: string; l: LinkRecord; f: Finding[]; words: string; mark: string }>([
    {
      name: 'a click showed the id missing',
      l: link({ afterClick: null, clickedBy: 'test' }),
      f: [about('link.missing-client-reference-id', 'error')],
      words: 'missing id',
      mark: 'error',
    },
    {
      name: 'nobody clicked it yet',
      l: link(),
      f: [about('link.missing-client-reference-id', 'info', { unverified: true })],
      words: 'not verified',
      mark: 'unverified',
    },
    {
      name: 'the helper added the id on click',
      l: link({ afterClick: 'TEST', clickedBy: 'test' }),
      f: [],
      words: 'ok after click',
      mark: 'ok',
    },
    {
      name: 'the id is in the link as found',
      l: link({ clientReferenceId: 'TEST' }),
      f: [],
      words: 'ok',
      mark: 'ok',
    },
    {
      name: 'removed from the page',
      l: link({ removed: true }),
      f: [],
      words: 'removed from the page',
      mark: 'none',
    },
    {
      name: 'another partner’s id',
      l: link({ afterClick: 'OTHER', clickedBy: 'test' }),
      f: [about('link.client-reference-id-mismatch', 'error')],
      words: 'wrong id',
      mark: 'error',
    },
    {
      name: 'two problems, the worse first',
      l: link({ afterClick: null, clickedBy: 'test' }),
      f: [about('link.test-mode', 'warning'), about('link.missing-client-reference-id', 'error')],
      words: 'missing id, test mode',
      mark: 'error',
    },
    {
      name: 'a risk only',
      l: link({ afterClick: 'TEST', clickedBy: 'test' }),
      f: [about('link.test-mode', 'warning')],
      words: 'test mode',
      mark: 'warning',
    },
    {
      name: 'context only: the page presets the id',
      l: link({ clientReferenceId: 'order-1' }),
      f: [about('link.client-reference-id-preset', 'info')],
      words: 'id preset by the page',
      mark: 'none',
    },
    {
      name: 'a finding about another link does not count',
      l: link({ afterClick: 'TEST', clickedBy: 'test' }),
      f: [finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy-team' } })],
      words: 'ok after click',
      mark: 'ok',
    },
  ])('$name: $words', ({ l, f, words, mark }) => {
    const status = linkStatus(l, f);
    expect({ words: status.words, mark: status.mark }).toEqual({ words, mark });
    expect(status.words).not.toMatch(/\w\.\w/);
  });
});
