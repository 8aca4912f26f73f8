/**
 * Turns what the extension observed (PageState + findings) into the JSON report of the
 * command-line contract (README, "Check your site"). Optional fields are left out rather
 * than set to undefined, so the object equals its own JSON round trip.
 */
import type { Finding, LinkRecord, NetRequest, PageState } from '../model/types';
import { fitReport } from './ceiling';
import { checklist } from './checklist';
import { programIds, sentTransactions, transactionCalls } from './page-facts';
import type { FindingReport, LinkReport, PageReport, Report, ReportTiming } from './schema';
import { summarize } from './severity';

/** Copies the keys of `source` whose value is defined (JSON has no `undefined`). */
function defined<T extends object, const K extends keyof T>(
  source: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function linkReport(link: LinkRecord): LinkReport {
  const { href, frame, clientReferenceId, kind, selector, text } = link;
  return {
    href,
    frame,
    clientReferenceId,
    // Absent: never clicked; null: a click ran the page's handlers and still no id.
    ...defined(link, ['afterClick', 'hrefAfterClick', 'clickedBy', 'inShadowRoot']),
    kind,
    selector,
    text,
  };
}

/** Bodies are left out: they may hold customer e-mails and the findings already quote errors. */
function requestReport(request: NetRequest): PageReport['requests'][number] {
  const { url, method } = request;
  return { url, method, ...defined(request, ['status', 'error', 'blocked', 'type']) };
}

/** Where a report is read: the command line's findings say flags where the extension says buttons. */
export type ReportMedium = 'cli' | 'extension';

function findingReport(finding: Finding, medium: ReportMedium): FindingReport {
  const { rule, severity, message, target } = finding;
  const report: FindingReport = {
    rule,
    severity,
    message,
    ...defined(finding, ['causedBy', 'causeIndex', 'fix', 'unverified']),
  };
  if (medium === 'cli' && finding.cliFix !== undefined) report.fix = finding.cliFix;
  if (target !== undefined) report.target = { ...target };
  return report;
}

/**
 * The report entry of one visited page; `requestedUrl` is the URL as the check asked for it,
 * `medium` whose words the fixes use (the panel's export is read beside the extension).
 */
export function buildPageReport(
  requestedUrl: string,
  page: PageState,
  findings: Finding[],
  medium: ReportMedium = 'extension',
): PageReport {
  return {
    url: requestedUrl,
    finalUrl: page.url,
    queueName: page.queueName,
    programIds: programIds(page),
    cookie: page.cookie ? { partnero_partner: page.cookie.value } : null,
    calls: page.calls.map(({ args, at }) => ({ args, at })),
    transactions: transactionsOf(page),
    links: page.links.map(linkReport),
    requests: page.requests.map(requestReport),
    findings: findings.map((finding) => findingReport(finding, medium)),
    ...(page.dropped > 0 && { dropped: page.dropped }),
    // An added key: the terminal report shows the same rows as the popup without PageState.
    checklist: checklist(page, findings).map(({ findings: _rowFindings, ...row }) => row),
  };
}

/** The page's transactions, each with whether it was seen on the wire, and its frame if not top. */
function transactionsOf(page: PageState): PageReport['transactions'] {
  const sent = sentTransactions(page);
  return transactionCalls(page).map(({ payload, call, index }) => ({
    payload,
    at: call.at,
    sent: sent.has(index),
    ...(call.frame !== 'top' && { frame: call.frame }),
  }));
}

/** Input of {@link buildReport}: who ran the check and what each page produced. */
export interface ReportInput {
  version: string;
  /** Browser name and version, e.g. `chrome 156.0.0.0`. */
  browser: string;
  startedAt: Date | string;
  pages: PageReport[];
  /** How long the check took, when it ran in a browser (the CLI); absent in panel exports. */
  timing?: ReportTiming;
}

/**
 * The whole report, within REPORT_BYTES (see fitReport); `summary` counts root findings only
 * (those without `causedBy`), of every page as built.
 */
export function buildReport({ version, browser, startedAt, pages, timing }: ReportInput): Report {
  return fitReport({
    tool: 'partnero-inspector',
    version,
    browser,
    startedAt: new Date(startedAt).toISOString(),
    summary: { ...summarize(pages.flatMap((page) => page.findings)) },
    pages,
    ...(timing && { timing }),
  });
}
