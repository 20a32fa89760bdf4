import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/stored-runs';
import { breakpointRows, MonitoringDashboard } from '../../../src/features/runs/MonitoringDashboard';
import { logistic, logit, syntheticLog } from '../../core/capacity/synthetic';
import { makeRun } from '../../core/stored-runs/make-run';
import { stubResizeObserver } from '../../support/resize-observer';

beforeAll(stubResizeObserver);

/** The capacity tests' seeded log (timeouts start rising at 40 steps) as stored runs. */
function thresholdRuns(): RunRecord[] {
  const rows = syntheticLog({ n: 3000, seed: 1, timeout: (s, _l, u) => u < logistic(logit(0.02) + 0.25 * Math.max(0, s - 40)) });
  return rows.map((row, i) =>
    makeRun({
      id: `r${i}`,
      startedAt: 1_700_000_000_000 + i * 1000,
      status: row.timedOut ? 'error' : 'done',
      error: row.timedOut ? 'Timed out' : undefined,
      timedOut: row.timedOut,
      latencyMs: row.latencyMs,
      steps: Array.from({ length: row.steps }, () => ({ text: 's', startedAt: 0, completedAt: 0 })),
      reasoningTokens: row.steps * 40,
    }),
  );
}

describe('MonitoringDashboard', () => {
  it('finds the breakpoint the runs were generated with (timeouts start rising at 40 steps)', () => {
    render(<MonitoringDashboard runs={thresholdRuns()} scope="test" />);
    const shown = screen.getByTestId('breakpoint');
    expect(shown).not.toHaveTextContent('No breakpoint');
    const match = /≈ (\d+(?:\.\d)?) steps/.exec(shown.textContent ?? '');
    expect(match, shown.textContent ?? '').not.toBeNull();
    // The oracle is the generating rule, not the detector: within 3 steps of the true 40.
    expect(Math.abs(Number(match![1]) - 40)).toBeLessThanOrEqual(3);
  }, 15_000);

  it('feeds detectBreakpoint only runs with an outcome, never cache replays', () => {
    const rows = breakpointRows([
      makeRun({ id: 'a' }),
      makeRun({ id: 'b', status: 'error', timedOut: true, latencyMs: undefined }),
      makeRun({ id: 'c', status: 'stopped' }),
      makeRun({ id: 'd', status: 'interrupted' }),
      makeRun({ id: 'e', cache: { hit: true, similarity: 0.99, sourceRunId: 'a' } }),
    ]);
    expect(rows).toEqual([
      { steps: 2, latencyMs: 4000, timedOut: false },
      { steps: 2, timedOut: true },
    ]);
  });

  it('says "no data" rather than inventing values for an empty selection', () => {
    render(<MonitoringDashboard runs={[]} scope="nothing" />);
    expect(screen.getByText('Latency p50').closest('tr')).toHaveTextContent('—');
    expect(screen.getByText('No completed runs to plot.')).toBeInTheDocument();
    expect(screen.getByTestId('breakpoint')).toHaveTextContent(/No breakpoint\. Insufficient data: 0 rows/);
  });

  it('labels the trends: the start-time range they span and each line’s lowest and highest slice', () => {
    const t0 = Date.UTC(2025, 0, 15, 9, 0, 0);
    // 50 runs over 49 s; latency climbs 1 s → 50 s with start time, so the first slice is the lowest.
    const runs = Array.from({ length: 50 }, (_, i) => makeRun({ id: `t${i}`, startedAt: t0 + i * 1000, latencyMs: (i + 1) * 1000 }));
    render(<MonitoringDashboard runs={runs} scope="test" />);
    const time = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    expect(screen.getByTestId('trend-axis')).toHaveTextContent(`12 equal slices of start time, ${time(t0)} (left) to ${time(t0 + 49_000)} (right), 49 s in all`);
    // Slices of 49/12 s: the first holds runs 0–4 (latency 1–5 s, p50 3 s), the last runs 45–49 (p50 48 s).
    const p50 = document.querySelector('tr[data-metric="latency-p50"]')!;
    const extent = p50.querySelector('[data-testid="trend-extent"]')!;
    const [low, high] = extent.textContent!.split(' – ');
    expect(Number.parseFloat(low)).toBeGreaterThanOrEqual(2.5);
    expect(Number.parseFloat(low)).toBeLessThanOrEqual(3.5);
    expect(Number.parseFloat(high)).toBeGreaterThanOrEqual(47);
    expect(high).toMatch(/ s$/);
  });
});
