// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../model/types';
import { buildPageReport, buildReport } from '../build';
import { escapeMarkdown, toMarkdownSummary } from '../markdown';
import { finding, link, page, placeholderFindings } from './fixtures';

const reportOf = (...pages: [string, Finding[], ReturnType<typeof page>?][]) =>
  buildReport({
    version: '1.2.3',
    browser: 'chrome 156',
    startedAt: '2026-11-26T21:00:00.000Z',
    pages: pages.map(([url, findings, state]) => buildPageReport(url, state ?? page(), findings)),
  });

/** The cells of each table row (a `|` escaped as `\|` stays inside its cell). */
const rows = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));

const hostile =
  'x</td><img src=x onerror=alert(1)>|`code`*bold* [a](javascript:alert(1)) ![i](http://t/i.png)\n# Forged heading\n| forged | row |';

describe('toMarkdownSummary', () => {
  const broken = reportOf(
    [
      'http://shop.test/pricing',
      [
        finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy' } }),
        finding('link.test-mode', 'warning', { target: { selector: 'a#test' } }),
      ],
      page({
        links: [link({ selector: 'a#buy' }), link({ selector: 'a#test' }), link({ selector: 'a#ok' })],
      }),
    ],
    ['http://shop.test/thanks', [], page({ queueName: null })],
  );

  it('a failing check: ❌ headline with the counts, a row per page', () => {
    const md = toMarkdownSummary(broken, { failOn: 'error' });
    expect(md.split('\n')[0]).toBe('## ❌ Partnero Inspector: 1 error, 1 warning, 0 infos — 2 pages checked');
    expect(rows(md)).toEqual([
      ['Page', 'Loader', 'Links ok / problems', 'Errors', 'Warnings'],
      ['http\\://shop.test/pricing', '✅', '1 / 2', '1', '1'],
      ['http\\://shop.test/thanks', '❌ none', '0 / 0', '0', '0'],
    ]);
  });

  it('⚠️ when findings do not fail the check, ✅ when there are none', () => {
    expect(toMarkdownSummary(broken, { failOn: 'never' })).toMatch(/^## ⚠️ /);
    expect(toMarkdownSummary(reportOf(['http://shop.test/', []]), { failOn: 'warning' })).toMatch(/^## ✅ /);
  });

  it('lists findings under their page, rule ids linked to their section online', () => {
    const md = toMarkdownSummary(broken, { failOn: 'error', docs: 'https://github.com/o/r/blob/v1' });
    expect(md).toContain('### Findings\n\n**http\\://shop.test/pricing**\n\n');
    expect(md).toContain(
      '- ❌ [`link.missing-client-reference-id`](https://github.com/o/r/blob/v1/docs/rules.md#link.missing-client-reference-id): link.missing-client-reference-id happened (at a\\#buy)',
    );
    expect(md).not.toContain('**http\\://shop.test/thanks**');
  });

  it('rule ids stay unlinked without an http(s) catalog address', () => {
    for (const docs of [undefined, 'javascript:alert(1)//']) {
      const md = toMarkdownSummary(broken, { failOn: 'error', docs });
      expect(md).toContain('- ❌ `link.missing-client-reference-id`: ');
      expect(md).not.toContain('](');
    }
  });

  it('consequences are nested under their cause', () => {
    const md = toMarkdownSummary(reportOf(['http://shop.test/', placeholderFindings]), { failOn: 'error' });
    expect(md).toContain(
      [
        '- ❌ `program.placeholder`: program.placeholder happened',
        '  - because of it:',
        '    - ❌ `snippet.queue-stuck`: snippet.queue-stuck happened',
        '      - because of it:',
        '        - ❌ `cookie.missing-after-referral`: cookie.missing-after-referral happened',
      ].join('\n'),
    );
  });

  it('hostile page text adds no HTML, heading, link, image, row or line', () => {
    const report = reportOf([
      `http://shop.test/?q=${encodeURIComponent('|')}|<b>`,
      [finding('program.placeholder', 'error', { message: hostile, target: { selector: hostile } })],
    ]);
    const md = toMarkdownSummary(report, { failOn: 'error' });
    expect(md).not.toMatch(/<[a-z/]/i);
    // No link, image or code span but the rule ids' own: every other `[` and backtick is escaped.
    expect(md.replace(/`[a-z]+\.[a-z-]+`/g, '')).not.toMatch(/(?<!\\)[[`]/);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      expect.stringMatching(/^## ❌ /),
      '### Findings',
    ]);
    expect(rows(md).map((cells) => cells.length)).toEqual([5, 5]);
    const item = md.split('\n').find((l) => l.startsWith('- ❌'));
    expect(item).toContain('Forged heading');
    expect(md.split('\n').filter((l) => l.includes('forged'))).toHaveLength(1);
  });
});

describe('escapeMarkdown', () => {
  it('makes every Markdown and HTML character literal, on one line', () => {
    expect(escapeMarkdown('a|b `c` <d> & *e* _f_ [g](h) #i $j$ ~k~ :l: \\m\nn')).toBe(
      'a\\|b \\`c\\` &lt;d&gt; &amp; \\*e\\* \\_f\\_ \\[g\\]\\(h\\) \\#i \\$j\\$ \\~k\\~ \\:l\\: \\\\m n',
    );
  });

  it('caps the length', () => {
    expect(escapeMarkdown('x'.repeat(400), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
