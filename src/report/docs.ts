/** Where the report sends a reader about a rule: its section of docs/rules.md in the package. */
import type { RuleId } from '../model/types';
import type { PageReport } from './schema';

/** The rule catalog, relative to the package root. */
export const RULES_DOC = 'docs/rules.md';

/** `docs/rules.md#<id>`: the rule's section of the catalog, relative to the package root. */
export function ruleDocsPath(rule: RuleId): string {
  return `${RULES_DOC}#${rule}`;
}

/** The page report with each finding naming its section of the catalog (the added `docs` key). */
export function withDocs(page: PageReport): PageReport {
  return { ...page, findings: page.findings.map((f) => ({ ...f, docs: ruleDocsPath(f.rule) })) };
}
