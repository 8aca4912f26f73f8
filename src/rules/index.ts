/**
 * The rules engine: every rule of the catalog (docs/rules.md) run over one
 * page, root causes linked, findings ordered for display.
 */
import type { Finding, PageState, Summary, TabHistory } from '../model/types';
import { linkCauses } from './causes';
import { derive } from './context';
import { RULES } from './registry';

export { RULES } from './registry';
export type { Rule } from './rule';

/** Runs `step`; a throw is a bug, but it must never cost the rest of the report. */
function safely<T>(what: string, step: () => T, fallback: T): T {
  try {
    return step();
  } catch (error) {
    console.error(`[partnero-inspector] ${what} threw`, error);
    return fallback;
  }
}

/**
 * All findings for a page: none at all on a page with no sign of Partnero (a random site
 * stays clean), else root causes first, then errors, warnings, infos, then catalog order.
 */
export function runRules(input: { page: PageState; history: TabHistory }): Finding[] {
  const ctx = safely('deriving page facts', () => derive(input), null);
  if (ctx === null || ctx.evidence.length === 0) return [];
  // linkCauses returns them in display order (order.ts): causeIndex points into that order.
  return linkCauses(
    RULES.flatMap((rule) => safely(`rule ${rule.id}`, () => rule.check(ctx), [])),
    ctx,
  );
}

/** Counts per severity of root findings only: consequences (with `causedBy`) are not counted. */
export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const { severity, causedBy } of findings) {
    if (causedBy !== undefined) continue;
    if (severity === 'error') summary.errors++;
    else if (severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
