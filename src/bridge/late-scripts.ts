/**
 * Scripts the page inserts after its `load` (a tag manager's container, a consent manager, a
 * pricing widget), counted until each loads or fails: the extension's end of watch waits for
 * them, as the check's does (src/cli/page-work.ts), since each may insert the loader or render
 * Payment Links once it arrives. Scripts inserted before `load` need no count: the load event
 * waits for every one of them. Fed by the loader watch's MutationObserver, which looks at each
 * script once; nothing is done before `load`.
 */

/** Whether a script element fetches code the browser runs (a consent manager's text/plain does not). */
export function fetchesCode(script: HTMLScriptElement): boolean {
  return (
    /^https?:/.test(script.src) &&
    !script.noModule &&
    /^(|module|(text|application)\/(x-)?(java|ecma)script)$/i.test((script.getAttribute('type') ?? '').trim())
  );
}

/** The count of a document's scripts inserted after `load` and still loading. */
export interface LateScripts {
  /** Called for each script the document gets (each once). */
  seen(script: HTMLScriptElement): void;
  /** The page has loaded: scripts seen from now on are counted. */
  arm(): void;
  /** Scripts counted and not yet loaded or failed. */
  loading(): number;
}

/** A count that starts at `arm()`. */
export function lateScripts(): LateScripts {
  let armed = false;
  const pending = new Set<HTMLScriptElement>();
  const done = (e: Event) => pending.delete(e.target as HTMLScriptElement);
  return {
    seen(script) {
      if (!armed || !fetchesCode(script)) return;
      pending.add(script);
      script.addEventListener('load', done, { once: true });
      script.addEventListener('error', done, { once: true });
    },
    arm() {
      armed = true;
    },
    loading: () => pending.size,
  };
}
