/** A Partnero request: what webRequest saw, and the bodies (the response one read by DevTools). */
import type { NetRequest } from '../../model/types';
import { requestStatus } from '../../panel/describe';
import { formatAt, formatDuration, prettyBody } from '../../panel/format';
import { ShortValue } from '../shared/short-value';
import { CopyButton } from './copy-button';
import { PropList } from './prop-list';

const BLOCKED = {
  client: 'by an extension or ad blocker',
  csp: "by the page's Content-Security-Policy",
} as const;

function Body({ title, body, missing }: { title: string; body: string | undefined; missing: string }) {
  return (
    <section class="body-block">
      <h4>
        {title}
        {body !== undefined && <CopyButton text={() => body} label="Copy" />}
      </h4>
      {body === undefined ? (
        <p class="muted">{missing}</p>
      ) : (
        <pre class="mono body-text">{prettyBody(body)}</pre>
      )}
    </section>
  );
}

/** The details pane of a request: what webRequest saw, and both bodies. */
export function RequestDetails({ request }: { request: NetRequest }) {
  const status = requestStatus(request);
  return (
    <>
      <div class="details-actions">
        <CopyButton text={() => request.url} label="Copy URL" />
      </div>
      <PropList
        rows={[
          ['URL', <ShortValue text={request.url} />, true],
          ['Method', request.method || 'not known (seen by the page)', true],
          ['Status', status, true],
          ['Blocked', request.blocked && BLOCKED[request.blocked]],
          ['Type', request.type],
          ['Started', `${formatAt(request.at)} after page start`],
          ['Duration', request.duration === undefined ? undefined : formatDuration(request.duration)],
        ]}
      />
      <Body title="Request body" body={request.requestBody} missing="None sent." />
      <Body
        title="Response body"
        body={request.responseBody}
        missing="Not captured: response bodies are read while DevTools is open. Reload the page with DevTools open to see them."
      />
    </>
  );
}
