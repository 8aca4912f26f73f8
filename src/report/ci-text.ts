/** A finding as one line of plain text for CI tools (GitHub annotations, GitLab Code Quality). */
import { type CauseNode, explainedCount } from './cause-tree';
import type { FindingReport } from './schema';
import { clean } from './text';

/**
 * A root finding on one line: its message, how many findings it explains, the element or URL
 * it is about. Page text goes through `clean()`: no line breaks, controls or escape sequences.
 */
export function findingLine(node: CauseNode<FindingReport>): string {
  const { finding } = node;
  const where = finding.target?.selector ?? finding.target?.href;
  const more = explainedCount(node);
  return [
    clean(finding.message, 1000),
    more > 0 ? ` (it explains ${more} more finding${more === 1 ? '' : 's'})` : '',
    where === undefined ? '' : ` at ${clean(where, 300)}`,
  ].join('');
}
