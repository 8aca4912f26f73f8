/** Partnero's hosts: `partnero.com` and every subdomain (app., assets., api.). */

/**
 * True for an http(s) URL on a Partnero host (any case, a trailing root dot allowed); false
 * for other schemes and look-alikes such as `notpartnero.com`.
 */
export function isPartneroUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  const host = u.hostname.replace(/\.$/, '');
  return host === 'partnero.com' || host.endsWith('.partnero.com');
}
