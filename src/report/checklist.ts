/**
 * The five-row summary shown by the popup and the terminal report. Each row answers one
 * merchant question (is the loader there, which program, is the visitor referred, are the
 * Payment Links attributed, are transactions valid) and carries the findings behind it.
 */
import type { Finding, LinkRecord, PageState } from '../model/types';
import { hasLoader } from '../store/page';
import { MARK_KINDS, type MarkKind } from './marks';
import { programIds, sentTransactions, targetsLink, transactionCalls, universalSeen } from './page-facts';
import { rootFindings, worstSeverity } from './severity';
import { plural } from './text';

/** The rows, in display order. */
export const CHECKLIST_IDS = ['loader', 'program', 'cookie', 'links', 'transactions'] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/**
 * A row's mark (see marks.ts): `error`/`warning` from its findings, `unverified` when what it
 * shows is not verified yet, `ok` when it applies and is fine, `none` when nothing applies.
 */
export const CHECK_STATUSES = MARK_KINDS;
export type CheckStatus = MarkKind;

/** One row: what the popup and the terminal show, with the findings that explain its status. */
export interface ChecklistItem {
  id: ChecklistId;
  label: string;
  status: CheckStatus;
  detail: string;
  findings: Finding[];
}

const LABELS: Record<ChecklistId, string> = {
  loader: 'Loader',
  program: 'Program',
  cookie: 'Referral cookie',
  links: 'Payment Links',
  transactions: 'Transactions',
};

const ROW_OF_AREA: Partial<Record<string, ChecklistId>> = {
  snippet: 'loader',
  po: 'loader',
  settings: 'loader',
  program: 'program',
  cookie: 'cookie',
  link: 'links',
  embed: 'links',
  checkout: 'links',
  transaction: 'transactions',
  customer: 'transactions',
};

/** The row a finding is shown on; a failed request belongs to the row whose call it carried. */
export function rowOf(finding: Finding): ChecklistId {
  const area = finding.rule.slice(0, finding.rule.indexOf('.'));
  if (area !== 'network') return ROW_OF_AREA[area] ?? 'loader';
  const path = URL.parse(finding.target?.href ?? '')?.pathname ?? '';
  return /\/(transactions|customers)(\/|$)/.test(path) ? 'transactions' : 'loader';
}

/** Whether the row applies to the page, and its one-line state. */
type Facts = (page: PageState, findings: Finding[]) => { applies: boolean; detail: string };

const FACTS: Record<ChecklistId, Facts> = {
  loader: (page) => {
    const applies = hasLoader(page);
    // Running only on the extension's own evidence, not on the page's word for it.
    const running = universalSeen(page) ? 'universal.js running' : 'reported running, universal.js not seen';
    const queue = page.queue?.processed
      ? running
      : page.queue && page.queue.pending > 0
        ? `${plural(page.queue.pending, 'call')} waiting`
        : null;
    const parts = [`queue ${page.queueName ?? '?'}`, queue].filter((part) => part !== null);
    const absent = page.heldScripts?.length ? 'held back, not run' : 'not found';
    return { applies, detail: applies ? parts.join(', ') : absent };
  },
  program: (page) => {
    const ids = programIds(page);
    return { applies: ids.length > 0, detail: ids.join(', ') || 'none loaded' };
  },
  cookie: ({ cookie }) => ({
    applies: cookie !== null,
    detail: cookie ? `partnero_partner=${cookie.value}${expiry(cookie.expires)}` : 'not set',
  }),
  links: ({ links }, findings) => {
    if (links.length === 0) return { applies: false, detail: 'none on page' };
    const about = (link: LinkRecord, pick: (f: Finding) => boolean) =>
      findings.some((f) => pick(f) && targetsLink(f, link));
    const bad = links.filter((l) => about(l, (f) => f.severity !== 'info')).length;
    const unverified = links.filter(
      (l) => !about(l, (f) => f.severity !== 'info') && about(l, (f) => f.unverified === true),
    ).length;
    const counts: [number, string][] = [
      [links.length - bad - unverified, 'ok'],
      [bad, 'with problems'],
      [unverified, 'not verified'],
    ];
    const detail = counts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
    return { applies: true, detail: detail.join(', ') };
  },
  transactions: (page, findings) => {
    const calls = transactionCalls(page);
    const invalid = calls.filter(({ index }) =>
      findings.some((f) => f.severity === 'error' && f.target?.call === index),
    ).length;
    // The page's transactions are its top frame's; a frame's are shown as such.
    const top = calls.filter(({ call }) => call.frame === 'top');
    const seen = sentTransactions(page);
    const sent = top.filter(({ index }) => seen.has(index)).length;
    const counts = sent === top.length ? `${sent} sent` : `${top.length} called, ${sent} sent`;
    const framed = calls.length - top.length;
    const frames = framed > 0 ? `, ${plural(framed, 'call')} in frames` : '';
    return {
      applies: calls.length > 0,
      detail: calls.length > 0 ? `${counts} / ${invalid} invalid${frames}` : 'none sent',
    };
  },
};

function expiry(expires: number | null | undefined): string {
  if (expires === null) return ', session cookie';
  const date = new Date((expires ?? Number.NaN) * 1000);
  return Number.isNaN(date.getTime()) ? '' : `, expires ${date.toISOString().slice(0, 10)}`;
}

/**
 * A row's mark: its worst root finding's; a row whose problems are all consequences of
 * another row's still shows them broken (a lost cookie is not "nothing to check"), though
 * only the root is counted; info findings leave a row fine, or not verified when they say so.
 */
function statusOf(own: readonly Finding[], applies: boolean): CheckStatus {
  const problems = own.filter((f) => f.severity !== 'info');
  const worst = worstSeverity(rootFindings(problems)) ?? worstSeverity(problems);
  if (worst === 'error' || worst === 'warning') return worst;
  if (own.some((f) => f.unverified)) return 'unverified';
  return applies ? 'ok' : 'none';
}

/**
 * The checklist of one page. A row whose problems all come from another row's root cause
 * names that row (`— see Program`), so one mistake is explained once.
 */
export function checklist(page: PageState, findings: Finding[]): ChecklistItem[] {
  return CHECKLIST_IDS.map((id) => {
    const own = findings.filter((f) => rowOf(f) === id);
    const { applies, detail } = FACTS[id](page, own);
    const status = statusOf(own, applies);
    const problems = own.filter((f) => f.severity !== 'info');
    const causes = [...new Set(problems.flatMap((f) => (f.causedBy ? [f.causedBy] : [])))];
    const elsewhere = causes.map((rule) => rowOf({ rule } as Finding)).filter((row) => row !== id);
    const explained =
      rootFindings(problems).length === 0 && elsewhere.length > 0
        ? ` — see ${[...new Set(elsewhere)].map((row) => LABELS[row]).join(', ')}`
        : '';
    return { id, label: LABELS[id], status, detail: detail + explained, findings: own };
  });
}
