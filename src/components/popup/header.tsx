/** The popup's top: which page is checked, and the verdict on it. */
import { frameLabel } from '../../panel/format';
import { Mark } from '../shared/mark';
import { ShortValue } from '../shared/short-value';
import type { Verdict } from './verdict';

/** The end of a page address kept whole when it is shortened: its last path segment, capped. */
/** The product's name, and the checked page as host + path (the full address on hover). */
export function PageHeader({ url }: { url: string }) {
  const shown = frameLabel(url);
  return (
    <header class="head">
      <p class="brand">
        <img src="/icon/32.png" alt="" width={16} height={16} />
        Partnero Inspector
      </p>
      {url && (
        <p class="page-url mono" data-testid="page-url">
          <span class="visually-hidden">Checked page: </span>
          <ShortValue text={shown} full={url} />
        </p>
      )}
    </header>
  );
}

/** The verdict, announced politely when it changes (watching → testing → counts). */
export function VerdictBanner({ verdict }: { verdict: Verdict }) {
  return (
    <div class={`verdict tone-${verdict.tone}`} data-testid="verdict" role="status">
      {verdict.tone === 'busy' ? (
        <span class="mark spinner" aria-hidden="true" />
      ) : (
        <Mark kind={verdict.tone} />
      )}
      <div class="verdict-text">
        <p class="verdict-title">{verdict.title}</p>
        {verdict.note && <p class="verdict-note">{verdict.note}</p>}
      </div>
    </div>
  );
}
