/**
 * Renders parsed Markdown (src/docs/markdown.ts) with Preact: every piece of the document
 * becomes a text node, and the only links are to anchors of the same page, so the rules page
 * can show docs/rules.md without ever handing its text to an HTML parser.
 */
import type { ComponentChildren } from 'preact';
import type { Block, Inline } from '../../docs/markdown';

function InlineView({ nodes }: { nodes: readonly Inline[] }) {
  return (
    <>
      {nodes.map((node, i) => {
        const key = `${node.kind}-${i}`;
        if (node.kind === 'text') return node.text;
        if (node.kind === 'code') return <code key={key}>{node.text}</code>;
        const children = <InlineView nodes={node.children} />;
        if (node.kind === 'strong') return <strong key={key}>{children}</strong>;
        if (node.kind === 'em') return <em key={key}>{children}</em>;
        return (
          <a key={key} href={node.href}>
            {children}
          </a>
        );
      })}
    </>
  );
}

function Heading({ block }: { block: Extract<Block, { kind: 'heading' }> }) {
  const content: ComponentChildren = <InlineView nodes={block.content} />;
  if (block.level === 1) return <h1 id={block.id}>{content}</h1>;
  if (block.level === 2)
    return (
      <h2 id={block.id} tabIndex={-1}>
        {content}
      </h2>
    );
  return <h3 id={block.id}>{content}</h3>;
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return <Heading block={block} />;
    case 'paragraph':
      return (
        <p>
          <InlineView nodes={block.content} />
        </p>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={`item-${i}`}>
              <InlineView nodes={item} />
            </li>
          ))}
        </ul>
      );
    case 'code':
      // Focusable, so a code block wider than the page can be scrolled with the keyboard.
      return (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <pre tabIndex={0} data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
  }
}

/** A whole document, block by block. */
export function MarkdownView({ blocks }: { blocks: readonly Block[] }) {
  return (
    <article class="doc">
      {blocks.map((block, i) => (
        <BlockView key={`${block.kind}-${i}`} block={block} />
      ))}
    </article>
  );
}
