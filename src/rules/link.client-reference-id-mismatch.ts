/** `link.client-reference-id-mismatch`: a link or embed sends another id than the visitor's partner key. */
import { describeLink, echoesProbe, effectiveId, linkTarget } from './links';
import { defineRule } from './rule';
import { quote } from './text';

export default defineRule('link.client-reference-id-mismatch', ({ page, cookie }) => {
  if (cookie === null) return [];
  return page.links.flatMap((link) => {
    const id = effectiveId(link);
    if (id === null || id === cookie.value || echoesProbe(link)) return [];
    return [
      {
        severity: 'error',
        message: `${describeLink(link)} sends client_reference_id ${quote(id, 40)}, but the partnero_partner cookie is ${quote(cookie.value, 40)}: the sale goes to the wrong partner or none.`,
        fix: 'Remove the hard-coded client_reference_id and let the helper copy the cookie into it on click.',
        target: linkTarget(link),
      },
    ];
  });
});
