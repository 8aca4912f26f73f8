/**
 * Root causes. One mistake trips several rules (a placeholder program id makes settings.js
 * fail, the queue stall and the referral cookie never appear); each consequence gets
 * `causedBy` = the ROOT rule that explains it and `causeIndex` = which finding of that rule,
 * so views nest it under that one finding and summaries skip it.
 */
import type { Finding, RuleId } from '../model/types';
import { TransactionPayloadSchema } from '../schemas/transaction';
import type { RuleContext } from './context';
import { sharedEvidence } from './evidence';
import { optimizerHolds } from './held';
import { effectiveId, wasClicked } from './links';
import { inDisplayOrder } from './order';
import { problemsOf } from './problems';
import { refusedPayload } from './refused';
import { settingsProgramId } from './urls';

interface CauseLink {
  /** The rule whose finding explains the consequence. */
  by: RuleId;
  /** When only some findings of the consequence are explained by it. */
  when?: (effect: Finding, ctx: RuleContext) => boolean;
  /** When only the cause's finding about the same thing explains it (same call field, same URL). */
  match?: (effect: Finding, cause: Finding, ctx: RuleContext) => boolean;
}

/** Both findings are about the same field of the same call. */
const sameField = (effect: Finding, cause: Finding) =>
  effect.target?.call === cause.target?.call && effect.target?.path === cause.target?.path;

/** Both findings are about the same URL. */
const sameUrl = (effect: Finding, cause: Finding) => effect.target?.href === cause.target?.href;

/** A format complaint about a value that is a placeholder: the placeholder is the mistake. */
const PLACEHOLDER_VALUE: readonly CauseLink[] = [{ by: 'transaction.placeholder', match: sameField }];

/** settings.js of a program id that is not a valid loaded one: the placeholder's URL. */
function settingsOfPlaceholder(effect: Finding, ctx: RuleContext): boolean {
  const id = settingsProgramId(effect.target?.href ?? '');
  return id !== null && !ctx.programIds.includes(id);
}

/** Every shape problem of the transaction is a field holding a placeholder (`customer: '{{c}}'`). */
function onlyPlaceholderShapes(effect: Finding, ctx: RuleContext): boolean {
  const tx = ctx.transactions.find(({ call }) => call === effect.target?.call);
  if (tx === undefined) return false;
  const problems = problemsOf(TransactionPayloadSchema, tx.payload);
  return problems.length > 0 && problems.every(({ path }) => tx.placeholders.has(path));
}

/** The link's id is the (invalid) cookie value, copied there by the helper. */
function copiesCookie(effect: Finding, ctx: RuleContext): boolean {
  const { selector, frame } = effect.target ?? {};
  const link = ctx.page.links.find((l) => l.selector === selector && l.frame === frame);
  return link !== undefined && ctx.cookie !== null && effectiveId(link) === ctx.cookie.value;
}

/**
 * The link is only "not verified yet" (with the loader held, nothing test-clicks it), or an
 * optimizer holds the helper with the loader, so a test click could not run it.
 */
function unverifiedOrHeld(effect: Finding, ctx: RuleContext): boolean {
  const { selector, frame } = effect.target ?? {};
  const link = ctx.page.links.find((l) => l.selector === selector && l.frame === frame);
  return link !== undefined && (!wasClicked(link) || optimizerHolds(ctx.held, frame));
}

/** The API refused a payload: a finding about that payload explains the refusal. */
const REFUSED_TRANSACTION = refusedPayload('transactions');

/** Direct causes of each consequence, nearest first; roots are resolved through the chain. */
export const CAUSES: Partial<Record<RuleId, readonly CauseLink[]>> = {
  'po.undefined': [{ by: 'snippet.missing' }, { by: 'snippet.delayed' }],
  'snippet.script-failed': [{ by: 'program.placeholder', when: settingsOfPlaceholder }],
  'snippet.queue-stuck': [
    { by: 'snippet.script-failed' },
    { by: 'program.placeholder' },
    { by: 'snippet.delayed' },
  ],
  'cookie.missing-after-referral': [
    { by: 'snippet.missing' },
    { by: 'snippet.delayed' },
    { by: 'snippet.queue-stuck' },
    { by: 'snippet.script-failed' },
    { by: 'program.placeholder' },
    { by: 'referral.param-dropped' },
  ],
  'link.client-reference-id-invalid': [{ by: 'cookie.invalid-for-stripe', when: copiesCookie }],
  // With the loader held, links stay unverified; an optimizer holds the helper too.
  'link.missing-client-reference-id': [{ by: 'snippet.delayed', when: unverifiedOrHeld }],
  // The visit is referred, but its cookie stayed on another host of the site (all need "no cookie").
  'cookie.absent': [{ by: 'cookie.lost-across-subdomains' }],
  'link.client-reference-id-preset': [{ by: 'cookie.lost-across-subdomains' }],
  'embed.missing-client-reference-id': [{ by: 'cookie.lost-across-subdomains' }],
  'transaction.no-referral': [{ by: 'cookie.lost-across-subdomains' }],
  'transaction.schema': [{ by: 'transaction.placeholder', when: onlyPlaceholderShapes, match: sameField }],
  'transaction.key-format': PLACEHOLDER_VALUE,
  'transaction.customer-key-format': PLACEHOLDER_VALUE,
  'transaction.amount': PLACEHOLDER_VALUE,
  'transaction.currency': PLACEHOLDER_VALUE,
  'network.request-failed': [
    { by: 'snippet.script-failed', match: sameUrl },
    { by: 'transaction.placeholder', ...REFUSED_TRANSACTION },
    { by: 'transaction.schema', ...REFUSED_TRANSACTION },
    { by: 'transaction.amount', ...REFUSED_TRANSACTION },
    { by: 'transaction.currency', ...REFUSED_TRANSACTION },
    { by: 'customer.signup-schema', ...refusedPayload('customers') },
  ],
};

/**
 * Of the `fitting` findings of a cause rule, the one that explains `effect`: the one sharing
 * the most evidence with it (same call field, same call or URL, same element, same frame),
 * then one that is a root itself, then the first.
 */
function strongest(
  effect: Finding,
  fitting: readonly Finding[],
  isRoot: (f: Finding) => boolean,
  ctx: RuleContext,
): Finding | null {
  const rank = (f: Finding) => sharedEvidence(effect, f, ctx) * 2 + Number(isRoot(f));
  return fitting.reduce<Finding | null>(
    (best, f) => (best === null || rank(f) > rank(best) ? f : best),
    null,
  );
}

/**
 * The finding that directly explains each consequence: of the nearest cause rule with a
 * fitting finding, the strongest. CAUSES has no cycle (engine.test.ts), so the recursion ends.
 */
function directCauses(findings: readonly Finding[], ctx: RuleContext): Map<Finding, Finding> {
  const memo = new Map<Finding, Finding | null>();
  const causeOf = (effect: Finding): Finding | null => {
    const known = memo.get(effect);
    if (known !== undefined) return known;
    let found: Finding | null = null;
    for (const link of CAUSES[effect.rule] ?? []) {
      if (link.when !== undefined && !link.when(effect, ctx)) continue;
      const fitting = findings.filter(
        (f) => f !== effect && f.rule === link.by && (link.match?.(effect, f, ctx) ?? true),
      );
      found = strongest(effect, fitting, (f) => causeOf(f) === null, ctx);
      if (found !== null) break;
    }
    memo.set(effect, found);
    return found;
  };
  const causes = new Map<Finding, Finding>();
  for (const finding of findings) {
    const cause = causeOf(finding);
    if (cause !== null) causes.set(finding, cause);
  }
  return causes;
}

/**
 * Copies of `findings` in display order (see order.ts), each consequence with `causedBy` and
 * `causeIndex` naming the root finding that explains it: the end of its chain of direct causes.
 */
export function linkCauses(findings: readonly Finding[], ctx: RuleContext): Finding[] {
  const causes = directCauses(findings, ctx);
  const rootOf = (finding: Finding): Finding => {
    const cause = causes.get(finding);
    return cause === undefined ? finding : rootOf(cause);
  };
  const ordered = inDisplayOrder(findings, (f) => causes.has(f));
  return ordered.map((finding) => {
    const root = rootOf(finding);
    if (root === finding) return finding;
    return { ...finding, causedBy: root.rule, causeIndex: ordered.indexOf(root) };
  });
}
