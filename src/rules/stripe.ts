/** Stripe facts the link, cookie and transaction rules share. */

/** Stripe keeps a `client_reference_id` only in this form; anything else is dropped silently. */
const REFERENCE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** Whether Stripe would keep this `client_reference_id`. */
export function isValidReferenceId(id: string): boolean {
  return REFERENCE_ID.test(id);
}

/** Why Stripe would drop this id, for messages. */
export function referenceIdProblem(id: string): string {
  if (id === '') return 'is empty';
  if (id.length > 200) return `is ${id.length} characters long (Stripe keeps at most 200)`;
  return 'has characters other than A-Z a-z 0-9 _ -';
}

/** Stripe's zero-decimal currencies: there an integer amount ≥ 1000 is not a sign of cents. */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
