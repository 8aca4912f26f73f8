/** Fails any e2e test during which a browser tried to reach a real Partnero or Stripe host. */
import { afterEach, expect, inject } from 'vitest';

afterEach(async () => {
  const noted = (await (await fetch(`${inject('offlineSink')}/__noted`)).json()) as string[];
  expect(noted, 'requests that left for a real Partnero or Stripe host').toEqual([]);
});
