// @vitest-environment node
/**
 * docs/rules.md is part of the product (the extension's rules page, the CLI's pointers): it
 * must hold one section per rule of the registry, in catalog order, opening with the rule's
 * own summary and naming exactly the severities the rule can give.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Block,
  type Inline,
  parseMarkdown,
  plainText,
  type Section,
  sections,
} from '../../docs/markdown';
import { RULE_IDS, type RuleId, type Severity } from '../../model/types';
import { RULES } from '../registry';
import { RULE_SEVERITIES } from '../severities';

const MARKDOWN = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
const BLOCKS = parseMarkdown(MARKDOWN);
const SECTIONS = sections(BLOCKS);
const SEVERITY_WORDS: readonly string[] = ['error', 'warning', 'info'] satisfies Severity[];

const section = (id: RuleId): Section => {
  const found = SECTIONS.find((s) => s.heading.id === id);
  if (!found) throw new Error(`no section for ${id}`);
  return found;
};

/** Bold words of inline content, e.g. the severities of `Severity: **error** when …`. */
const boldWords = (content: readonly Inline[]): string[] =>
  content.flatMap((node) => (node.kind === 'strong' ? [plainText(node.children)] : []));

/** Every inline link of the document, wherever it sits. */
function links(blocks: readonly Block[]): string[] {
  const of = (content: readonly Inline[]): string[] =>
    content.flatMap((node) =>
      node.kind === 'link' ? [node.href, ...of(node.children)] : 'children' in node ? of(node.children) : [],
    );
  return blocks.flatMap((block) =>
    block.kind === 'paragraph' || block.kind === 'heading'
      ? of(block.content)
      : block.kind === 'list'
        ? block.items.flatMap(of)
        : [],
  );
}

describe('docs/rules.md', () => {
  it('has one section per rule, in catalog order, and none for an unknown id', () => {
    expect(SECTIONS.map((s) => s.heading.text)).toEqual([...RULE_IDS]);
    expect(RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
  });

  it.each(RULE_IDS)('%s: its anchor is the id itself, written exactly', (id) => {
    expect(section(id).heading.id).toBe(id);
    expect(MARKDOWN).toContain(`<a id="${id}"></a>\n\n## ${id}\n`);
  });

  it.each(RULE_IDS)('%s: opens with the rule summary, then its severities', (id) => {
    const [summary, severity] = section(id).blocks;
    expect(summary?.kind === 'paragraph' && summary.source).toBe(RULE_SEVERITIES[id].summary);
    expect(severity?.kind === 'paragraph' && severity.source.startsWith('Severity: **')).toBe(true);
    const words = severity?.kind === 'paragraph' ? boldWords(severity.content) : [];
    expect(words.every((word) => SEVERITY_WORDS.includes(word))).toBe(true);
    expect([...new Set(words)].sort()).toEqual([...RULE_SEVERITIES[id].severities].sort());
  });

  it.each(RULE_IDS)('%s: says what it means, why money is lost, and the fix with an example', (id) => {
    const { blocks } = section(id);
    const leads = blocks.flatMap((b) => (b.kind === 'paragraph' ? boldWords(b.content).slice(0, 1) : []));
    expect(leads).toEqual(expect.arrayContaining(['What it means.', 'Why money is lost.', 'Fix.']));
    expect(blocks.some((b) => b.kind === 'code' && b.text.trim() !== '')).toBe(true);
  });

  it('links only to its own sections', () => {
    const anchors = new Set(BLOCKS.flatMap((b) => (b.kind === 'heading' ? [`#${b.id}`] : [])));
    const targets = links(BLOCKS);
    expect(targets.length).toBeGreaterThan(RULE_IDS.length);
    expect(targets.filter((href) => !anchors.has(href))).toEqual([]);
    expect(MARKDOWN).not.toMatch(/\]\((?!#)/);
  });
});

describe('RULE_SEVERITIES', () => {
  it('has one entry per rule, in catalog order', () => {
    expect(Object.keys(RULE_SEVERITIES)).toEqual([...RULE_IDS]);
  });

  it.each(RULE_IDS)('%s: one plain sentence and at least one severity', (id) => {
    const { summary, severities } = RULE_SEVERITIES[id];
    expect(summary).toMatch(/^[^\s`*[\]]([^`*[\]\n]*[^\s`*[\]])?\.$/);
    expect(summary.slice(0, -1)).not.toMatch(/[.!?] /);
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.every((s) => SEVERITY_WORDS.includes(s))).toBe(true);
  });
});
