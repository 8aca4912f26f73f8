// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { importKey, newKeyHex, seal, unseal } from '../sealed';

describe('sealed envelopes', () => {
  it('opens what the same key sealed, and nothing else', async () => {
    const key = (await importKey(newKeyHex())) as CryptoKey;
    const other = (await importKey(newKeyHex())) as CryptoKey;
    const value = { id: 'r1', response: { findings: [], text: 'é\u2028' } };
    const sealed = await seal(key, value);
    expect(sealed).not.toContain('findings');
    expect(await unseal(key, sealed)).toEqual(value);
    expect(await unseal(other, sealed)).toBeNull();
    const flipped = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
    expect(await unseal(key, flipped)).toBeNull();
    expect(await unseal(key, JSON.stringify(value))).toBeNull();
    expect(await unseal(key, 42)).toBeNull();
  });

  it('refuses a key that is not 64 hex digits', async () => {
    expect(await importKey('abc')).toBeNull();
    expect(await importKey('z'.repeat(64))).toBeNull();
  });
});
