/**
 * The rule catalog inside the extension (`rules.html#<rule id>`, opened by each finding's
 * Learn more link): docs/rules.md, bundled as text at build time and rendered as text nodes.
 */
import { render } from 'preact';
import RULES_MARKDOWN from '../../docs/rules.md?raw';
import { MarkdownView } from '../../src/components/rules/markdown-view';
import { parseMarkdown } from '../../src/docs/markdown';
import './style.css';

/** Brings the rule named in the address into view (the page was empty when the browser looked). */
function showTarget(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  target?.scrollIntoView();
  target?.focus({ preventScroll: true });
}

render(
  <MarkdownView blocks={parseMarkdown(RULES_MARKDOWN)} />,
  document.getElementById('app') as HTMLElement,
);
showTarget();
