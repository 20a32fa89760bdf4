import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/stored-runs/types';
import { createRunPersister, liveSaveIntervalMs } from '../../src/lib/run-record';
import { makeView, T0 } from '../features/live-viewer/view-fixture';

describe('run persister', () => {
  const texts = (n: number) => Array.from({ length: n }, (_, i) => `Step ${i + 1}: 2 + ${i} = ${2 + i}.`);

  it('spaces the saves of a live run by its size: a second, or a millisecond per step', () => {
    expect(liveSaveIntervalMs(0)).toBe(1000);
    expect(liveSaveIntervalMs(800)).toBe(1000);
    expect(liveSaveIntervalMs(10_000)).toBe(10_000);
  });

  it('saves a short live run every second and a 5,000-step one every 5 s; the end at once', () => {
    const saved: RunRecord[] = [];
    const persister = createRunPersister(async (r) => void saved.push(r), () => {});
    const short = makeView({ status: 'streaming', stepTexts: texts(10) }, { id: 'short' });
    const long = makeView({ status: 'streaming', stepTexts: texts(5000) }, { id: 'long' });
    for (let t = 0; t <= 6000; t += 250) {
      persister.update(short, T0 + t);
      persister.update(long, T0 + t);
    }
    const count = (id: string) => saved.filter((r) => r.id === id).length;
    expect(count('short')).toBe(7);
    expect(count('long')).toBe(2);
    persister.update(makeView({ status: 'done', stepTexts: texts(5000) }, { id: 'long' }), T0 + 6100);
    expect(count('long')).toBe(3);
    expect(saved[saved.length - 1].status).toBe('done');
  });
});
