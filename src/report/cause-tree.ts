/**
 * Findings as the views show them (terminal, popup, panel): each consequence under the one
 * finding that explains it, never twice. The engine names that finding by `causeIndex`;
 * reports without it (older ones, hand-made ones) fall back to the first finding of the
 * `causedBy` rule.
 */

/** What the tree reads of a finding: the model's `Finding` and the report's both fit. */
export interface Caused {
  rule: string;
  causedBy?: string | undefined;
  causeIndex?: number | undefined;
}

/** One finding with the findings it explains. */
export interface CauseNode<T> {
  finding: T;
  consequences: CauseNode<T>[];
}

/**
 * The finding of `list` that explains `finding`, if it is in the list. `page` is the page's
 * whole findings array, which `causeIndex` points into; without it only the rule can tell.
 */
function causeOf<T extends Caused>(finding: T, list: readonly T[], page?: readonly T[]): T | undefined {
  if (finding.causedBy === undefined) return undefined;
  if (page !== undefined && finding.causeIndex !== undefined) {
    const cause = page[finding.causeIndex];
    return cause !== finding && cause?.rule === finding.causedBy && list.includes(cause) ? cause : undefined;
  }
  return list.find((f) => f !== finding && f.rule === finding.causedBy);
}

/**
 * `findings` as a forest, in their order: roots (findings no other one in the list explains,
 * a consequence whose cause is elsewhere included) with their consequences nested. A cycle
 * of causes (a hand-edited report) still shows every finding once.
 */
export function causeTree<T extends Caused>(findings: readonly T[], page?: readonly T[]): CauseNode<T>[] {
  const parent = new Map<T, T>();
  for (const finding of findings) {
    const cause = causeOf(finding, findings, page);
    if (cause !== undefined) parent.set(finding, cause);
  }
  const placed = new Set<T>();
  const node = (finding: T): CauseNode<T> => {
    placed.add(finding);
    const children = findings.filter((c) => parent.get(c) === finding && !placed.has(c));
    return { finding, consequences: children.map(node) };
  };
  const roots = findings.filter((f) => !parent.has(f)).map(node);
  for (const finding of findings) if (!placed.has(finding)) roots.push(node(finding));
  return roots;
}

/** How many findings a node explains, directly or through others. */
export function explainedCount(node: CauseNode<unknown>): number {
  return node.consequences.reduce((sum, c) => sum + 1 + explainedCount(c), 0);
}
