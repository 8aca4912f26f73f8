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

/** Longest tail a shortened value keeps whole (a Payment Link id with its query fits). */
const TAIL_MAX = 48;
/** Shortest tail worth keeping: fewer characters tell nothing apart. */
const TAIL_MIN = 8;

/**
 * How many last characters of `value` stay when it is shortened in the middle. For a URL,
 * from its last path segment on (a Payment Link's id with its query, `universal.js?v…`), so
 * what tells two URLs apart survives while the host gives way; other text keeps its end.
 */
export function middleTail(value: string): number {
  const origin = /^[a-z][\w+.-]*:\/\/[^/?#]*/i.exec(value)?.[0];
  let start = value.length - Math.min(12, Math.floor(value.length / 3));
  if (origin && value.length > origin.length) {
    const path = value.slice(origin.length);
    const query = path.search(/[?#]/);
    const pathname = (query < 0 ? path : path.slice(0, query)).replace(/\/$/, '');
    start = origin.length + pathname.lastIndexOf('/') + 1;
  }
  start = Math.min(Math.max(start, value.length - TAIL_MAX), value.length - TAIL_MIN);
  return value.length - Math.max(0, start);
}
