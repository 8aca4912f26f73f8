/**
 * The five marks, the same in the popup, the panel and the terminal: each means one thing,
 * and each has the words a screen reader says in its place.
 */
import type { Severity } from '../model/types';

/** ✓ fine · ✗ broken · ! risky · `·` nothing to check · ? not verified. */
export const MARK_KINDS = ['ok', 'error', 'warning', 'none', 'unverified'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** The symbol and its spoken words, per mark. */
export const MARKS: Record<MarkKind, { symbol: string; words: string }> = {
  ok: { symbol: '✓', words: 'fine' },
  error: { symbol: '✗', words: 'broken' },
  warning: { symbol: '!', words: 'risky' },
  none: { symbol: '·', words: 'nothing to check' },
  unverified: { symbol: '?', words: 'not verified' },
};

/**
 * The mark of one finding: its severity, except that an info finding is context (`·`), or
 * "not verified" (`?`) when it says a check has not run yet.
 */
export function findingMark(finding: { severity: Severity; unverified?: true | undefined }): MarkKind {
  if (finding.severity !== 'info') return finding.severity;
  return finding.unverified ? 'unverified' : 'none';
}
