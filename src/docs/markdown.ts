/**
 * A small Markdown reader for the subset docs/rules.md uses: headings (`#`–`###`, with an
 * optional `<a id="…"></a>` line above naming the anchor), paragraphs, fenced code blocks,
 * `-` lists, and inline code, bold, italics and links to anchors in the same document. It returns
 * plain data; the views render it as text nodes, so nothing in the file is ever parsed as
 * HTML. Anything outside the subset stays literal text.
 */

/** Inline content of a paragraph, list item or heading. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  /** Only links to an anchor of the same document (`#id`); other links stay text. */
  | { kind: 'link'; href: `#${string}`; children: Inline[] };

/** One block of the document. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; id: string; text: string; content: Inline[] }
  /** `source`: the paragraph's Markdown, lines joined by one space. */
  | { kind: 'paragraph'; source: string; content: Inline[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'list'; items: Inline[][] };

const HEADING = /^(#{1,3}) +(.+)$/;
const ANCHOR = /^<a id="([^"<>]+)"><\/a>$/;
const FENCE = /^```([\w-]*)$/;
const ITEM = /^- +(.*)$/;
/** Code, bold, italics (`*x*`, or `_x_` not inside a word: `client_reference_id` stays text), links. */
const INLINE =
  /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![\p{L}\p{N}_])_([^_\s](?:[^_]*[^_\s])?)_(?![\p{L}\p{N}_])|\[([^\]]+)\]\((#[^)\s]+)\)/gu;

/** Inline Markdown: code spans, bold and italics (which may hold code), `[text](#anchor)` links. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of source.matchAll(INLINE)) {
    const [whole, code, strong, star, underscore, label, href] = match;
    const em = star ?? underscore;
    if (match.index > last) out.push({ kind: 'text', text: source.slice(last, match.index) });
    if (code !== undefined) out.push({ kind: 'code', text: code });
    else if (strong !== undefined) out.push({ kind: 'strong', children: parseInline(strong) });
    else if (em !== undefined) out.push({ kind: 'em', children: parseInline(em) });
    else if (label !== undefined && href !== undefined)
      out.push({ kind: 'link', href: href as `#${string}`, children: parseInline(label) });
    last = match.index + whole.length;
  }
  if (last < source.length) out.push({ kind: 'text', text: source.slice(last) });
  return out;
}

/** The text of inline content without its markup. */
export function plainText(content: readonly Inline[]): string {
  return content.map((node) => ('children' in node ? plainText(node.children) : node.text)).join('');
}

/** An anchor for a heading that has no explicit one: lower case, words joined by `-`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s._-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Reads a fenced code block starting at `start` (the fence line); returns it and the next line. */
function readFence(lines: readonly string[], start: number, lang: string): [Block, number] {
  let end = start + 1;
  while (end < lines.length && lines[end] !== '```') end++;
  return [{ kind: 'code', lang, text: lines.slice(start + 1, end).join('\n') }, end + 1];
}

/** Reads a `-` list; an item continues on following lines indented by two spaces. */
function readList(lines: readonly string[], start: number): [Block, number] {
  const items: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const item = ITEM.exec(line);
    if (item) items.push(item[1] ?? '');
    else if (line.startsWith('  ') && line.trim() !== '' && items.length > 0)
      items[items.length - 1] += ` ${line.trim()}`;
    else break;
  }
  return [{ kind: 'list', items: items.map(parseInline) }, i];
}

/** Reads a paragraph: lines up to a blank line or the start of another block. */
function readParagraph(lines: readonly string[], start: number): [Block, number] {
  const parts: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || (i > start && startsBlock(line))) break;
    parts.push(line.trim());
  }
  const source = parts.join(' ');
  return [{ kind: 'paragraph', source, content: parseInline(source) }, i];
}

const startsBlock = (line: string) =>
  HEADING.test(line) || ANCHOR.test(line) || FENCE.test(line) || ITEM.test(line);

/** The blocks of a Markdown document, in order. */
export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let anchor: string | null = null;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const heading = HEADING.exec(line);
    const fence = FENCE.exec(line);
    const explicit = ANCHOR.exec(line);
    let block: Block | null = null;
    if (line.trim() === '') i++;
    else if (explicit) {
      anchor = explicit[1] ?? null;
      i++;
    } else if (heading) {
      const text = heading[2] ?? '';
      const content = parseInline(text);
      const level = (heading[1] ?? '#').length as 1 | 2 | 3;
      block = { kind: 'heading', level, id: anchor ?? slug(plainText(content)), text, content };
      i++;
    } else if (fence) [block, i] = readFence(lines, i, fence[1] ?? '');
    else if (ITEM.test(line)) [block, i] = readList(lines, i);
    else [block, i] = readParagraph(lines, i);
    if (block) blocks.push(block);
    if (block?.kind === 'heading') anchor = null;
  }
  return blocks;
}

/** One `##` section: its heading and the blocks up to the next `##` (or `#`) heading. */
export interface Section {
  heading: Extract<Block, { kind: 'heading' }>;
  blocks: Block[];
}

/** The document's `##` sections, in order; a `#` heading ends the section before it. */
export function sections(blocks: readonly Block[]): Section[] {
  const out: Section[] = [];
  let current: Section | null = null;
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level <= 2) {
      current = block.level === 2 ? { heading: block, blocks: [] } : null;
      if (current) out.push(current);
    } else current?.blocks.push(block);
  }
  return out;
}
