/**
 * The Status cell of a Payment Link or embed, in words for people ("missing id", "ok after
 * click", "not verified") with its mark; the rule ids stay in the findings behind it.
 */
import type { Finding, LinkRecord, RuleId } from '../model/types';
import { MARKS, type MarkKind } from '../report/marks';
import { targetsLink } from '../report/page-facts';
import { SEVERITIES } from '../report/severity';
import { worstMark } from './event-severity';

export interface LinkStatus {
  mark: MarkKind;
  /** What the Status cell says. */
  words: string;
  /** Every finding about the link, for the details and the cell's tooltip. */
  findings: Finding[];
}

/** Each link rule in a few words; a rule missing here says its mark's words ("broken"). */
const WORDS: Partial<Record<RuleId, string>> = {
  'link.missing-client-reference-id': 'missing id',
  'embed.missing-client-reference-id': 'missing id',
  'link.client-reference-id-mismatch': 'wrong id',
  'link.client-reference-id-invalid': 'invalid id',
  'link.client-reference-id-preset': 'id preset by the page',
  'link.test-mode': 'test mode',
  'checkout.navigation-not-attributed': 'checkout without id',
};

/** The words of `findings`, most severe first, each once. */
function wordsOf(findings: readonly Finding[]): string {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  return [...new Set(sorted.map((f) => WORDS[f.rule] ?? MARKS[worstMark([f]) ?? 'none'].words))].join(', ');
}

/** What the findings and the clicks say of a link: problems first, then what is not verified yet. */
export function linkStatus(link: LinkRecord, findings: readonly Finding[]): LinkStatus {
  const about = findings.filter((f) => targetsLink(f, link));
  const status = (mark: MarkKind, words: string): LinkStatus => ({ mark, words, findings: about });
  const problems = about.filter((f) => f.severity !== 'info');
  if (problems.length) return status(worstMark(problems) ?? 'error', wordsOf(problems));
  if (about.some((f) => f.unverified)) return status('unverified', MARKS.unverified.words);
  if (link.removed) return status('none', 'removed from the page');
  if (about.length) return status('none', wordsOf(about));
  if (link.afterClick !== undefined) return status('ok', 'ok after click');
  return link.clientReferenceId ? status('ok', 'ok') : status('none', 'not clicked yet');
}

/** `client_reference_id` after a click: absent = never clicked, null = clicked, still none. */
export function afterClickText(link: LinkRecord): string {
  if (link.afterClick === undefined) return 'not clicked';
  const by = link.clickedBy === 'test' ? ' (test click)' : link.clickedBy === 'user' ? ' (your click)' : '';
  return `${link.afterClick ?? 'none'}${by}`;
}
