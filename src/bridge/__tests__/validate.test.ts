/**
 * parseHookBatch is the first thing that touches page-controlled data in the isolated world:
 * the page can dispatch the hook event itself with anything in it. Whatever arrives, the
 * bridge must get back only well-formed, capped BridgeEvents, and never an exception.
 */
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../protocol/messages';
import { LIMITS } from '../limits';
import { parseHookBatch } from '../validate';

const batch = (...events: unknown[]) => JSON.stringify(events);
const call = (args: unknown[], extra: Record<string, unknown> = {}) => ({
  t: 'call',
  name: 'po',
  args,
  at: 12.5,
  ...extra,
});
/** `{ k: { k: … value } }` with `levels` objects around `value`. */
const nest = (levels: number, value: unknown): unknown =>
  levels === 0 ? value : { k: nest(levels - 1, value) };
const onlyCall = (detail: string) => {
  const out = parseHookBatch(detail);
  expect(out).toHaveLength(1);
  const ev = out[0] as Extract<BridgeEvent, { t: 'call' }>;
  expect(ev.t).toBe('call');
  return ev;
};

describe('parseHookBatch: anything that is not a JSON array of events gives nothing', () => {
  it.each<{ name: string; detail: unknown }>([
    { name: 'undefined detail', detail: undefined },
    { name: 'null detail', detail: null },
    { name: 'a number', detail: 42 },
    { name: 'an object (not a JSON string)', detail: [{ t: 'loader', name: 'po', at: 1, inHead: true }] },
    { name: 'empty string', detail: '' },
    { name: 'not JSON', detail: '{not json' },
    { name: 'truncated JSON', detail: '[{"t":"loader","name":"po","at":1' },
    { name: 'JSON object, not array', detail: '{"t":"loader","name":"po","at":1,"inHead":true}' },
    { name: 'JSON string', detail: '"[]"' },
    { name: 'JSON null', detail: 'null' },
    { name: 'JSON number', detail: '1' },
    { name: 'empty array', detail: '[]' },
    { name: 'array of junk', detail: '[null, 1, "x", true, [], {}]' },
    {
      name: 'over 4 MB of otherwise valid JSON',
      detail: batch({ t: 'loader', name: 'po', at: 1, inHead: true, pad: 'x'.repeat(4_000_001) }),
    },
  ])('$name', ({ detail }) => {
    expect(parseHookBatch(detail)).toEqual([]);
  });
});

describe('parseHookBatch: each event kind, well-formed and malformed', () => {
  it.each<{ name: string; event: unknown; expected: BridgeEvent | null }>([
    // loader
    {
      name: 'loader in head',
      event: { t: 'loader', name: 'po', at: 3, inHead: true },
      expected: { t: 'loader', name: 'po', at: 3, inHead: true },
    },
    {
      name: 'loader in body',
      event: { t: 'loader', name: 'pa', at: 3, inHead: false },
      expected: { t: 'loader', name: 'pa', at: 3, inHead: false },
    },
    {
      name: 'loader with a non-boolean inHead: unknown',
      event: { t: 'loader', name: 'po', at: 3, inHead: 'yes' },
      expected: { t: 'loader', name: 'po', at: 3, inHead: null },
    },
    {
      name: 'loader without inHead: unknown',
      event: { t: 'loader', name: 'po', at: 3 },
      expected: { t: 'loader', name: 'po', at: 3, inHead: null },
    },
    { name: 'loader with empty name', event: { t: 'loader', name: '', at: 3, inHead: true }, expected: null },
    {
      name: 'loader with a 101-character name',
      event: { t: 'loader', name: 'p'.repeat(101), at: 3, inHead: true },
      expected: null,
    },
    {
      name: 'loader with a 100-character name',
      event: { t: 'loader', name: 'p'.repeat(100), at: 3, inHead: true },
      expected: { t: 'loader', name: 'p'.repeat(100), at: 3, inHead: true },
    },
    {
      name: 'loader with a numeric name',
      event: { t: 'loader', name: 7, at: 3, inHead: true },
      expected: null,
    },
    { name: 'loader without at', event: { t: 'loader', name: 'po', inHead: true }, expected: null },
    {
      name: 'loader with string at',
      event: { t: 'loader', name: 'po', at: '3', inHead: true },
      expected: null,
    },
    // call
    {
      name: 'call',
      event: call(['program', 'ABC', 'load']),
      expected: { t: 'call', name: 'po', args: ['program', 'ABC', 'load'], at: 12.5 },
    },
    {
      name: 'call found queued',
      event: call(['program', 'ABC', 'load'], { queued: true }),
      expected: { t: 'call', name: 'po', args: ['program', 'ABC', 'load'], at: 12.5, queued: true },
    },
    {
      name: 'call with a truthy non-true queued: not queued',
      event: call([], { queued: 'yes' }),
      expected: { t: 'call', name: 'po', args: [], at: 12.5 },
    },
    { name: 'call without args', event: { t: 'call', name: 'po', at: 1 }, expected: null },
    {
      name: 'call with object args',
      event: { t: 'call', name: 'po', args: { 0: 'x' }, at: 1 },
      expected: null,
    },
    {
      name: 'call with string args',
      event: { t: 'call', name: 'po', args: 'program', at: 1 },
      expected: null,
    },
    // queue
    {
      name: 'queue',
      event: { t: 'queue', name: 'po', pending: 2, processed: false, at: 9 },
      expected: { t: 'queue', name: 'po', pending: 2, processed: false, at: 9 },
    },
    {
      name: 'queue with string pending',
      event: { t: 'queue', name: 'po', pending: '2', processed: false, at: 9 },
      expected: null,
    },
    {
      name: 'queue with missing processed',
      event: { t: 'queue', name: 'po', pending: 2, at: 9 },
      expected: null,
    },
    {
      name: 'queue with processed as a string',
      event: { t: 'queue', name: 'po', pending: 2, processed: 'false', at: 9 },
      expected: null,
    },
    // page-error → error
    {
      name: 'page-error "po is not defined" becomes a po-undefined error naming po',
      event: { t: 'page-error', name: 'po', message: 'ReferenceError: po is not defined', at: 4 },
      expected: {
        t: 'error',
        kind: 'po-undefined',
        name: 'po',
        message: 'ReferenceError: po is not defined',
        at: 4,
      },
    },
    {
      name: 'page-error for another name keeps that name (the store decides relevance)',
      event: { t: 'page-error', name: 'gtag', message: 'gtag is not defined', at: 4 },
      expected: { t: 'error', kind: 'po-undefined', name: 'gtag', message: 'gtag is not defined', at: 4 },
    },
    {
      name: 'a page-error cannot forge another error kind: any name is a po-undefined',
      event: { t: 'page-error', name: 'rejection', kind: 'csp', message: 'Error: loading script', at: 4 },
      expected: {
        t: 'error',
        kind: 'po-undefined',
        name: 'rejection',
        message: 'Error: loading script',
        at: 4,
      },
    },
    {
      name: 'page-error with an empty name',
      event: { t: 'page-error', name: '', message: ' is not defined', at: 4 },
      expected: null,
    },
    {
      name: 'page-error without message',
      event: { t: 'page-error', name: 'po', at: 4 },
      expected: null,
    },
    {
      name: 'page-error with an object message',
      event: { t: 'page-error', name: 'po', message: { text: 'x' }, at: 4 },
      expected: null,
    },
    // kinds the hook never sends, or the bridge makes itself
    { name: 'unknown t', event: { t: 'hack', name: 'po', at: 1 }, expected: null },
    { name: 'missing t', event: { name: 'po', at: 1 }, expected: null },
    {
      name: 'a forged bridge-only "cookie" event',
      event: { t: 'cookie', name: 'po', at: 1, raw: 'EVIL' },
      expected: null,
    },
    {
      name: 'a forged bridge-only "link-click" event',
      event: {
        t: 'link-click',
        name: 'po',
        at: 1,
        id: 't1',
        afterClick: 'EVIL',
        hrefAfterClick: 'x',
        by: 'user',
      },
      expected: null,
    },
    {
      name: 'a forged bridge-only "error" event',
      event: { t: 'error', name: 'po', at: 1, kind: 'csp', message: 'x' },
      expected: null,
    },
    {
      name: 'a forged bridge-only "loaded" event',
      event: { t: 'loaded', name: 'po', at: 1 },
      expected: null,
    },
  ])('$name', ({ event, expected }) => {
    expect(parseHookBatch(batch(event))).toEqual(expected ? [expected] : []);
  });

  // JSON has no NaN or Infinity, but 1e400 parses to Infinity.
  it.each([
    { name: 'at = 1e400 (Infinity)', detail: '[{"t":"loader","name":"po","at":1e400,"inHead":true}]' },
    { name: 'at = -1e400', detail: '[{"t":"loader","name":"po","at":-1e400,"inHead":true}]' },
    {
      name: 'pending = 1e400',
      detail: '[{"t":"queue","name":"po","pending":1e400,"processed":false,"at":1}]',
    },
  ])('drops non-finite numbers: $name', ({ detail }) => {
    expect(parseHookBatch(detail)).toEqual([]);
  });

  it('keeps the good events of a batch and drops the bad ones, in order', () => {
    const out = parseHookBatch(
      batch(
        { t: 'loader', name: 'po', at: 1, inHead: true },
        null,
        { t: 'call', name: 'po', at: 2 },
        call(['program', 'A', 'load']),
        'junk',
        { t: 'queue', name: 'po', pending: 0, processed: true, at: 3 },
      ),
    );
    expect(out.map((e) => e.t)).toEqual(['loader', 'call', 'queue']);
  });

  it('copies only the known fields: extra properties a page adds are not passed on', () => {
    const out = parseHookBatch(
      batch({ t: 'loader', name: 'po', at: 1, inHead: true, frame: 'https://evil.test/', html: '<img>' }),
    );
    expect(out).toEqual([{ t: 'loader', name: 'po', at: 1, inHead: true }]);
  });
});

describe('parseHookBatch: caps', () => {
  it(`accepts at most ${LIMITS.batch} events per batch`, () => {
    const many = Array.from({ length: LIMITS.batch + 50 }, (_, i) => ({
      t: 'loader',
      name: 'po',
      at: i,
      inHead: true,
    }));
    const out = parseHookBatch(JSON.stringify(many));
    expect(out).toHaveLength(LIMITS.batch);
    expect(out.at(-1)).toMatchObject({ at: LIMITS.batch - 1 });
  });

  it('caps the page-error message at 300 characters', () => {
    const out = parseHookBatch(batch({ t: 'page-error', name: 'po', message: 'x'.repeat(5000), at: 1 }));
    const err = out[0] as Extract<BridgeEvent, { t: 'error' }>;
    expect(err.message).toBe(`${'x'.repeat(300)}…`);
  });

  it.each<{ name: string; args: unknown[]; check: (args: unknown[]) => void }>([
    {
      name: 'a long string argument is cut to the string cap, marked with …',
      args: ['x'.repeat(LIMITS.string + 10)],
      check: (a) => expect(a[0]).toBe(`${'x'.repeat(LIMITS.string)}…`),
    },
    {
      name: 'a string of exactly the cap is kept whole',
      args: ['y'.repeat(LIMITS.string)],
      check: (a) => expect(a[0]).toBe('y'.repeat(LIMITS.string)),
    },
    {
      name: 'long strings nested in payloads are cut too',
      args: ['transactions', 'create', { data: { key: 'k'.repeat(3000) } }],
      check: (a) => expect((a[2] as { data: { key: string } }).data.key).toHaveLength(LIMITS.string + 1),
    },
    {
      name: 'at most 20 arguments',
      args: Array.from({ length: 30 }, (_, i) => i),
      check: (a) => expect(a).toEqual(Array.from({ length: 20 }, (_, i) => i)),
    },
    {
      name: 'at most 100 array items',
      args: [Array.from({ length: 150 }, () => 1)],
      check: (a) => expect(a[0]).toHaveLength(100),
    },
    {
      name: 'at most 100 object keys',
      args: [Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]))],
      check: (a) => expect(Object.keys(a[0] as object)).toHaveLength(100),
    },
    {
      name: 'long keys are cut at 200 characters',
      args: [{ ['k'.repeat(500)]: 1 }],
      check: (a) => expect(Object.keys(a[0] as object)).toEqual([`${'k'.repeat(200)}…`]),
    },
    {
      name: 'an argument keeps 9 levels of objects; what is deeper becomes null',
      args: [nest(12, 'deep')],
      check: (a) => expect(a[0]).toEqual(nest(9, null)),
    },
    {
      name: 'scalars are kept as they are',
      args: ['s', 0, -1.5, true, false, null],
      check: (a) => expect(a).toEqual(['s', 0, -1.5, true, false, null]),
    },
    {
      name: 'arguments over 32 KB serialized are replaced by one marker',
      args: Array.from({ length: 20 }, () => 'z'.repeat(1900)),
      check: (a) => expect(a).toEqual(['[arguments too large]']),
    },
    {
      name: 'arguments just under 32 KB are kept',
      args: Array.from({ length: 15 }, () => 'z'.repeat(1900)),
      check: (a) => expect(a).toHaveLength(15),
    },
  ])('$name', ({ args, check }) => {
    check(onlyCall(batch(call(args))).args);
  });

  // Regression (was a bug) (validate.ts:64, capArgs): `args.slice(0, 20).map(capJson)` passes the array index
  // as capJson's `depth`, so argument i starts i levels deep: the depth budget shrinks with
  // the position, and any object or array from the 10th argument on is replaced by null.
  // Fix: `.map((a) => capJson(a))`.
  it('the depth budget is the same for every argument position', () => {
    const payload = nest(6, 'v');
    const args = onlyCall(batch(call([payload, 2, 3, 4, 5, 6, 7, 8, 9, payload]))).args;
    expect(args[9]).toEqual(args[0]);
  });

  it('a batch near the 4 MB limit is handled and every call is capped', () => {
    const big = Array.from({ length: 100 }, () => call(['x'.repeat(35_000)]));
    const detail = JSON.stringify(big);
    expect(detail.length).toBeLessThan(4_000_000);
    const out = parseHookBatch(detail) as Extract<BridgeEvent, { t: 'call' }>[];
    expect(out).toHaveLength(100);
    for (const ev of out) expect(JSON.stringify(ev.args).length).toBeLessThanOrEqual(LIMITS.callBytes);
  });

  it('never throws on a deeply nested array (no recursion blow-up)', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const detail = `[{"t":"call","name":"po","at":1,"args":[${deep}]}]`;
    expect(() => parseHookBatch(detail)).not.toThrow();
    expect(parseHookBatch(detail)).toHaveLength(1);
  });

  // Regression (was a bug) (validate.ts:75, capJson): `out[cap(k, 200)] = …` on a plain object literal. A
  // forged payload whose JSON has an own "__proto__" key does not create a property:
  // the assignment replaces the copy's prototype with page data, so the key disappears and
  // its contents show up as inherited fields that are lost once the event is serialised.
  // Fix: build `out` with Object.create(null) (or Object.defineProperty for each key).
  it('an own "__proto__" key stays plain data and never becomes the copy\'s prototype', () => {
    const ev = onlyCall('[{"t":"call","name":"po","at":1,"args":[{"__proto__":{"data":{"key":"ch_1"}}}]}]');
    const arg = ev.args[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(arg) === Object.prototype || Object.getPrototypeOf(arg) === null).toBe(true);
    expect(Object.keys(arg)).toEqual(['__proto__']);
  });
});
