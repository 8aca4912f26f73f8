/** The rules page renders Markdown as elements and text only: no HTML from the file is parsed. */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../docs/markdown';
import { MarkdownView } from '../markdown-view';

// Vitest runs without globals, so the library cannot register its own cleanup.
afterEach(cleanup);

const DOC = `# Rules

See [snippet.missing](#snippet.missing), **bold**, *not verified*, \`code\`.

- one <b>two</b>

<a id="snippet.missing"></a>
## snippet.missing

<img src=x onerror="window.pwned=1">

\`\`\`html
<script>window.pwned = 1</script>
\`\`\`
`;

describe('MarkdownView', () => {
  it('renders the subset as elements, with each rule heading under its anchor', () => {
    const { container } = render(<MarkdownView blocks={parseMarkdown(DOC)} />);
    expect(container.innerHTML).toBe(
      [
        '<article class="doc">',
        '<h1 id="rules">Rules</h1>',
        '<p>See <a href="#snippet.missing">snippet.missing</a>, <strong>bold</strong>, <em>not verified</em>, <code>code</code>.</p>',
        '<ul><li>one &lt;b&gt;two&lt;/b&gt;</li></ul>',
        '<h2 id="snippet.missing" tabindex="-1">snippet.missing</h2>',
        '<p>&lt;img src=x onerror="window.pwned=1"&gt;</p>',
        '<pre tabindex="0" data-lang="html"><code>&lt;script&gt;window.pwned = 1&lt;/script&gt;</code></pre>',
        '</article>',
      ].join(''),
    );
    expect(container.querySelectorAll('img, script, b')).toHaveLength(0);
  });
});
