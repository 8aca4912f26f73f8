/**
 * `audit --shard I/N`: a CI matrix checks a site's pages in N runs, each taking the pages whose
 * URL hashes to its shard; `merge` (./merge.ts) joins their `--json` reports back into one
 * ordered as an unsharded audit's (pages sorted by URL). No zod here: this module is on the
 * CLI's start-up path, and the report schema loads only once a report is written or read.
 */
import type { PageReport, Report } from '../../report/schema';
import { ArgError, quote } from '../validate';

/** Shard `index` (1-based) of `count` shards. */
export interface Shard {
  index: number;
  count: number;
}

/** The most shards `--shard` takes: far more than any CI matrix runs. */
export const MAX_SHARDS = 1000;

/**
 * Parses "i/n" (1-based, 1 ≤ i ≤ n ≤ 1000); throws an Error (an {@link ArgError}) with a one-line
 * message naming --shard otherwise. Digits only: signs, spaces, leading zeros and `1e2` are refused.
 */
export function parseShard(text: string): Shard {
  const match = /^([1-9]\d{0,3})\/([1-9]\d{0,3})$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count > MAX_SHARDS || index > count) {
    throw new ArgError(`--shard must be I/N with 1 <= I <= N <= ${MAX_SHARDS}, e.g. 2/3, got ${quote(text)}`);
  }
  return { index, count };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a, 32 bits, of the UTF-8 bytes of `text` (unsigned). */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, FNV_PRIME);
  return hash >>> 0;
}

/**
 * The finalizer of MurmurHash3 (fmix32): every input bit reaches every output bit. FNV-1a alone
 * mixes its last bytes poorly (URLs that differ in one final digit get hashes that differ in a
 * few bits), so `hash % count` would pile such URLs into few shards.
 */
function avalanche(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The 0-based shard of `url` among `count`: its FNV-1a hash, mixed, modulo `count`. */
function bucketOf(url: string, count: number): number {
  return avalanche(fnv1a32(url)) % count;
}

/**
 * The pages of shard i of n: a deterministic split that depends neither on the order of `urls`
 * nor on the other shards' pages. Each URL (as given, compared exactly) goes to the shard its
 * hash picks (FNV-1a 32-bit of its UTF-8 bytes, then fmix32, modulo n), so every URL is in
 * exactly one shard and shards are roughly balanced. Returns the URLs in the input order.
 */
export function shardOf(urls: readonly string[], shard: Shard): string[] {
  return urls.filter((url) => bucketOf(url, shard.count) === shard.index - 1);
}

/** Orders by UTF-16 code units (as `<` does): the same on every machine and locale. */
export const byUrl = (a: PageReport, b: PageReport): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/**
 * `report` with its pages sorted by URL (a stable sort: pages of one URL keep their order);
 * the order of an audit's report and of merged shards, so the two compare and print alike.
 * Other keys are kept; `report` itself is not changed.
 */
export function sortPages<R extends Report>(report: R): R {
  return { ...report, pages: [...report.pages].sort(byUrl) };
}
