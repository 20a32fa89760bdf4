import { describe, expect, it } from 'vitest';
import { coalesceEvents } from '../../../src/core/providers/coalesce';
import type { NormalizedEvent } from '../../../src/core/providers/types';

describe('coalesceEvents', () => {
  it('joins neighbouring reasoning of one time and kind, and keeps everything else in place', () => {
    const events: NormalizedEvent[] = [
      { type: 'reasoning', text: 'a', t: 1 },
      { type: 'reasoning', text: 'b', t: 1, kind: 'raw' },
      { type: 'reasoning', text: 'c', t: 2 },
      { type: 'reasoning', text: '[redacted]', t: 2, kind: 'redacted' },
      { type: 'reasoning', text: 'd', t: 2 },
      { type: 'usage', usage: { totalTokens: 3 }, t: 2 },
      { type: 'reasoning', text: 'e', t: 2 },
      { type: 'answer', text: 'x', t: 2 },
      { type: 'answer', text: 'y', t: 2 },
      { type: 'done', t: 2 },
    ];
    expect(coalesceEvents(events)).toEqual([
      { type: 'reasoning', text: 'ab', t: 1 },
      { type: 'reasoning', text: 'c', t: 2 },
      { type: 'reasoning', text: '[redacted]', t: 2, kind: 'redacted' },
      { type: 'reasoning', text: 'd', t: 2 },
      { type: 'usage', usage: { totalTokens: 3 }, t: 2 },
      { type: 'reasoning', text: 'e', t: 2 },
      { type: 'answer', text: 'x', t: 2 },
      { type: 'answer', text: 'y', t: 2 },
      { type: 'done', t: 2 },
    ]);
  });

  it('turns 1,000 token events of one slice into one, with the same text', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i} `);
    const out = coalesceEvents(words.map((text) => ({ type: 'reasoning', text, t: 5 })));
    expect(out).toEqual([{ type: 'reasoning', text: words.join(''), t: 5 }]);
  });
});
