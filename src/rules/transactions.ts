/** Reading `po('transactions','create')` payloads: amounts and Stripe keys. */
import type { TransactionCall } from './calls';
import type { RuleContext } from './context';
import { at, keyText } from './json';

/** A plain decimal number as text: `99`, `99.99` — no sign, symbol, separator or exponent. */
const PLAIN_AMOUNT = /^\d+(\.\d+)?$/;

/** `data.amount` as Partnero would read it, or null when it is missing, a placeholder or malformed. */
export function amountValue(tx: TransactionCall): number | null {
  const amount = tx.data?.amount;
  if (tx.placeholders.has('data.amount')) return null;
  if (typeof amount === 'number') return Number.isFinite(amount) && amount >= 0 ? amount : null;
  if (typeof amount === 'string' && PLAIN_AMOUNT.test(amount.trim())) return Number(amount.trim());
  return null;
}

/**
 * Transactions whose key at `path` (a string or number) does not start with one of
 * Stripe's id prefixes, with that key. A placeholder key is reported too; causes.ts files
 * it under `transaction.placeholder`.
 */
export function keysWithoutPrefix(
  { transactions }: RuleContext,
  path: string,
  prefixes: readonly string[],
): { tx: TransactionCall; key: string }[] {
  return transactions.flatMap((tx) => {
    const key = keyText(at(tx.payload, path));
    if (key === null || prefixes.some((p) => key.startsWith(p))) return [];
    return [{ tx, key }];
  });
}
