/** Values on one line, shortened in the middle so their distinctive end stays. */
import { middleTail } from '../../panel/format';
import { MiddleEllipsis } from './middle-ellipsis';

/**
 * `text` on one line, shortened in the middle around {@link middleTail}; `full` (default
 * `text`) on hover and copy.
 */
export function ShortValue({ text, full = text }: { text: string; full?: string }) {
  return <MiddleEllipsis text={text} keep={middleTail(text)} full={full} />;
}
