/**
 * The payload of `po('customers','signup', payload)`: Partnero needs the customer's key
 * and a usable e-mail address; name and tags are optional and not checked.
 */
import { z } from 'zod';
import { KeySchema } from './transaction';

/**
 * Deliberately loose (something@something.tld, no spaces): a stricter pattern would flag
 * valid addresses, and a false positive costs more here than a miss.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const SignupPayloadSchema = z.looseObject(
  {
    data: z.looseObject(
      {
        key: KeySchema.refine((key) => String(key).trim() !== '', { error: 'is empty' }),
        email: z.string({ error: 'expected a string' }).regex(EMAIL, { error: 'is not an e-mail address' }),
      },
      { error: 'expected an object' },
    ),
  },
  { error: 'expected an object' },
);

export type SignupPayload = z.infer<typeof SignupPayloadSchema>;
