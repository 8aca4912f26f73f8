/** The referral cookie that universal.js writes: `partnero_partner=<URI-encoded partner key>`. */
export const PARTNER_COOKIE = 'partnero_partner';

/** Raw (still encoded) value of `name` in a `document.cookie` string, or null. */
export function readCookie(cookieString: string, name: string = PARTNER_COOKIE): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** decodeURIComponent that keeps the raw text when it is not valid percent-encoding. */
export function decodeCookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
