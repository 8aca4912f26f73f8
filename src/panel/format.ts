/** How the panel writes times, durations, expiry dates and bodies. */

/** A time since page start: `12.5 ms`, `3.21 s`; `—` when unknown. */
export function formatAt(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return Math.abs(ms) < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A duration: `35 ms`, `1.20 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const DAY = 86_400;

/**
 * Cookie expiry (epoch seconds) as an ISO date with how far away it is; `session` for a
 * session cookie (null), `unknown` when the cookies API did not say (undefined).
 */
export function formatExpiry(expires: number | null | undefined, nowMs: number): string {
  if (expires === undefined) return 'unknown';
  if (expires === null) return 'session (ends when the browser closes)';
  const iso = new Date(expires * 1000).toISOString().replace('.000Z', 'Z');
  const left = expires - nowMs / 1000;
  if (left <= 0) return `${iso} (expired)`;
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / 3600);
  return `${iso} (in ${days ? `${days} d ` : ''}${hours} h)`;
}

/** A body for reading: pretty-printed when it is JSON, as sent otherwise. */
export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}

/** `top` stays `top`; a frame URL is shortened to host + path for a table cell. */
export function frameLabel(frame: string): string {
  const url = /^https?:\/\/([^/?#]+)([^?#]*)/.exec(frame);
  return url ? `${url[1]}${url[2] || '/'}` : frame;
}
