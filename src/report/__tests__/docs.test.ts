// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildPageReport } from '../build';
import { ruleDocsPath, withDocs } from '../docs';
import { FindingReportSchema } from '../schema';
import { finding, page } from './fixtures';

describe('withDocs', () => {
  const report = buildPageReport('http://shop.test/', page(), [
    finding('snippet.missing', 'error'),
    finding('snippet.queue-stuck', 'error', { causedBy: 'snippet.missing' }),
  ]);

  it('adds to each finding its section of docs/rules.md, relative to the package root', () => {
    expect(withDocs(report).findings.map((f) => [f.rule, f.docs])).toEqual([
      ['snippet.missing', 'docs/rules.md#snippet.missing'],
      ['snippet.queue-stuck', 'docs/rules.md#snippet.queue-stuck'],
    ]);
  });

  it('changes nothing else, and the schema accepts the added key', () => {
    const { findings, ...rest } = withDocs(report);
    const { findings: before, ...restBefore } = report;
    expect(rest).toStrictEqual(restBefore);
    expect(findings.map(({ docs: _docs, ...f }) => f)).toStrictEqual(before);
    for (const f of findings) expect(FindingReportSchema.parse(f)).toStrictEqual(f);
  });

  it('names the section by the rule id', () => {
    expect(ruleDocsPath('link.test-mode')).toBe('docs/rules.md#link.test-mode');
  });
});
