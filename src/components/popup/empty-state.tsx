/** What the popup says where it has nothing to check, and the one action that may help. */

import { Mark } from '../shared/mark';
import type { PopupActions } from './controls';
import type { Reach } from './page-reach';

type Unreachable = Exclude<Reach, { kind: 'inspect' }>['kind'];

const STATES: Record<Unreachable, { title: string; text: string; action?: 'reload' | 'allowSite' }> = {
  'browser-page': {
    title: 'This is a browser page',
    text: 'Browsers keep extensions out of their own pages, so there is nothing to check here. Open a page of your site to check its Partnero tracking.',
  },
  store: {
    title: 'Extensions cannot see this page',
    text: 'Browsers run no extension on their add-on stores. Open a page of your site to check its Partnero tracking.',
  },
  'not-allowed': {
    title: 'Partnero Inspector may not read this site',
    text: "Its site access is turned off here, so it cannot see the page's tracking.",
    action: 'allowSite',
  },
  unseen: {
    title: 'Reload to check this page',
    text: 'This page was open before Partnero Inspector started, so it saw nothing of it.',
    action: 'reload',
  },
};

const BUTTON = { reload: 'Reload page', allowSite: 'Allow on this site' } as const;

/** A neutral note (never success green) with no control that cannot apply to the page. */
export function EmptyState({ kind, actions }: { kind: Unreachable; actions: PopupActions }) {
  const state = STATES[kind];
  return (
    <div class="verdict tone-none empty" data-testid="verdict" data-empty={kind}>
      <Mark kind="none" />
      <div class="verdict-text">
        <p class="verdict-title">{state.title}</p>
        <p class="verdict-note">{state.text}</p>
        {state.action && (
          <button type="button" class="primary empty-action" onClick={actions[state.action]}>
            {BUTTON[state.action]}
          </button>
        )}
      </div>
    </div>
  );
}
