/**
 * Root causes. One mistake trips several rules (a placeholder program id makes settings.js
 * fail, the queue stall and the referral cookie never appear); each consequence gets
 * `causedBy` = the ROOT rule that explains it, so views nest it and summaries skip it.
 */
import type { Finding, RuleId } from '../model/types';
import type { RuleContext } from './context';
import { optimizerHolds } from './held';
import { effectiveId, wasClicked } from './links';
import { parseUrl, settingsProgramId } from './urls';

interface CauseLink {
  /** The rule whose finding explains the consequence. */
  by: RuleId;
  /** When only some findings of the consequence are explained by it. */
  when?: (effect: Finding, ctx: RuleContext) => boolean;
  /** When only the cause's finding about the same thing explains it (same call field, same URL). */
  match?: (effect: Finding, cause: Finding) => boolean;
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

/**
 * The tracking API refused the request (HTTP 4xx) on the endpoint of `resource`: the payload
 * the page built is what the API rejected, so a finding about that payload explains it.
 */
const rejectedPayload =
  (resource: 'transactions' | 'customers') =>
  (effect: Finding, ctx: RuleContext): boolean => {
    const href = effect.target?.href;
    if (href === undefined || !new RegExp(`/${resource}/?$`).test(parseUrl(href)?.pathname ?? ''))
      return false;
    return ctx.page.requests.some(
      (r) => r.url === href && r.status !== undefined && r.status >= 400 && r.status < 500,
    );
  };
const REJECTED_TRANSACTION = rejectedPayload('transactions');

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
  'transaction.key-format': PLACEHOLDER_VALUE,
  'transaction.customer-key-format': PLACEHOLDER_VALUE,
  'transaction.amount': PLACEHOLDER_VALUE,
  'transaction.currency': PLACEHOLDER_VALUE,
  'network.request-failed': [
    { by: 'snippet.script-failed', match: sameUrl },
    { by: 'transaction.placeholder', when: REJECTED_TRANSACTION },
    { by: 'transaction.schema', when: REJECTED_TRANSACTION },
    { by: 'transaction.amount', when: REJECTED_TRANSACTION },
    { by: 'transaction.currency', when: REJECTED_TRANSACTION },
    { by: 'customer.signup-schema', when: rejectedPayload('customers') },
  ],
};

/** The root rule explaining `effect`, or undefined when it is a root itself. */
function rootOf(effect: Finding, findings: readonly Finding[], ctx: RuleContext): RuleId | undefined {
  for (const link of CAUSES[effect.rule] ?? []) {
    if (link.when !== undefined && !link.when(effect, ctx)) continue;
    const causes = findings.filter(
      (f) => f.rule === link.by && (link.match === undefined || link.match(effect, f)),
    );
    if (causes.length === 0) continue;
    // Several findings of the cause rule: if any is a root, the cause rule is the root.
    const roots = causes.map((cause) => rootOf(cause, findings, ctx) ?? link.by);
    return roots.includes(link.by) ? link.by : roots[0];
  }
  return undefined;
}

/** Copies of `findings` with `causedBy` set to the root cause where one explains them. */
export function linkCauses(findings: readonly Finding[], ctx: RuleContext): Finding[] {
  return findings.map((finding) => {
    const root = rootOf(finding, findings, ctx);
    return root === undefined ? finding : { ...finding, causedBy: root };
  });
}
