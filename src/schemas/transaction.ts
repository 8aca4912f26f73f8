/**
 * The payload of `po('transactions','create', payload)`, by presence and type only: a value
 * of the right type but the wrong form (a `"$99"` amount, a placeholder) is reported by its
 * own rule. Objects are loose — Partnero ignores extra keys, and so do we. Optional fields
 * accept null: the page copier turns `undefined` object members into nothing and unset
 * values often arrive as null, which Partnero treats as absent.
 */
import { z } from 'zod';

/** Partnero accepts string and numeric keys. */
export const KeySchema = z.union([z.string(), z.number()], { error: 'expected a string or a number' });

const OptionalText = z.string({ error: 'expected a string' }).nullish();

export const TransactionDataSchema = z.looseObject(
  {
    key: KeySchema,
    // NaN and Infinity reach us as null (JSON copy) and fail here as missing.
    amount: z.union([z.number(), z.string()], { error: 'expected a number or a numeric string' }),
    amount_units: OptionalText,
    product_id: OptionalText,
    product_type: OptionalText,
    customer: z.looseObject({ key: KeySchema }, { error: 'expected an object' }),
  },
  { error: 'expected an object' },
);

export const TransactionPayloadSchema = z.looseObject(
  {
    data: TransactionDataSchema,
    options: z.looseObject({}, { error: 'expected an object' }).nullish(),
  },
  { error: 'expected an object' },
);

export type TransactionPayload = z.infer<typeof TransactionPayloadSchema>;
