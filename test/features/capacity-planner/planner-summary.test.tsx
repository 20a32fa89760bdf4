import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createPlannerAnalyzer, DEFAULT_PLANNER_SETTINGS, type PlannerAnalysis } from '../../../src/core/planner';
import { createColumnarBuilder, parseLogText } from '../../../src/core/logs';
import { PlannerSummary } from '../../../src/features/capacity-planner/PlannerSummary';

/**
 * A planted log: 1 s + 1 s per step; every request over 40 s timed out at 40 s. Steps 1–60, ten
 * requests each, one arriving per second. The oracle below is worked out from those numbers.
 */
function plantedAnalysis(settings = {}): PlannerAnalysis {
  const lines = ['timestamp,steps,latency_ms,status'];
  let t = 1_700_000_000_000;
  for (let steps = 1; steps <= 60; steps++) {
    for (let k = 0; k < 10; k++) {
      const latency = 1000 + steps * 1000;
      lines.push(latency > 40_000 ? `${t},${steps},40000,timeout` : `${t},${steps},${latency},ok`);
      t += 1000;
    }
  }
  const r = parseLogText(lines.join('\n') + '\n');
  const b = createColumnarBuilder();
  for (const row of r.rows) b.push(row);
  const a = createPlannerAnalyzer(() => 0);
  a.set(1, { name: 'planted.csv', rows: b.build(), buckets: r.buckets, stepsSource: r.diagnostics.stepsSource });
  return a.analyze({ ...DEFAULT_PLANNER_SETTINGS, timeoutFromData: false, timeoutSeconds: 40, ...settings });
}

describe('the planner in plain sentences', () => {
  it('says where timeouts start, the cap a target needs, and why no fleet reaches it uncapped', () => {
    const a = plantedAnalysis();
    render(<PlannerSummary analysis={a} />);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    // Timeouts begin past 39 steps (1 + 39 s = 40 s): the fitted breakpoint sits there, give or take a step.
    const bp = Number(/Timeouts start at about (\d+) steps/.exec(items[0] ?? '')?.[1]);
    expect(Math.abs(bp - 39.5)).toBeLessThanOrEqual(1.5);
    // Step estimate 1.2 s per step + 2 s: (30 − 2) / 1.2 = 23.3 → 23 steps; 230 of 600 requests have ≤ 23 steps.
    expect(items[1]).toBe('95 % of requests under 30 s needs reasoning capped at 23 steps (estimating 1.2 s per step + 2 s); 38.3 % of these requests are that short today.');
    // 21 of 60 step counts time out (40–60): 35 % > 5 %, so p95 is pinned at the 40 s timeout.
    expect(items[2]).toContain('35 % of requests time out at 40 s — more than the 5 % a p95 target allows');
    // Capped: measured 1 + s seconds up to the cap, the fitted model at the cap above it; p95 ≤ 30 s allows at most 29 steps.
    const cap = Number(/once reasoning is capped at (\d+) steps/.exec(items[2] ?? '')?.[1]);
    expect(cap).toBeGreaterThanOrEqual(28);
    expect(cap).toBeLessThanOrEqual(29);
    expect(items[2]).toMatch(/^You need \d+ instances? at peak \(1 requests\/s\) for p95 under 30 s/);
  });

  it('says the fleet plainly when the target is reachable', () => {
    const a = plantedAnalysis({ targetP95Seconds: 45 });
    render(<PlannerSummary analysis={a} />);
    const n = a.fleet.plan?.erlang.instances;
    expect(n).toBeGreaterThan(0);
    expect(screen.getByText(`You need ${n} instance${n === 1 ? '' : 's'} at peak (1 requests/s) for p95 under 45 s.`)).toBeInTheDocument();
  });
});
