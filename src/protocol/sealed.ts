/**
 * The automation channel's envelopes. The CLI and the extension copy it installed share a key
 * made for the run (the CLI writes it into its own temporary copy of the extension; no page
 * ever sees it). Every request and answer travels through the page's DOM sealed with AES-GCM
 * under that key: a page can see opaque text go by, but cannot read it, change it, forge it or
 * replay it (each request carries a fresh id and its time, and an answer names its request).
 * The same code runs in Node (globalThis.crypto) and in the extension.
 */

/** The file in the extension's folder that holds the run's key (absent: no automation). */
export const AUTOMATION_KEY_FILE = 'automation-key.txt';

/** How long a sealed request stays acceptable: older ones are replays. */
export const SEALED_MAX_AGE_MS = 120_000;

/** A new key as hex (32 random bytes). */
export function newKeyHex(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The AES-GCM key of a hex string; null when it is not 64 hex digits. */
export async function importKey(hex: string): Promise<CryptoKey | null> {
  const clean = hex.trim();
  if (!/^[0-9a-f]{64}$/i.test(clean)) return null;
  const bytes = new Uint8Array(clean.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  return globalThis.crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** `value` as JSON, encrypted and authenticated: base64 of a 12-byte IV and the ciphertext. */
export async function seal(key: CryptoKey, value: unknown): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const sealed = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

/** What `seal` sealed, or null for anything else (forged, altered, another key, not base64). */
export async function unseal(key: CryptoKey, text: unknown): Promise<unknown> {
  if (typeof text !== 'string' || text.length > 64_000_000) return null;
  try {
    const bytes = fromBase64(text);
    const iv = bytes.slice(0, 12);
    const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, bytes.slice(12));
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } catch {
    return null;
  }
}
