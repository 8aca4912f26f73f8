/** Export of the panel's journey in the CLI's JSON report shape (same builder as the CLI). */
import { buildPageReport, buildReport } from '../report/build';
import type { Report } from '../report/schema';
import type { JourneyPage } from './events';

export interface ExportMeta {
  /** Extension version (the manifest's, which is the package's). */
  version: string;
  /** `chrome 156.0.0.0`, as the CLI writes it; see {@link browserLabel}. */
  browser: string;
}

/** One report entry per page of the journey, oldest first; the report starts with the first page. */
export function journeyReport(pages: readonly JourneyPage[], meta: ExportMeta, now = Date.now()): Report {
  return buildReport({
    ...meta,
    startedAt: new Date(pages[0]?.page.startedAt || now),
    pages: pages.map(({ page, findings }) => buildPageReport(page.url, page, findings)),
  });
}

/** `chrome 156.0.0.0` / `firefox 128.0` from a user agent, in the CLI's wording. */
export function browserLabel(userAgent: string): string {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return `firefox ${firefox[1]}`;
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(userAgent);
  if (chrome) return `chrome ${chrome[1]}`;
  return 'unknown';
}

/** `partnero-capture-shop.example-2026-11-26T21-00-00Z.json` */
export function exportFileName(report: Report): string {
  const host = hostOf(report.pages[0]?.finalUrl ?? '').replace(/[^\w.-]/g, '_') || 'page';
  const when = report.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `partnero-capture-${host}-${when}.json`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
