/**
 * The five-row summary shown by the popup and the terminal report. Each row answers one
 * merchant question (is the loader there, which program, is the visitor referred, are the
 * Payment Links attributed, are transactions valid) and carries the findings behind it.
 */
import type { Finding, PageState } from '../model/types';
import { programIds, targetsLink, transactionCalls } from './page-facts';
import { rootFindings, worstSeverity } from './severity';
import { plural } from './text';

/** The rows, in display order. */
export const CHECKLIST_IDS = ['loader', 'program', 'cookie', 'links', 'transactions'] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/** A severity when the row has a root finding; `none` when the row does not apply. */
export const CHECK_STATUSES = ['ok', 'error', 'warning', 'info', 'none'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

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
    const applies = page.queueName !== null || page.loaderRuns.length > 0 || page.scripts.length > 0;
    const queue = page.queue?.processed
      ? 'universal.js running'
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
    const problems = findings.filter((f) => f.severity !== 'info');
    const bad = links.filter((link) => problems.some((f) => targetsLink(f, link))).length;
    const detail = `${links.length - bad} ok / ${bad} with problems`;
    return { applies: links.length > 0, detail: links.length > 0 ? detail : 'none on page' };
  },
  transactions: (page, findings) => {
    const sent = transactionCalls(page);
    const invalid = sent.filter(({ index }) =>
      findings.some((f) => f.severity === 'error' && f.target?.call === index),
    ).length;
    return {
      applies: sent.length > 0,
      detail: sent.length > 0 ? `${sent.length} sent / ${invalid} invalid` : 'none sent',
    };
  },
};

function expiry(expires: number | null | undefined): string {
  if (expires === null) return ', session cookie';
  const date = new Date((expires ?? Number.NaN) * 1000);
  return Number.isNaN(date.getTime()) ? '' : `, expires ${date.toISOString().slice(0, 10)}`;
}

/**
 * The checklist of one page. Only root findings set a row's status: a row whose findings
 * are all consequences shows `none` and names the cause, so one mistake is counted once.
 */
export function checklist(page: PageState, findings: Finding[]): ChecklistItem[] {
  return CHECKLIST_IDS.map((id) => {
    const own = findings.filter((f) => rowOf(f) === id);
    const { applies, detail } = FACTS[id](page, own);
    const cause = own.find((f) => f.causedBy !== undefined)?.causedBy;
    const worst = worstSeverity(rootFindings(own));
    const status: CheckStatus = worst ?? (own.length === 0 && applies ? 'ok' : 'none');
    const explained = worst === null && cause !== undefined ? ` — caused by ${cause}` : '';
    return { id, label: LABELS[id], status, detail: detail + explained, findings: own };
  });
}
