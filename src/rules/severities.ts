/**
 * What each rule of the catalog can report, in words the product shares: the severities a
 * rule may give (docs/rules.md says the same, and the rule tests hold every finding to it)
 * and the one-sentence summary that opens the rule's section in docs/rules.md.
 */
import type { RuleId, Severity } from '../model/types';

/** The severities one rule can give, and its summary (plain text, one sentence). */
export interface RuleSeverities {
  severities: readonly Severity[];
  summary: string;
}

const ERROR = ['error'] as const;
const WARNING = ['warning'] as const;
const INFO = ['info'] as const;

/** One entry per rule id, in catalog order. */
export const RULE_SEVERITIES: Record<RuleId, RuleSeverities> = {
  'snippet.missing': {
    severities: ERROR,
    summary: 'The page needs Partnero tracking but never loads the Partnero loader.',
  },
  'snippet.not-in-head': {
    severities: WARNING,
    summary: "The Partnero loader runs from the page's body, or is injected late, instead of from its head.",
  },
  'snippet.duplicate': {
    severities: WARNING,
    summary: 'The Partnero loader runs, or universal.js is requested, more than once on one page load.',
  },
  'snippet.script-failed': {
    severities: ERROR,
    summary: "universal.js or the program's settings script did not load.",
  },
  'snippet.delayed': {
    severities: WARNING,
    summary: 'The Partnero loader is in the page but held back by a consent manager or a speed optimizer.',
  },
  'snippet.queue-stuck': {
    severities: ERROR,
    summary:
      'Calls still wait in the Partnero queue after the page has loaded: universal.js never took over.',
  },
  'program.missing': {
    severities: ERROR,
    summary: 'The Partnero loader is on the page but no program is ever loaded.',
  },
  'program.placeholder': {
    severities: ERROR,
    summary: 'The program is loaded with a template placeholder instead of your public program id.',
  },
  'program.multiple': {
    severities: INFO,
    summary: 'More than one Partnero program is loaded on the page.',
  },
  'settings.assets-host': {
    severities: WARNING,
    summary: 'The assets_host setting is not an absolute https address.',
  },
  'po.undefined': {
    severities: ERROR,
    summary: 'Page code called the Partnero queue function while it was not defined.',
  },
  'po.unknown-command': {
    severities: INFO,
    summary: 'The Partnero queue function was called with a command Partnero does not know.',
  },
  'referral.param-dropped': {
    severities: ERROR,
    summary: 'The referral parameter was removed from the address before universal.js could read it.',
  },
  'cookie.missing-after-referral': {
    severities: ERROR,
    summary: 'The visit arrived with a referral parameter but no partnero_partner cookie was set.',
  },
  'cookie.absent': {
    severities: INFO,
    summary: 'There is no partnero_partner cookie: this visit is not referred.',
  },
  'cookie.lost-across-subdomains': {
    severities: ERROR,
    summary: 'The referral cookie set on one host of the site is missing on a later page on another host.',
  },
  'cookie.invalid-for-stripe': {
    severities: ERROR,
    summary: 'The partner key in the partnero_partner cookie is not a valid Stripe client_reference_id.',
  },
  'link.missing-client-reference-id': {
    severities: ['error', 'info'],
    summary: 'A Stripe Payment Link would open checkout without a client_reference_id.',
  },
  'link.client-reference-id-mismatch': {
    severities: ERROR,
    summary:
      "A Payment Link or Stripe embed sends another client_reference_id than the visitor's partner key.",
  },
  'link.client-reference-id-preset': {
    severities: INFO,
    summary: 'A Payment Link already carries a client_reference_id on a visit without a referral.',
  },
  'link.client-reference-id-invalid': {
    severities: ERROR,
    summary: 'A Payment Link sends a client_reference_id that Stripe drops or that no partner wrote.',
  },
  'link.test-mode': {
    severities: WARNING,
    summary: 'A Stripe test-mode Payment Link is on what looks like the live site.',
  },
  'embed.missing-client-reference-id': {
    severities: ['error', 'warning'],
    summary: 'A Stripe buy button or pricing table has no client-reference-id attribute.',
  },
  'checkout.navigation-not-attributed': {
    severities: ERROR,
    summary: 'The tab went to Stripe checkout during a referred visit without the partner key.',
  },
  'transaction.schema': {
    severities: ERROR,
    summary: 'The transaction payload lacks a required field or has a field of an impossible type.',
  },
  'transaction.placeholder': {
    severities: ERROR,
    summary: "A transaction field still holds a template placeholder instead of the order's real value.",
  },
  'transaction.amount': {
    severities: ERROR,
    summary: 'The transaction amount is not a number Partnero can read.',
  },
  'transaction.amount-zero': {
    severities: WARNING,
    summary: 'The transaction amount is 0.',
  },
  'transaction.amount-cents': {
    severities: INFO,
    summary: "The transaction amount looks like Stripe's cents rather than the major units Partnero expects.",
  },
  'transaction.currency': {
    severities: ERROR,
    summary: 'The transaction currency is not a three-letter ISO 4217 code.',
  },
  'transaction.key-format': {
    severities: WARNING,
    summary: 'The transaction key is not a Stripe charge id.',
  },
  'transaction.customer-key-format': {
    severities: WARNING,
    summary: "The transaction's customer key is not a Stripe customer id.",
  },
  'transaction.create-customer': {
    severities: WARNING,
    summary: 'The transaction may be dropped because Partnero is not asked to create its customer.',
  },
  'transaction.duplicate': {
    severities: WARNING,
    summary: 'The same transaction was sent twice in one tab.',
  },
  'transaction.no-referral': {
    severities: INFO,
    summary: 'A transaction was created on a visit without a referral cookie.',
  },
  'customer.signup-schema': {
    severities: ERROR,
    summary: 'A customer signup lacks the customer key or a valid e-mail address.',
  },
  'network.request-failed': {
    severities: ERROR,
    summary:
      "A request to Partnero failed, was refused, or was stopped by the page's Content-Security-Policy.",
  },
};
