// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { withDeadline, within } from '../deadline';

describe('withDeadline / within', () => {
  it('gives the value in time, null past the deadline, and passes a rejection through', async () => {
    expect(await withDeadline(Promise.resolve(7), 50)).toBe(7);
    expect(await withDeadline(new Promise(() => undefined), 20)).toBeNull();
    await expect(withDeadline(Promise.reject(new Error('no')), 50)).rejects.toThrow('no');
  });

  it('within: settled either way counts, a promise that never settles does not', async () => {
    expect(await within(Promise.reject(new Error('x')), 50)).toBe(true);
    expect(await within(new Promise(() => undefined), 20)).toBe(false);
  });
});
