/** Why a request failed, in one wording shared by the script and network rules. */
import type { NetRequest } from '../model/types';
import { clip } from './text';

/** Most telling first: a blocker explains an error, a status explains more than a bare error. */
export const FAILURE_KINDS = ['blocker', 'csp', 'http', 'network'] as const;

export interface Failure {
  kind: (typeof FAILURE_KINDS)[number];
  /** "blocked by …", "HTTP 404", "network error (…)". */
  text: string;
}

/** The failure of a request (or of a page error shaped like one), or null when it succeeded. */
export function failureOf({
  blocked,
  error,
  status,
}: Pick<NetRequest, 'blocked' | 'error' | 'status'>): Failure | null {
  if (blocked === 'client' || error?.includes('ERR_BLOCKED_BY_CLIENT')) {
    return { kind: 'blocker', text: 'blocked by an ad/tracker blocker' };
  }
  if (blocked === 'csp' || error?.includes('ERR_BLOCKED_BY_CSP')) {
    return { kind: 'csp', text: "blocked by the page's Content-Security-Policy" };
  }
  if (status !== undefined && status >= 400) return { kind: 'http', text: `HTTP ${status}` };
  return error === undefined ? null : { kind: 'network', text: `network error (${clip(error, 60)})` };
}
