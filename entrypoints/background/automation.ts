/**
 * The extension's end of the CLI's automation channel: a request opens only with the run's key
 * (in the CLI's copy of the extension; a normal install has none and answers nothing), is
 * fresh and not seen before; the answer goes back sealed with the same key.
 */
import { browser } from 'wxt/browser';
import type { ActivityAnswer, AutomationRequest, TabSnapshot } from '../../src/protocol/messages';
import { AUTOMATION_KEY_FILE, importKey, SEALED_MAX_AGE_MS, seal, unseal } from '../../src/protocol/sealed';

let key: Promise<CryptoKey | null> | undefined;
/** Request ids already answered: a replayed envelope is refused. */
const seen = new Set<string>();
const SEEN_KEPT = 2000;

function automationKey(): Promise<CryptoKey | null> {
  key ??= fetch((browser.runtime.getURL as (path: string) => string)(`/${AUTOMATION_KEY_FILE}`))
    .then((r) => (r.ok ? r.text() : ''))
    .then(importKey)
    .catch(() => null);
  return key;
}

interface SealedRequest {
  id: string;
  at: number;
  request: AutomationRequest;
}

/** The request inside `sealed`, or null when it is not a fresh one sealed with the run's key. */
async function open(k: CryptoKey, sealed: string): Promise<SealedRequest | null> {
  const body = (await unseal(k, sealed)) as Partial<SealedRequest> | null;
  if (typeof body?.id !== 'string' || typeof body.at !== 'number' || !body.request) return null;
  if (seen.has(body.id) || Math.abs(Date.now() - body.at) > SEALED_MAX_AGE_MS) return null;
  seen.add(body.id);
  if (seen.size > SEEN_KEPT) seen.delete(seen.values().next().value as string);
  return body as SealedRequest;
}

/**
 * Answers one sealed request with `handle`, sealed; undefined (no answer at all) for anything
 * that is not a genuine request of this run.
 */
export async function answerSealed(
  sealed: string,
  handle: (request: AutomationRequest) => Promise<TabSnapshot | ActivityAnswer>,
): Promise<string | undefined> {
  const k = await automationKey();
  const body = k && (await open(k, sealed));
  if (!k || !body) return undefined;
  try {
    return await seal(k, { id: body.id, response: await handle(body.request) });
  } catch (err) {
    return seal(k, { id: body.id, error: String((err as Error)?.message ?? err) });
  }
}
