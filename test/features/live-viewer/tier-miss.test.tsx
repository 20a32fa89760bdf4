import { render, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getScenario } from '../../../src/core/demo/scenarios';
import { judgeTier } from '../../../src/core/run/tiers';
import { pausedMsOf } from '../../../src/features/live-viewer/paused-time';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import { TierMissNote } from '../../../src/features/live-viewer/TierMissNote';
import { loadSampleChains } from '../../../src/lib/demo-fetch';
import type { RunView } from '../../../src/lib/run-engine';

const view = (id: string, prompt: string, paused = false, endedAt?: number) =>
  ({ context: { id, prompt, provider: 'demo', model: 'demo-reasoner' }, paused, run: { endedAt } }) as unknown as RunView;

function show(id: string, prompt: string) {
  useLiveRun.setState({ views: { [id]: view(id, prompt) }, order: [id], viewedId: id, now: 0 });
}

beforeAll(async () => {
  await loadSampleChains();
});
beforeEach(() => useLiveRun.setState({ views: {}, order: [], viewedId: null, now: 0, toasts: [] }));

describe('the latency-target banner', () => {
  it('a stall demo says the miss is what it shows, not a failure', () => {
    show('s', getScenario('stall').prompt);
    // 7 steps in 40 s: a medium chain over its 15 s target.
    render(<TierMissNote tier={judgeTier(7, 40)} live={false} pausedMs={0} />);
    expect(screen.getByTestId('tier-miss-expected')).toHaveTextContent(`As intended: ${getScenario('stall').expectedMiss}`);
    expect(screen.queryByTestId('tier-miss')).toBeNull();
  });

  it('the long-chain demo too; a run not meant to miss gets the warning', () => {
    show('l', getScenario('checkpointed-long').prompt);
    const { unmount } = render(<TierMissNote tier={judgeTier(40, 38)} live pausedMs={0} />);
    expect(screen.getByTestId('tier-miss-expected')).toHaveTextContent(/long chain: .* latency target will be missed/);
    unmount();
    show('w', getScenario('medium').prompt);
    render(<TierMissNote tier={judgeTier(12, 20)} live={false} pausedMs={0} />);
    expect(screen.getByTestId('tier-miss')).toHaveTextContent('Latency target missed: medium chains should finish within 15 s; this one took 20.0 s.');
  });

  it('says nothing when the target is met', () => {
    show('m', getScenario('medium').prompt);
    const { container } = render(<TierMissNote tier={judgeTier(12, 14)} live={false} pausedMs={0} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('paused time', () => {
  it('is observed at each publish and left out of the latency target', () => {
    const id = 'p';
    const publish = (paused: boolean, now: number) => useLiveRun.setState({ views: { [id]: view(id, 'x', paused) }, viewedId: id, now });
    publish(false, 1000);
    publish(true, 2000);
    expect(pausedMsOf(id, 5000)).toBe(3000);
    publish(true, 8000);
    publish(false, 12_000);
    expect(pausedMsOf(id, 20_000)).toBe(10_000);
    // 12 steps in 24 s with 10 s paused: 14 s against the 15 s medium target — met.
    const elapsedMs = 24_000;
    expect(judgeTier(12, (elapsedMs - pausedMsOf(id, 20_000)) / 1000).missed).toBe(false);
    expect(judgeTier(12, elapsedMs / 1000).missed).toBe(true);
    expect(pausedMsOf('never-seen', 1)).toBe(0);
  });

  it('the banner says how much paused time it left out', () => {
    show('q', 'What is the capital of France?');
    render(<TierMissNote tier={judgeTier(3, 6)} live pausedMs={4200} />);
    expect(screen.getByTestId('tier-miss')).toHaveTextContent('this one has taken 6.0 s (not counting 4.2 s paused).');
  });
});
