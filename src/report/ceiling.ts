/**
 * The report's byte ceiling: whatever a page does, `check --json` prints a report of bounded
 * size, trimmed (oldest page data first) and counted in each page's `dropped` rather than
 * failing or flooding a CI log.
 */
import { TRIMMED, type TrimGroup, trimToBudget, utf8Length } from '../store/budget';
import type { PageReport, Report } from './schema';
import { safeJson } from './text';

/**
 * The JSON report as printed (`safeJson(report, 2)`, UTF-8). Each page comes from a tab state
 * sent within ANSWER_BYTES (4 MiB), whose page data is far smaller (PAGE_BYTES, 512 KiB): the
 * worst page we have prints 728 KB, an honest page a few KB, so 8 MiB holds any honest
 * journey and about ten hostile pages before anything is trimmed. It stays 8 times under the 64 MiB a Chrome message may carry (the panel's export,
 * a report handed back through an extension) and opens in any JSON tool or CI artefact viewer.
 */
export const REPORT_BYTES = 8 * 1024 * 1024;

/** Bytes of `report` as `check --json` prints it (with its final newline). */
export function reportBytes(report: Report): number {
  return utf8Length(safeJson(report, 2)) + 1;
}

/** A page report whose lists can be trimmed without touching the original's. */
function copyPage(page: PageReport): PageReport {
  return {
    ...page,
    calls: [...page.calls],
    transactions: [...page.transactions],
    links: [...page.links],
    requests: [...page.requests],
    findings: [...page.findings],
  };
}

/**
 * The report within `ceiling`: the oldest pages' data gives way first (calls and transaction
 * payloads keep their place, trimmed, so `target.call` still points right; requests and links
 * go), then each page's last findings (the least important). The summary stays that of every
 * finding: the verdict and exit code do not change.
 */
export function fitReport(report: Report, ceiling = REPORT_BYTES): Report {
  if (reportBytes(report) <= ceiling) return report;
  const out: Report = { ...report, pages: report.pages.map(copyPage) };
  const groups: TrimGroup[] = [
    ...out.pages.map((page) => ({
      owner: page,
      lists: [
        { items: page.calls, slim: (c: unknown) => ({ ...(c as object), args: [TRIMMED] }) },
        { items: page.transactions, slim: (t: unknown) => ({ ...(t as object), payload: TRIMMED }) },
        { items: page.requests },
        { items: page.links },
      ],
    })),
    ...out.pages.map((page) => ({ owner: page, lists: [{ items: page.findings, newestFirst: true }] })),
  ];
  trimToBudget(groups, ceiling, () => reportBytes(out));
  return out;
}
