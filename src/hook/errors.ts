/**
 * `po is not defined`: a page calling the queue function without the loader. Chromium gives an
 * isolated world no ErrorEvent for the page's own script errors, so the hook listens in the
 * page's world, on every page. The listener must leave no trace: it reads the message through
 * the getter taken at document_start (a page may redefine `ErrorEvent.prototype.message`),
 * matches it with the original `RegExp.prototype.exec`, and never throws (an exception in a
 * listener would be reported to the page's own error handlers).
 */
import type { HookEvent } from '../protocol/page';

const NOT_DEFINED = /([\w$]+) is not defined|Can't find variable: ([\w$]+)/;

/** Emits a `page-error` for each `X is not defined` that reaches `window`. */
export function watchPageErrors(
  w: Window & typeof globalThis,
  emit: (e: HookEvent) => void,
  now: () => number,
): void {
  const { apply } = Reflect;
  const exec = RegExp.prototype.exec;
  const slice = String.prototype.slice;
  const messageOf = Object.getOwnPropertyDescriptor(w.ErrorEvent.prototype, 'message')?.get;
  apply(w.EventTarget.prototype.addEventListener, w, [
    'error',
    (e: ErrorEvent) => {
      try {
        const message: unknown = messageOf ? apply(messageOf, e, []) : e.message;
        const m =
          typeof message === 'string' && (apply(exec, NOT_DEFINED, [message]) as RegExpExecArray | null);
        if (m)
          emit({
            t: 'page-error',
            name: m[1] ?? m[2] ?? '',
            message: apply(slice, message, [0, 300]),
            at: now(),
          });
      } catch {
        // Not an ErrorEvent (a page may dispatch any 'error'): nothing to report.
      }
    },
  ]);
}
