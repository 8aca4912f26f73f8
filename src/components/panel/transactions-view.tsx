/** Transactions and customer signups of every journey page, validated field by field. */
import type { Finding } from '../../model/types';
import { callText } from '../../panel/describe';
import { type ValidatedCall, validatedCalls } from '../../panel/fields';
import { matchesText, severityShown } from '../../panel/filter';
import { formatAt } from '../../panel/format';
import { FindingList } from '../shared/finding-list';
import { CopyButton } from './copy-button';
import { FieldTable } from './field-table';
import { JsonTree } from './json-tree';
import { PageGroup } from './page-group';
import type { ViewContext } from './view-context';

function TransactionCard({ tx, ctx }: { tx: ValidatedCall; ctx: ViewContext }) {
  const show = (f: Finding) => severityShown(f.severity, ctx.toggles);
  return (
    <article class="card" aria-label={`${tx.command} call ${tx.index}`}>
      <header class="card-head">
        <span class="mono card-title">{tx.command}</span>
        <span class="muted">
          call #{tx.index} · {formatAt(tx.call.at)}
        </span>
        <CopyButton text={() => JSON.stringify(tx.call.args, null, 2)} />
      </header>
      <FindingList findings={tx.general.filter(show)} />
      <FieldTable fields={tx.fields} show={show} />
      <details class="raw">
        <summary>Payload</summary>
        <JsonTree value={tx.payload} name="payload" />
      </details>
    </article>
  );
}

export function TransactionsView({ ctx }: { ctx: ViewContext }) {
  const groups = ctx.pages.map((page) => ({
    page,
    calls: validatedCalls(page.page, page.findings).filter((tx) =>
      matchesText(
        `${callText(tx.call.args)} ${tx.fields.flatMap((r) => r.findings.map((f) => `${f.rule} ${f.message}`)).join(' ')}`.toLowerCase(),
        ctx.query,
      ),
    ),
  }));
  return (
    <div class="scroll-view">
      {groups.map(({ page, calls }) => (
        <PageGroup key={page.n} page={page} live={page.n === ctx.livePage}>
          {calls.length ? (
            calls.map((tx) => <TransactionCard key={tx.index} tx={tx} ctx={ctx} />)
          ) : (
            <p class="muted empty">
              No po('transactions','create') or po('customers','signup') call
              {ctx.query.terms.length ? ' matches the filter' : ''}.
            </p>
          )}
        </PageGroup>
      ))}
    </div>
  );
}
