/** The popup's one-line answer for a page, and the tone of the banner that carries it. */
import type { TabSnapshot } from '../../protocol/messages';
import type { ChecklistItem } from '../../report/checklist';
import type { MarkKind } from '../../report/marks';
import { plural } from '../../report/text';
import { summarize } from '../../rules';

/** What the banner at the top says. */
export interface Verdict {
  /** `busy` while the page is watched or its links are being tested; else the banner's mark. */
  tone: MarkKind | 'busy';
  title: string;
  note?: string;
}

/** Anything of Partnero on the page: a finding, or a checklist row that applies. */
export function partneroSeen(findings: readonly unknown[], rows: readonly ChecklistItem[]): boolean {
  return findings.length > 0 || rows.some((row) => row.status !== 'none');
}

/**
 * Counts only once the watch is over (rules about what never happened decide then) and no
 * click test is running; infos and not-verified links are not problems, so they never
 * turn the verdict amber or red.
 */
export function verdictOf({ page, findings }: TabSnapshot, rows: readonly ChecklistItem[]): Verdict {
  if (page.clickTest === 'running')
    return {
      tone: 'busy',
      title: 'Testing links…',
      note: "Each Payment Link is clicked with navigation stopped, so the page's own helper runs.",
    };
  if (!page.watchEnded)
    return {
      tone: 'busy',
      title: 'Watching the page…',
      note: page.clickTestAtEnd
        ? 'Its Payment Links are tested when the page has settled.'
        : 'The verdict follows when the page has settled.',
    };
  if (!partneroSeen(findings, rows))
    return {
      tone: 'none',
      title: 'No Partnero tracking on this page',
      note: 'No Partnero loader, referral cookie or Stripe Payment Link was found.',
    };
  const { errors, warnings } = summarize(findings);
  if (errors || warnings) {
    const rowsAffected = rows.filter((r) => r.status === 'error' || r.status === 'warning');
    return {
      tone: errors ? 'error' : 'warning',
      title: `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
      note: `See ${rowsAffected.map((r) => r.label).join(', ')}.`,
    };
  }
  const unverified = findings.filter((f) => f.unverified).length;
  if (unverified)
    return {
      tone: 'ok',
      title: 'Looks good',
      note: `${plural(unverified, 'Payment Link')} not verified yet: Test links clicks them.`,
    };
  return { tone: 'ok', title: 'All checks passed.' };
}
