// @vitest-environment node
/** The courier: page events in order, each until answered, numbered so a resend is known. */
import { describe, expect, it } from 'vitest';
import { Courier, RETRY_MS } from '../courier';

const base = { type: 'page-events', frame: 'top', timeOrigin: 1 } as const;
const msg = (n: number) => ({ ...base, events: [{ t: 'loaded' as const, at: n }] });

/** A background whose answers are scripted: `fail` tries in a row get no answer. */
function background(fail = 0) {
  const got: { seq?: number; at?: number }[] = [];
  const waited: number[] = [];
  let failures = fail;
  const send = async (m: { seq?: number; events: { t: string; at?: number }[] }) => {
    got.push({ seq: m.seq, at: m.events[0]?.at });
    if (failures-- > 0) throw new Error('The message port closed before a response was received.');
    return true;
  };
  const wait = async (ms: number) => {
    waited.push(ms);
  };
  return { got, waited, courier: new Courier(send, wait) };
}

describe('Courier', () => {
  it('numbers the messages 1, 2, … and sends each once when answered', async () => {
    const { got, waited, courier } = background();
    expect(await Promise.all([courier.deliver(msg(1)), courier.deliver(msg(2))])).toEqual([true, true]);
    expect(got).toEqual([
      { seq: 1, at: 1 },
      { seq: 2, at: 2 },
    ]);
    expect(waited).toEqual([]);
  });

  it('sends a message again, same number, until answered; the next waits its turn', async () => {
    const { got, waited, courier } = background(2);
    const answered = [courier.deliver(msg(1)), courier.deliver(msg(2))];
    expect(await Promise.all(answered)).toEqual([true, true]);
    expect(got).toEqual([
      { seq: 1, at: 1 },
      { seq: 1, at: 1 },
      { seq: 1, at: 1 },
      { seq: 2, at: 2 },
    ]);
    expect(waited).toEqual(RETRY_MS.slice(0, 2));
  });

  it('gives up after the last retry (the extension is gone) and goes on with the next', async () => {
    const { got, courier } = background(RETRY_MS.length + 1);
    expect(await courier.deliver(msg(1))).toBe(false);
    expect(got).toHaveLength(RETRY_MS.length + 1);
    expect(await courier.deliver(msg(2))).toBe(true);
    expect(got.at(-1)).toEqual({ seq: 2, at: 2 });
  });
});
