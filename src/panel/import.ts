/**
 * Import of a capture (a report file a merchant sent to support): validated with the report
 * schema, then turned back into page states so every tab of the panel can show it read-only.
 * The file is untrusted input like page data: only known keys of the right type are read.
 */
import type { CookieInfo, Finding, FindingTarget, LinkRecord, NetRequest, PageState } from '../model/types';
import { type PageReport, type Report, ReportSchema } from '../report/schema';
import { newPage } from '../store/page';
import type { LogState } from './events';
import { emptyLog, ingest } from './log';

/** Larger files are not captures of one journey (the extension caps what it records). */
export const IMPORT_MAX_CHARS = 20_000_000;

export type ParsedCapture = { ok: true; report: Report } | { ok: false; error: string };

/** Parses and validates a capture file's text; the error is one line for the user. */
export function parseCapture(text: string): ParsedCapture {
  if (text.length > IMPORT_MAX_CHARS) return { ok: false, error: 'The file is too large for a capture.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not JSON.' };
  }
  const result = ReportSchema.safeParse(json);
  if (result.success) return { ok: true, report: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `Not a Partnero Inspector report: ${issue?.message ?? 'invalid'}${where}.` };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function request(r: PageReport['requests'][number]): NetRequest {
  const blocked = r.blocked === 'client' || r.blocked === 'csp' ? r.blocked : undefined;
  // A report keeps no request times: NaN shows as unknown.
  const out: NetRequest = { url: r.url, method: str(r.method) ?? 'GET', at: Number.NaN };
  if (r.status !== undefined) out.status = r.status;
  if (str(r.error)) out.error = str(r.error);
  if (blocked) out.blocked = blocked;
  if (str(r.type)) out.type = str(r.type);
  return out;
}

function link(l: PageReport['links'][number], index: number): LinkRecord {
  const out: LinkRecord = {
    id: `imported:${index}`,
    kind: l.kind,
    frame: l.frame,
    selector: str(l.selector) ?? '',
    text: str(l.text) ?? '',
    href: l.href,
    clientReferenceId: l.clientReferenceId,
    addedLate: false,
  };
  if (l.afterClick !== undefined) out.afterClick = l.afterClick;
  if (str(l.hrefAfterClick)) out.hrefAfterClick = str(l.hrefAfterClick);
  if (l.clickedBy === 'user' || l.clickedBy === 'test') out.clickedBy = l.clickedBy;
  return out;
}

function finding(f: PageReport['findings'][number]): Finding {
  const out: Finding = { rule: f.rule, severity: f.severity, message: f.message };
  if (f.fix !== undefined) out.fix = f.fix;
  if (f.causedBy !== undefined) out.causedBy = f.causedBy;
  if (f.causeIndex !== undefined) out.causeIndex = f.causeIndex;
  if (f.unverified) out.unverified = true;
  if (f.target) {
    const { selector, href, frame, call, path } = f.target;
    const target: FindingTarget = { selector, href, frame, call, path };
    for (const key of Object.keys(target) as (keyof FindingTarget)[])
      if (target[key] === undefined) delete target[key];
    out.target = target;
  }
  return out;
}

/** A report page as a page state; what the report does not keep (times, frames) stays empty. */
export function reportPage(p: PageReport, startedAt: number): { page: PageState; findings: Finding[] } {
  const cookie: CookieInfo | null = p.cookie
    ? { raw: p.cookie.partnero_partner, value: p.cookie.partnero_partner }
    : null;
  const page: PageState = {
    ...newPage(p.finalUrl, startedAt),
    watchEnded: true,
    clickTest: 'done',
    queueName: p.queueName,
    calls: p.calls.map((c) => ({ args: c.args, at: num(c.at) ?? Number.NaN, frame: 'top' })),
    requests: p.requests.map(request),
    links: p.links.map(link),
    cookie,
  };
  return { page, findings: p.findings.map(finding) };
}

/** The whole capture as a preserved log, one journey page per report page. */
export function captureLog(report: Report): LogState {
  const start = Date.parse(report.startedAt);
  return report.pages.reduce((log, p, i) => {
    const snap = reportPage(p, start + i);
    const lastAt = Math.max(0, ...snap.page.calls.map((c) => c.at).filter(Number.isFinite));
    return ingest(log, snap, start + i + lastAt);
  }, emptyLog(true));
}
