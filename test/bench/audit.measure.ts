// @vitest-environment node
/**
 * `partnero-inspector audit` of a generated 100-page shop (test/e2e/audit-site.ts), whole
 * processes, at 1, 2 and 4 pages at once: wall time, pages per second, and the peak memory of
 * the browsers and Node together (sampled from /proc every 100 ms). Prints a table; asserts
 * nothing about time.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, it } from 'vitest';
import { serveAuditSite } from '../e2e/audit-site';

const BIN = resolve(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.mjs');
const rows: string[] = [];

/** Resident memory (MiB) of `pid` and every process under it. */
function treeRss(pid: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), (Number(fields[21]) * 4096) / 2 ** 20);
    } catch {
      // Gone meanwhile.
    }
  }
  const inTree = (p: number): boolean => p === pid || (p > 1 && inTree(parents.get(p) ?? 0));
  return [...rss].filter(([p]) => inTree(p)).reduce((sum, [, mib]) => sum + mib, 0);
}

afterAll(() => {
  process.stdout.write(`\naudit of a 100-page site (whole process)\n${rows.join('\n')}\n\n`);
});

it.each([1, 2, 4])(
  'audit, --concurrency %i',
  async (concurrency) => {
    const site = await serveAuditSite(100);
    try {
      const t0 = performance.now();
      const args = [
        'audit',
        `${site.origin}/`,
        '--aff',
        'TEST',
        '--stub-partnero',
        '--max-pages',
        '100',
        '--json',
      ];
      const child = spawn(process.execPath, [BIN, ...args, '--concurrency', String(concurrency)]);
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      let peak = 0;
      const sampler = setInterval(() => {
        if (child.pid) peak = Math.max(peak, treeRss(child.pid));
      }, 100);
      await new Promise((r) => child.on('close', r));
      clearInterval(sampler);
      const s = (performance.now() - t0) / 1000;
      const pages = (JSON.parse(out) as { pages: unknown[] }).pages.length;
      rows.push(
        `  concurrency ${concurrency}: ${pages} pages in ${s.toFixed(1)} s, ${(pages / s).toFixed(2)} pages/s, peak ${peak.toFixed(0)} MiB`,
      );
    } finally {
      await site.close();
    }
  },
  600_000,
);
