import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../../src/core/providers';
import type { ProviderId } from '../../../src/core/providers/types';
import { FIXTURES, feedInSplits, readFixture } from './helpers';

type Expect = {
  reasoning: string;
  reasoningKinds?: string[];
  answer: string;
  usage?: Record<string, number>;
  done?: { finishReason?: string };
  error?: { message: string; code?: string };
  malformedCount: number;
};
type Entry = { file: string; provider: ProviderId; contentType: string; note: string; expect: Expect };

const manifest = JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as { fixtures: Entry[] };

describe('recorded fixtures', () => {
  it('the manifest lists every fixture file', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.sse') || f.endsWith('.ndjson'));
    expect(manifest.fixtures.map((f) => f.file).sort()).toEqual(files.sort());
  });

  for (const entry of manifest.fixtures) {
    it(`${entry.file} (${entry.provider}) gives the same events in every split and the expected output`, () => {
      const adapter = getAdapter(entry.provider);
      const s = feedInSplits(adapter.createParser, readFixture(entry.file));
      const x = entry.expect;
      expect(s.reasoning).toBe(x.reasoning);
      expect(s.answer).toBe(x.answer);
      if (x.reasoningKinds) expect(s.reasoningKinds).toEqual(x.reasoningKinds);
      else if (x.reasoning) expect(s.reasoningKinds).toEqual(['raw']);
      expect(s.usage).toEqual(x.usage);
      expect(s.done).toEqual(x.done);
      expect(s.error).toEqual(x.error);
      expect(s.terminalCount).toBeLessThanOrEqual(1);
      expect(s.malformedCount).toBe(x.malformedCount);
      // Nothing after the terminal event.
      const last = s.events.findIndex((e) => e.type === 'done' || e.type === 'error');
      if (last !== -1) expect(last).toBe(s.events.length - 1);
      // No empty text events.
      for (const e of s.events) if (e.type === 'reasoning' || e.type === 'answer') expect(e.text).not.toBe('');
    });
  }
});
