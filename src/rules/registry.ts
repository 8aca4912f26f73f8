/** Every rule, in catalog order (the order of `RULE_IDS`, which findings are sorted by). */

import checkoutNavigationNotAttributed from './checkout.navigation-not-attributed';
import cookieAbsent from './cookie.absent';
import cookieInvalidForStripe from './cookie.invalid-for-stripe';
import cookieLostAcrossSubdomains from './cookie.lost-across-subdomains';
import cookieMissingAfterReferral from './cookie.missing-after-referral';
import customerSignupSchema from './customer.signup-schema';
import embedMissingClientReferenceId from './embed.missing-client-reference-id';
import linkClientReferenceIdInvalid from './link.client-reference-id-invalid';
import linkClientReferenceIdMismatch from './link.client-reference-id-mismatch';
import linkClientReferenceIdPreset from './link.client-reference-id-preset';
import linkMissingClientReferenceId from './link.missing-client-reference-id';
import linkTestMode from './link.test-mode';
import networkRequestFailed from './network.request-failed';
import poUndefined from './po.undefined';
import poUnknownCommand from './po.unknown-command';
import programMissing from './program.missing';
import programMultiple from './program.multiple';
import programPlaceholder from './program.placeholder';
import referralParamDropped from './referral.param-dropped';
import type { Rule } from './rule';
import settingsAssetsHost from './settings.assets-host';
import snippetDelayed from './snippet.delayed';
import snippetDuplicate from './snippet.duplicate';
import snippetMissing from './snippet.missing';
import snippetNotInHead from './snippet.not-in-head';
import snippetQueueStuck from './snippet.queue-stuck';
import snippetScriptFailed from './snippet.script-failed';
import transactionAmount from './transaction.amount';
import transactionAmountCents from './transaction.amount-cents';
import transactionAmountZero from './transaction.amount-zero';
import transactionCreateCustomer from './transaction.create-customer';
import transactionCurrency from './transaction.currency';
import transactionCustomerKeyFormat from './transaction.customer-key-format';
import transactionDuplicate from './transaction.duplicate';
import transactionKeyFormat from './transaction.key-format';
import transactionNoReferral from './transaction.no-referral';
import transactionPlaceholder from './transaction.placeholder';
import transactionSchema from './transaction.schema';

/** One rule per `RULE_IDS` entry, in the same order. */
export const RULES: Rule[] = [
  snippetMissing,
  snippetNotInHead,
  snippetDuplicate,
  snippetScriptFailed,
  snippetDelayed,
  snippetQueueStuck,
  programMissing,
  programPlaceholder,
  programMultiple,
  settingsAssetsHost,
  poUndefined,
  poUnknownCommand,
  referralParamDropped,
  cookieMissingAfterReferral,
  cookieAbsent,
  cookieLostAcrossSubdomains,
  cookieInvalidForStripe,
  linkMissingClientReferenceId,
  linkClientReferenceIdMismatch,
  linkClientReferenceIdPreset,
  linkClientReferenceIdInvalid,
  linkTestMode,
  embedMissingClientReferenceId,
  checkoutNavigationNotAttributed,
  transactionSchema,
  transactionPlaceholder,
  transactionAmount,
  transactionAmountZero,
  transactionAmountCents,
  transactionCurrency,
  transactionKeyFormat,
  transactionCustomerKeyFormat,
  transactionCreateCustomer,
  transactionDuplicate,
  transactionNoReferral,
  customerSignupSchema,
  networkRequestFailed,
];
