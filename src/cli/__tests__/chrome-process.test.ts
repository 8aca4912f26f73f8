import { PassThrough } from 'node:stream';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { mergeFeatureFlags, PipeTransport, PUPPETEER_CHROME_ARGS } from '../chrome-process';

describe('PUPPETEER_CHROME_ARGS', () => {
  it('are the installed Puppeteer’s own defaults (less profile and start page)', () => {
    const theirs = puppeteer
      .defaultArgs({ headless: true, enableExtensions: true, userDataDir: '/profile' })
      .filter((a) => a !== '--user-data-dir=/profile' && a !== 'about:blank');
    expect([...PUPPETEER_CHROME_ARGS].sort()).toEqual([...theirs].sort());
  });
});

describe('mergeFeatureFlags', () => {
  it('joins every --disable-features (and --enable-features) into one flag where the first stood', () => {
    expect(
      mergeFeatureFlags([
        '--a',
        '--disable-features=Translate,MediaRouter',
        '--enable-features=PdfOopif',
        '--b',
        '--disable-features=WebUIOmniboxPopup,Translate',
        '--enable-features=',
      ]),
    ).toEqual([
      '--a',
      '--disable-features=Translate,MediaRouter,WebUIOmniboxPopup',
      '--enable-features=PdfOopif',
      '--b',
    ]);
  });

  it('leaves arguments without feature lists as they are', () => {
    expect(mergeFeatureFlags(['--x=1', 'about:blank'])).toEqual(['--x=1', 'about:blank']);
  });
});

describe('PipeTransport', () => {
  const pipes = () => {
    const write = new PassThrough();
    const read = new PassThrough();
    const transport = new PipeTransport(write, read);
    const got: string[] = [];
    transport.onmessage = (m) => got.push(m);
    return { write, read, transport, got };
  };
  const tick = () => new Promise((r) => setImmediate(r));

  it('ends each message sent with a NUL byte', () => {
    const { write, transport } = pipes();
    transport.send('{"id":1}');
    transport.send('{"id":2}');
    expect(String(write.read())).toBe('{"id":1}\0{"id":2}\0');
  });

  it('delivers messages split across chunks and several in one chunk, in order', async () => {
    const { read, got } = pipes();
    read.write('{"a":');
    read.write('1}\0{"b":2}\0{"c"');
    await tick();
    expect(got).toEqual(['{"a":1}', '{"b":2}']);
    read.write(':3}\0');
    await tick();
    expect(got).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('keeps multi-byte characters split between chunks whole', async () => {
    const { read, got } = pipes();
    const bytes = Buffer.from('"é€"\0');
    read.write(bytes.subarray(0, 2));
    read.write(bytes.subarray(2));
    await tick();
    expect(got).toEqual(['"é€"']);
  });

  it('reports the pipe closing, and nothing after close()', async () => {
    const closed = pipes();
    let heard = false;
    closed.transport.onclose = () => {
      heard = true;
    };
    closed.read.destroy();
    await tick();
    expect(heard).toBe(true);

    const { read, transport, got } = pipes();
    transport.close();
    read.write('{"late":1}\0');
    await tick();
    expect(got).toEqual([]);
  });
});
