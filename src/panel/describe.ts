/** The one-line summary and the filter text of each kind of event. */
import type { Json, LinkRecord, NetRequest } from '../model/types';
import type { EventData } from './events';
import { formatDuration } from './format';

/** Rows are one line: longer summaries are cut (the details pane shows everything). */
const SUMMARY_MAX = 300;
/** Filter text per event: enough to find a value inside a payload, bounded for 10,000 events. */
const TEXT_MAX = 2000;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** JSON on one line; `undefined` (a missing argument) shows as such. */
export function compactJson(value: Json | undefined, max = SUMMARY_MAX): string {
  return cut(value === undefined ? 'undefined' : JSON.stringify(value), max);
}

/** `po('program', 'abc123', 'load')` with JSON arguments. */
export function callText(args: readonly Json[], queueName = 'po'): string {
  return `${queueName}(${args.map((a) => compactJson(a, 120)).join(', ')})`;
}

function field(payload: Json | undefined, ...path: string[]): Json | undefined {
  let value = payload;
  for (const key of path) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return value;
}

function transactionText(args: readonly Json[]): string {
  const payload = args[2];
  const parts = [
    `${String(args[0])}.${String(args[1])}`,
    compactJson(field(payload, 'data', 'key'), 60),
    [field(payload, 'data', 'amount'), field(payload, 'data', 'amount_units')]
      .filter((v) => v !== undefined)
      .map((v) => compactJson(v, 30))
      .join(' '),
    compactJson(field(payload, 'data', 'customer', 'key') ?? field(payload, 'data', 'email'), 60),
  ];
  return parts.filter((p) => p && p !== 'undefined').join(' · ');
}

/** A link's row label: its kind and quoted text (`payment-link “Buy Pro”`). */
export function linkLabel(link: LinkRecord): string {
  return `${link.kind} “${cut(link.text, 60)}”`;
}

/**
 * A request's outcome in words: its error, its HTTP status, `done` for one that finished with a
 * status the page may not read (Resource Timing of a cross-origin script), else `pending`.
 */
export function requestStatus(r: NetRequest): string {
  if (r.error !== undefined) return r.error;
  if (r.status !== undefined) return String(r.status);
  return r.duration === undefined ? 'pending' : 'done';
}

/** A request's row text around its URL: `GET 200 ` and ` · 35 ms`. */
export function requestAround(r: NetRequest): [before: string, after: string] {
  const before = [r.method, requestStatus(r)].filter((s) => s !== '').join(' ');
  return [`${before} `, r.duration === undefined ? '' : ` · ${formatDuration(r.duration)}`];
}

/** The row text of an event. */
export function summarize(data: EventData): string {
  switch (data.kind) {
    case 'call':
      return cut(callText(data.call.args), SUMMARY_MAX);
    case 'transaction':
      return cut(transactionText(data.call.args), SUMMARY_MAX);
    case 'link': {
      const { link } = data;
      const label = linkLabel(link);
      if (data.change === 'clicked') {
        const by = link.clickedBy === 'test' ? 'test click' : 'clicked';
        return cut(`${by} ${label} → client_reference_id ${link.afterClick ?? 'none'}`, SUMMARY_MAX);
      }
      return cut(`${label} ${link.href ?? link.selector}`, SUMMARY_MAX);
    }
    case 'cookie':
      return data.cookie
        ? cut(`partnero_partner=${data.cookie.value}`, SUMMARY_MAX)
        : 'partnero_partner removed';
    case 'request': {
      const [before, after] = requestAround(data.request);
      return cut(`${before}${data.request.url}${after}`, SUMMARY_MAX);
    }
    case 'finding':
      // The sentence first; the row shows the rule id after it, small.
      return cut(`${data.resolved ? 'Resolved: ' : ''}${data.finding.message}`, SUMMARY_MAX);
    case 'navigation':
      return cut(data.separator ? data.url : `navigation to ${data.url}`, SUMMARY_MAX);
  }
}

/** What the filter box matches: kind, summary and the data behind it, lower-cased. */
export function searchText(data: EventData, summary: string): string {
  let extra = '';
  if (data.kind === 'call' || data.kind === 'transaction') extra = JSON.stringify(data.call.args);
  else if (data.kind === 'request')
    extra = `${data.request.requestBody ?? ''} ${data.request.responseBody ?? ''}`;
  else if (data.kind === 'finding')
    extra = `${data.finding.rule} ${data.finding.severity} ${data.finding.fix ?? ''} ${data.finding.target?.path ?? ''}`;
  else if (data.kind === 'link')
    extra = `${data.link.href ?? ''} ${data.link.hrefAfterClick ?? ''} ${data.link.selector} ${data.link.frame}`;
  return cut(`${data.kind} ${summary} ${extra}`, TEXT_MAX).toLowerCase();
}
