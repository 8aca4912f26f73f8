/** The order findings are shown in, everywhere: root causes first, then by severity, then catalog order. */
import { type Finding, RULE_IDS, type Severity } from '../model/types';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const CATALOG = new Map(RULE_IDS.map((id, i) => [id, i]));

/**
 * `findings` sorted for display: those no other finding explains first, then errors,
 * warnings, infos, then catalog order; findings of one rule keep their own order (the sort
 * is stable). `isConsequence` says which findings another one explains.
 */
export function inDisplayOrder<T extends Finding>(
  findings: readonly T[],
  isConsequence: (finding: T) => boolean,
): T[] {
  return [...findings].sort(
    (a, b) =>
      Number(isConsequence(a)) - Number(isConsequence(b)) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (CATALOG.get(a.rule) ?? 0) - (CATALOG.get(b.rule) ?? 0),
  );
}
