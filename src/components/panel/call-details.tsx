/** One `po` call: when and where it ran, its arguments as a tree, and the findings about it. */
import type { PoCall } from '../../model/types';
import { callText } from '../../panel/describe';
import { formatAt, frameLabel } from '../../panel/format';
import { FindingList } from '../shared/finding-list';
import { CopyButton } from './copy-button';
import { JsonTree } from './json-tree';
import { PropList } from './prop-list';
import { pageOf, type ViewContext } from './view-context';

export function CallDetails({
  call,
  index,
  pageN,
  ctx,
}: {
  call: PoCall;
  index: number;
  pageN: number;
  ctx: ViewContext;
}) {
  const page = pageOf(ctx, pageN);
  const findings = page?.findings.filter((f) => f.target?.call === index) ?? [];
  return (
    <>
      <div class="details-actions">
        <CopyButton text={() => JSON.stringify(call.args, null, 2)} />
      </div>
      <PropList
        rows={[
          ['Call', callText(call.args, page?.page.queueName ?? 'po'), true],
          ['Time', `${formatAt(call.at)} after page start`],
          ['Frame', frameLabel(call.frame), true],
          ['Queued', call.queued ? 'yes: waiting in the queue before universal.js took over' : undefined],
        ]}
      />
      <h4>Arguments</h4>
      <JsonTree value={call.args} name="arguments" />
      {findings.length > 0 && <h4>Findings</h4>}
      <FindingList findings={findings} />
    </>
  );
}
