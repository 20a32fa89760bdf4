import { describe, expect, it } from 'vitest';
import { checkpointsDue, extractiveSummary, takeCheckpoint } from '../../../src/core/checkpoints';
import { summaryPrompt } from '../../../src/core/run/prompts';
import { splitSteps } from '../../../src/core/steps/segmenter';

const chain = splitSteps(
  [
    'Let me read the problem carefully.',
    'There are 24 rows with 17 pallets each, so 17 × 24 = 408 pallets.',
    'Each pallet holds 36 boxes. Therefore the warehouse holds 408 × 36 = 14,688 boxes.',
    'Now I need to think about the shipment.',
  ].join('\n\n'),
);

describe('checkpoints', () => {
  it('are due every K steps, once each', () => {
    expect(checkpointsDue(9, 10, 0)).toEqual([]);
    expect(checkpointsDue(10, 10, 0)).toEqual([1]);
    expect(checkpointsDue(35, 10, 1)).toEqual([2, 3]);
    expect(checkpointsDue(35, 10, 3)).toEqual([]);
    expect(checkpointsDue(35, 0, 0)).toEqual([]);
  });

  it('summarise the latest stated results, quoted from the chain, oldest first', () => {
    expect(extractiveSummary(chain)).toEqual([
      'There are 24 rows with 17 pallets each, so 17 × 24 = 408 pallets.',
      'Therefore the warehouse holds 408 × 36 = 14,688 boxes.',
    ]);
    expect(extractiveSummary(chain, 1)).toEqual(['Therefore the warehouse holds 408 × 36 = 14,688 boxes.']);
  });

  it('fall back to the last sentence when nothing states a result', () => {
    expect(extractiveSummary(splitSteps('I wonder.\n\nLet me think about the approach first.'))).toEqual(['Let me think about the approach first.']);
    expect(extractiveSummary([])).toEqual([]);
  });

  it('record number, steps so far and elapsed time', () => {
    const steps = chain.map((s, i) => ({ ...s, completedAt: 1000 + i * 500 }));
    const cp = takeCheckpoint(1, 2, steps, 1000);
    expect(cp).toMatchObject({ number: 1, stepCount: 2, elapsedMs: 500 });
    expect(cp.summary[0]).toContain('408 pallets');
  });

  it('build a summary prompt that asks not to solve the rest', () => {
    const p = summaryPrompt('How many boxes?', chain);
    expect(p).toContain('Step 2: There are 24 rows');
    expect(p).toMatch(/Do not solve the rest/);
  });
});
