/**
 * Response bodies of Partnero requests, read by DevTools (webRequest cannot see them) and
 * sent to the background, which attaches them to the recorded requests.
 */
import { isPartneroUrl } from '../detect/partnero';
import type { ObservedResponse } from '../protocol/messages';

/** The background keeps this much of a body; sending more is waste. */
export const BODY_MAX = 4000;

/** What the entrypoint reads of a DevTools HAR entry. */
export interface HarEntry {
  request: { url: string };
  response?: { status?: number; content?: { mimeType?: string } };
}

/** Tracking calls only: a script, style sheet, image or font body explains nothing. */
export function wantsBody(entry: HarEntry): boolean {
  const mime = entry.response?.content?.mimeType ?? '';
  return isPartneroUrl(entry.request.url) && !/javascript|ecmascript|css|image|font|wasm/i.test(mime);
}

/**
 * `getContent()` answers `[content, encoding]` (Chrome through webextension-polyfill),
 * `{ content, encoding }` (Chrome's own promise) or `[content, mimeType]` (Firefox).
 */
export function contentOf(result: unknown): [content: string | null, second: string | undefined] {
  const [content, second] = Array.isArray(result)
    ? result
    : [
        (result as { content?: unknown } | null)?.content,
        (result as { encoding?: unknown } | null)?.encoding,
      ];
  return [typeof content === 'string' ? content : null, typeof second === 'string' ? second : undefined];
}

/**
 * The body as text from `getContent()`'s answer: Chrome gives `[content, encoding]`, with
 * `base64` for binary; Firefox gives `[content, mimeType]`. Null when there is no body.
 */
export function bodyText(content: string | null | undefined, second: string | undefined): string | null {
  if (!content) return null;
  if (second !== 'base64') return content.slice(0, BODY_MAX);
  try {
    const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes).slice(0, BODY_MAX);
  } catch {
    return null;
  }
}

/** What the background is told about a finished tracking call; null without a body. */
export function observedResponse(entry: HarEntry, content: unknown): ObservedResponse | null {
  const body = bodyText(...contentOf(content));
  if (body === null) return null;
  const status = entry.response?.status;
  // HAR gives 0 (or -1) when no response arrived: no status then.
  return { url: entry.request.url, body, ...(typeof status === 'number' && status > 0 && { status }) };
}
