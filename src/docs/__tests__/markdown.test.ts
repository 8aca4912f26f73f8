// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type Block, type Inline, parseInline, parseMarkdown, sections, slug } from '../markdown';

const text = (t: string): Inline => ({ kind: 'text', text: t });

describe('parseInline', () => {
  it.each<[string, string, Inline[]]>([
    ['plain text', 'just text', [text('just text')]],
    ['code span', 'run `po()` now', [text('run '), { kind: 'code', text: 'po()' }, text(' now')]],
    [
      'bold holding code',
      '**`a`!**',
      [{ kind: 'strong', children: [{ kind: 'code', text: 'a' }, text('!')] }],
    ],
    [
      'italics',
      'a *not verified* link',
      [text('a '), { kind: 'em', children: [text('not verified')] }, text(' link')],
    ],
    [
      'link to an anchor',
      'see [x.y](#x.y).',
      [text('see '), { kind: 'link', href: '#x.y', children: [text('x.y')] }, text('.')],
    ],
    ['a link elsewhere stays text', '[bad](https://evil.test)', [text('[bad](https://evil.test)')]],
    ['a javascript: link stays text', '[x](javascript:alert(1))', [text('[x](javascript:alert(1))')]],
    ['markup inside code is literal', '`**no**`', [{ kind: 'code', text: '**no**' }]],
    ['HTML is text', '<img src=x onerror=alert(1)>', [text('<img src=x onerror=alert(1)>')]],
    [
      'italics with underscores',
      'use _Test links_.',
      [text('use '), { kind: 'em', children: [text('Test links')] }, text('.')],
    ],
    [
      'underscores inside words are text',
      'client_reference_id and partnero_partner',
      [text('client_reference_id and partnero_partner')],
    ],
    ['a lone star is text', '`*.test` and 2 * 3', [{ kind: 'code', text: '*.test' }, text(' and 2 * 3')]],
  ])('%s', (_name, source, expected) => {
    expect(parseInline(source)).toEqual(expected);
  });
});

describe('parseMarkdown', () => {
  const DOC = [
    '# Title',
    '',
    'First line',
    'continues here.',
    '',
    '- one',
    '  more of one',
    '- two',
    '',
    '<a id="rule.one"></a>',
    '## rule.one',
    '',
    '```js',
    "const a = '<b>';",
    '',
    'po();',
    '```',
    '### Sub heading!',
    '<script>alert(1)</script>',
  ].join('\n');

  it('reads headings, anchors, paragraphs, lists and code blocks, in order', () => {
    expect(parseMarkdown(DOC)).toEqual<Block[]>([
      { kind: 'heading', level: 1, id: 'title', text: 'Title', content: [text('Title')] },
      {
        kind: 'paragraph',
        source: 'First line continues here.',
        content: [text('First line continues here.')],
      },
      { kind: 'list', items: [[text('one more of one')], [text('two')]] },
      { kind: 'heading', level: 2, id: 'rule.one', text: 'rule.one', content: [text('rule.one')] },
      { kind: 'code', lang: 'js', text: "const a = '<b>';\n\npo();" },
      { kind: 'heading', level: 3, id: 'sub-heading', text: 'Sub heading!', content: [text('Sub heading!')] },
      {
        kind: 'paragraph',
        source: '<script>alert(1)</script>',
        content: [text('<script>alert(1)</script>')],
      },
    ]);
  });

  it('reads Windows line ends and an unterminated code block', () => {
    expect(parseMarkdown('a\r\n\r\n```\r\nx')).toEqual<Block[]>([
      { kind: 'paragraph', source: 'a', content: [text('a')] },
      { kind: 'code', lang: '', text: 'x' },
    ]);
  });

  it('groups blocks into ## sections; a # heading ends one', () => {
    const found = sections(parseMarkdown(`${DOC}\n# Next\nafter`));
    expect(found.map((s) => [s.heading.id, s.blocks.map((b) => b.kind)])).toEqual([
      ['rule.one', ['code', 'heading', 'paragraph']],
    ]);
  });
});

describe('slug', () => {
  it.each([
    ['Partnero Inspector rules', 'partnero-inspector-rules'],
    ['snippet.missing', 'snippet.missing'],
    ['  Why?  Money!', 'why-money'],
  ])('%s → %s', (input, expected) => {
    expect(slug(input)).toBe(expected);
  });
});
