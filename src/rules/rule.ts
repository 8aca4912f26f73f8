/** The shape of a rule: one file per rule id, default-exporting `defineRule(...)`. */
import type { Finding, RuleId } from '../model/types';
import type { RuleContext } from './context';

/** A finding as a rule writes it: the engine adds the rule id and links causes. */
export type Draft = Omit<Finding, 'rule' | 'causedBy' | 'causeIndex'>;

/** One rule of the catalog; `check` sees the shared page facts and returns its findings. */
export interface Rule {
  id: RuleId;
  /** Findings for one page; [] when the rule does not apply. Must not throw on any page data. */
  check(ctx: RuleContext): Finding[];
}

/** A rule whose findings all carry its id, so no rule can report under another's name. */
export function defineRule(id: RuleId, check: (ctx: RuleContext) => Draft[]): Rule {
  return { id, check: (ctx) => check(ctx).map((draft) => ({ rule: id, ...draft })) };
}
