/**
 * What the panel can do to the inspected page: test-click every Payment Link (saying so while
 * it runs) and reopen the page as a referred visitor would. A disabled button says why.
 */
import { withReferral } from '../../detect/referral';
import type { PageState } from '../../model/types';

/** The referral key the simulated visit carries (the popup uses the same). */
export const TEST_KEY = 'TEST';

export interface PageActionsProps {
  page: PageState;
  /** A test the panel asked for has not answered yet. */
  asked: boolean;
  onTestLinks(): void;
  onOpen(url: string): void;
}

/** Test all links and Simulate a referred visit for the live page, each saying why when disabled. */
export function PageActions({ page, asked, onTestLinks, onOpen }: PageActionsProps) {
  const testing = asked || page.clickTest === 'running';
  const hasLinks = page.links.some((l) => l.kind === 'payment-link' && !l.removed);
  const referred = withReferral(page, TEST_KEY);
  const testTitle = testing
    ? 'Clicking each Payment Link with navigation stopped…'
    : hasLinks
      ? "Click each Payment Link with navigation stopped, so the page's own helper runs"
      : 'No Payment Link on this page to test';
  return (
    <span class="page-actions">
      <span title={testTitle}>
        <button
          type="button"
          class="btn btn-primary"
          disabled={testing || !hasLinks}
          title={testTitle}
          onClick={onTestLinks}
        >
          {testing ? 'Testing links…' : 'Test all links'}
        </button>
      </span>
      <span
        title={referred ? undefined : 'Only a web page (http or https) can be reopened as a referred visit'}
      >
        <button
          type="button"
          class="btn"
          disabled={!referred}
          title={referred ? `Reopen this page as a partner's visitor: ${referred}` : undefined}
          onClick={() => referred && onOpen(referred)}
        >
          Simulate a referred visit
        </button>
      </span>
    </span>
  );
}
