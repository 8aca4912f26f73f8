/**
 * The filter box and the severity toggles. A query is words that must all appear (any case),
 * `-word` for words that must not, and `kind:call,request` to keep some kinds of rows.
 */
import type { Severity } from '../model/types';
import { EVENT_KINDS, type EventKind, type PanelEvent } from './events';

export type SeverityToggles = Record<Severity, boolean>;

export const ALL_SEVERITIES: SeverityToggles = { error: true, warning: true, info: true };

export interface Query {
  terms: string[];
  excluded: string[];
  /** Empty: every kind. */
  kinds: Set<EventKind>;
}

/** Kind names match by prefix, so `kind:req` and `kind:transactions` both work; tab names too. */
function kindsNamed(names: string): EventKind[] {
  return names
    .split(',')
    .filter(Boolean)
    .map((name) => (name === 'network' ? 'request' : name))
    .flatMap((name) => EVENT_KINDS.filter((k) => k.startsWith(name) || name.startsWith(k)));
}

export function parseQuery(query: string): Query {
  const parsed: Query = { terms: [], excluded: [], kinds: new Set() };
  for (const word of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    if (word.startsWith('kind:')) for (const k of kindsNamed(word.slice(5))) parsed.kinds.add(k);
    else if (word.startsWith('-') && word.length > 1) parsed.excluded.push(word.slice(1));
    else parsed.terms.push(word);
  }
  return parsed;
}

/** Whether lower-case `text` satisfies the query's words. */
export function matchesText(text: string, query: Query): boolean {
  return query.terms.every((t) => text.includes(t)) && !query.excluded.some((t) => text.includes(t));
}

/** Rows with a severity obey the toggles; rows without one (a plain call) always pass them. */
export function severityShown(severity: Severity | null, toggles: SeverityToggles): boolean {
  return severity === null || toggles[severity];
}

/**
 * The events the list shows, in order. Page separators always stay, so a filtered journey
 * still shows where each page starts. `only` restricts kinds (the Network tab: requests).
 */
export function filterEvents(
  events: readonly PanelEvent[],
  query: string,
  toggles: SeverityToggles,
  only?: readonly EventKind[],
): readonly PanelEvent[] {
  const q = parseQuery(query);
  const everything = !q.terms.length && !q.excluded.length && !q.kinds.size && !only;
  if (everything && toggles.error && toggles.warning && toggles.info) return events;
  return events.filter(
    (e) =>
      (e.kind === 'navigation' && e.separator) ||
      ((!only || only.includes(e.kind)) &&
        (!q.kinds.size || q.kinds.has(e.kind)) &&
        severityShown(e.severity, toggles) &&
        matchesText(e.text, q)),
  );
}
