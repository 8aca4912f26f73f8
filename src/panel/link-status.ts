/** The status cell of a Payment Link or embed: its worst finding, or what the click showed. */
import type { Finding, LinkRecord } from '../model/types';
import { targetsLink } from '../report/page-facts';
import { worstSeverity } from '../report/severity';

export interface LinkStatus {
  tone: 'error' | 'warning' | 'info' | 'ok' | 'none';
  text: string;
  findings: Finding[];
}

export function linkStatus(link: LinkRecord, findings: readonly Finding[]): LinkStatus {
  const about = findings.filter((f) => targetsLink(f, link));
  const worst = worstSeverity(about);
  if (worst) {
    const rules = [...new Set(about.filter((f) => f.severity === worst).map((f) => f.rule))];
    return { tone: worst, text: rules.join(', '), findings: about };
  }
  if (link.removed) return { tone: 'none', text: 'removed from the page', findings: about };
  if (link.afterClick !== undefined) return { tone: 'ok', text: 'ok after click', findings: about };
  return {
    tone: link.clientReferenceId ? 'ok' : 'none',
    text: link.clientReferenceId ? 'ok' : 'not clicked yet',
    findings: about,
  };
}

/** `client_reference_id` after a click: absent = never clicked, null = clicked, still none. */
export function afterClickText(link: LinkRecord): string {
  if (link.afterClick === undefined) return 'not clicked';
  const by = link.clickedBy === 'test' ? ' (test click)' : link.clickedBy === 'user' ? ' (your click)' : '';
  return `${link.afterClick ?? 'none'}${by}`;
}
