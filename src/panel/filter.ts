/**
 * The filter box and the severity toggles. A query is words that must all appear (any case),
 * `-word` for words that must not, and `kind:call,request` to keep some kinds of rows; a
 * `kind:` name that is no kind is reported, and keeps no row.
 */
import type { Severity } from '../model/types';
import { EVENT_KINDS, type EventKind, type PanelEvent } from './events';

export type SeverityToggles = Record<Severity, boolean>;

export const ALL_SEVERITIES: SeverityToggles = { error: true, warning: true, info: true };

export interface Query {
  terms: string[];
  excluded: string[];
  /** Empty: every kind (unless {@link Query.unknownKinds} names some). */
  kinds: Set<EventKind>;
  /** Names after `kind:` that are no kind: said to the user, and they match no row. */
  unknownKinds: string[];
}

/** Other names `kind:` accepts, for the tab a kind is shown in. */
const KIND_ALIASES: Readonly<Record<string, EventKind>> = { network: 'request' };

/**
 * The filter syntax, as the help next to the filter box lists it: an example, what it keeps.
 * Kind names match by their start (`kind:req`) or when they start with a kind (`kind:transactions`).
 */
export const FILTER_SYNTAX: readonly (readonly [example: string, meaning: string])[] = [
  ['pi_123 amount', 'rows that contain every word, in any case'],
  ['-program', 'hides rows that contain the word'],
  ['kind:call,request', 'only these kinds of rows (Timeline and Network tabs)'],
  ['kind:req', 'a kind by its first letters; kind:network is request'],
];

function kindsNamed(name: string): EventKind[] {
  const alias = KIND_ALIASES[name];
  if (alias) return [alias];
  return EVENT_KINDS.filter((k) => k.startsWith(name) || name.startsWith(k));
}

/** Parses the filter box: words, `-word` and `kind:a,b` (see {@link FILTER_SYNTAX}). */
export function parseQuery(query: string): Query {
  const parsed: Query = { terms: [], excluded: [], kinds: new Set(), unknownKinds: [] };
  for (const word of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    if (word.startsWith('kind:')) {
      for (const name of word.slice(5).split(',').filter(Boolean)) {
        const kinds = kindsNamed(name);
        if (!kinds.length) parsed.unknownKinds.push(name);
        for (const k of kinds) parsed.kinds.add(k);
      }
    } else if (word.startsWith('-') && word.length > 1) parsed.excluded.push(word.slice(1));
    else parsed.terms.push(word);
  }
  return parsed;
}

/** Whether a row of `kind` passes the query's `kind:` words; unknown names alone pass nothing. */
export function kindShown(kind: EventKind, query: Query): boolean {
  if (query.kinds.size) return query.kinds.has(kind);
  return !query.unknownKinds.length;
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
  const everything =
    !q.terms.length && !q.excluded.length && !q.kinds.size && !q.unknownKinds.length && !only;
  if (everything && toggles.error && toggles.warning && toggles.info) return events;
  return events.filter(
    (e) =>
      (e.kind === 'navigation' && e.separator) ||
      ((!only || only.includes(e.kind)) &&
        kindShown(e.kind, q) &&
        severityShown(e.severity, toggles) &&
        matchesText(e.text, q)),
  );
}
