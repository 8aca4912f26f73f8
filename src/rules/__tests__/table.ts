/** Table-driven rule tests: one row per case, run through the whole engine. */
import { describe, expect, it } from 'vitest';
import {
  type Finding,
  type FindingTarget,
  type PageState,
  RULE_IDS,
  type RuleId,
  type Severity,
  type TabHistory,
} from '../../model/types';
import { runRules } from '../index';
import { RULE_SEVERITIES } from '../severities';
import { NO_HISTORY } from './fixtures';

/** Every finding, checked against what every view relies on: one line, a fix, a known rule. */
export function run(state: PageState, history: TabHistory = NO_HISTORY): Finding[] {
  const findings = runRules({ page: state, history });
  for (const f of findings) {
    expect(RULE_IDS).toContain(f.rule);
    // docs/rules.md promises these severities per rule (src/rules/severities.ts).
    expect(RULE_SEVERITIES[f.rule].severities, f.rule).toContain(f.severity);
    expect(f.message).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    expect(f.fix).toMatch(/\S/);
  }
  return findings;
}

/** One row of a rule table: a page and what the rule must (not) report on it. */
export interface Case {
  name: string;
  page: PageState;
  history?: TabHistory;
  /** Severities of the rule's findings, in order; [] = the rule must stay silent. */
  expect: Severity[];
  /** Text every finding's message must contain. */
  message?: string;
  /** Text every finding's fix must contain. */
  fix?: string;
  causedBy?: RuleId;
  /** Fields the first finding's target must have. */
  target?: FindingTarget;
}

/** Checks one table row for `rule`. */
export function expectRule(rule: RuleId, row: Case): Finding[] {
  const found = run(row.page, row.history).filter((f) => f.rule === rule);
  expect(found.map((f) => f.severity)).toEqual(row.expect);
  for (const f of found) {
    if (row.message !== undefined) expect(f.message).toContain(row.message);
    if (row.fix !== undefined) expect(f.fix).toContain(row.fix);
    expect(f.causedBy).toBe(row.causedBy);
  }
  if (row.target !== undefined) expect(found[0]?.target).toMatchObject(row.target);
  return found;
}

/** One `describe` per rule, one test per row. */
export function describeRules(tables: Partial<Record<RuleId, Case[]>>): void {
  describe.each(Object.entries(tables))('%s', (rule, rows) => {
    it.each(rows ?? [])('$name', (row) => {
      expectRule(rule as RuleId, row);
    });
  });
}
