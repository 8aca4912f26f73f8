/**
 * Talks to the installed extension through the page: the bridge answers automation
 * requests in WebDriver-controlled browsers (see src/bridge/automation.ts). Works the same
 * in Chromium and Firefox, where extension pages cannot be opened by automation.
 */
import type { Page } from 'puppeteer';
import {
  AUTOMATION_REQUEST,
  AUTOMATION_RESPONSE,
  type AutomationRequest,
  type TabSnapshot,
} from '../protocol/messages';

export async function askExtension(
  page: Page,
  request: AutomationRequest,
  timeoutMs = 20_000,
): Promise<TabSnapshot> {
  const answer = await page.evaluate(
    (req, reqName, resName, timeout) =>
      new Promise<string>((resolve) => {
        const id = Math.random().toString(36).slice(2);
        const onResponse = (e: Event) => {
          const detail = String((e as CustomEvent).detail);
          if (!detail.includes(id)) return;
          document.removeEventListener(resName, onResponse);
          resolve(detail);
        };
        document.addEventListener(resName, onResponse);
        document.dispatchEvent(new CustomEvent(reqName, { detail: JSON.stringify({ id, request: req }) }));
        setTimeout(() => resolve(JSON.stringify({ error: 'the extension did not answer' })), timeout);
      }),
    request,
    AUTOMATION_REQUEST,
    AUTOMATION_RESPONSE,
    timeoutMs,
  );
  const parsed = JSON.parse(answer) as { response?: TabSnapshot; error?: string };
  if (!parsed.response) throw new Error(parsed.error ?? 'the extension did not answer');
  return parsed.response;
}
