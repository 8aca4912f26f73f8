/** `po.undefined`: page code called the queue function before (or without) the loader. */
import { defineRule } from './rule';
import { clip } from './text';

export default defineRule('po.undefined', ({ page }) => {
  const names = new Set(
    page.errors.filter(({ kind }) => kind === 'po-undefined').map(({ name }) => name ?? 'po'),
  );
  return [...names].map((name) => ({
    severity: 'error',
    message: `Page code called ${clip(name, 40)}(…) while it was not defined (ReferenceError): those calls were lost.`,
    fix: 'Load the Partnero snippet before any code that calls it, on this page too (e.g. the order confirmation).',
  }));
});
