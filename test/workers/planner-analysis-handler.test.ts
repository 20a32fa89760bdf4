import { createRng } from '../../src/core/capacity';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLogBlobs } from '../../src/workers/log-parse-handler';
import {
  bucketPercentile,
  createPlannerAnalysisHandler,
  createPlannerAnalyzer,
  DEFAULT_PLANNER_SETTINGS,
  type DatasetPart,
  type PlannerAnalysisResponse,
} from '../../src/workers/planner-analysis-handler';

const root = join(__dirname, '..', '..');
const sample = (name: string) => new File([readFileSync(join(root, 'public', 'samples', name))], name);

async function part(file: File): Promise<DatasetPart> {
  const r = await parseLogBlobs([file]);
  return { name: file.name, rows: r.rows, buckets: r.buckets, stepsSource: r.files[0].diagnostics.stepsSource };
}

describe('planner analysis', () => {
  it('analyses the demo log: counts, distribution, tiers, breakpoint with cross-checks, plan, fleet', async () => {
    const a = createPlannerAnalyzer();
    a.set(1, await part(sample('reasoning-requests.jsonl')));
    const r = a.analyze(DEFAULT_PLANNER_SETTINGS);
    expect(r.kind).toBe('rows');
    expect(r.counts).toEqual({ ok: 2696, error: 29, timeout: 218, truncated: 44, censored: 13 });
    // Analysed: ok + truncated + timed out with a length; errors (no steps) and censored are not.
    expect(r.analysed).toBe(2696 + 44 + 218);
    expect(r.noLength).toBe(29);
    expect(r.distribution.stats).toMatchObject({ n: 2958, median: 18, p95: 48, max: 160 });
    expect(r.distribution.bins.reduce((s, b) => s + b.count, 0)).toBe(2958);
    expect(r.distribution.bins[0].tier).toBe('short');
    expect(r.tiers?.map((t) => t.count)).toEqual([19, 1179, 1760]);
    expect(r.breakpoint?.status).toBe('found');
    expect(r.breakpoint?.breakpoint).toBeCloseTo(43.46, 1);
    const [lo, hi] = r.breakpoint?.interval ?? [0, 0];
    expect(lo).toBeLessThan(43.46);
    expect(hi).toBeGreaterThan(43.46);
    expect(r.breakpoint?.segmented?.breakpoint).toBeGreaterThan(38);
    expect(r.breakpoint?.mechanistic?.source.ttft).toBe('given');
    expect(r.breakpoint?.mechanistic?.ttftMs).toBe(r.medianTtftMs);
    expect(r.latency?.bins.length).toBeGreaterThan(5);
    expect(r.latency?.sampled).toBe(true); // 2,958 rows > 1,500 display points
    expect(r.latency?.points.length).toBeLessThanOrEqual(1500);
    expect(r.plan.source).toBe('settings');
    expect(r.plan.stepTimeSeconds).toBe(1.2);
    expect(r.plan.share).toBeGreaterThan(0.5);
    expect(r.fleet.peakSource).toBe('log');
    expect(r.fleet.peak?.count).toBe(68);
    expect(r.fleet.plan?.littles.instances).toBeGreaterThan(0);
  });

  it('recomputes only what a setting touches, and uses the fitted model when asked', async () => {
    const a = createPlannerAnalyzer();
    a.set(1, await part(sample('reasoning-requests.jsonl')));
    const first = a.analyze(DEFAULT_PLANNER_SETTINGS);
    expect(first.timings).toHaveProperty('breakpoint');
    const second = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, concurrency: 4, fitFromData: true, targetP95Seconds: 40 });
    expect(second.timings).not.toHaveProperty('breakpoint');
    expect(second.breakpoint).toBe(first.breakpoint);
    expect(second.plan.source).toBe('fitted');
    expect(second.plan.stepTimeSeconds).toBeCloseTo(first.model?.stepTimeSeconds ?? 0, 12);
    expect(second.fleet.plan?.littles.instances).toBeGreaterThan(first.fleet.plan?.littles.instances ?? 0);
    const tiers = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, shortBelow: 10, complexAbove: 30 });
    expect(tiers.tiers?.[0].label).toBe('Short (< 10 steps)');
    expect(tiers.tiers?.[0].count).toBeGreaterThan(first.tiers?.[0].count ?? 0);
  });

  it('re-derives steps from reasoning tokens with the tokens-per-step setting (no re-parse)', async () => {
    const text = Array.from({ length: 40 }, (_, i) => JSON.stringify({ reasoning_tokens: 100 + i * 10, latency_ms: 1000 + i * 100 })).join('\n');
    const a = createPlannerAnalyzer();
    a.set(1, await part(new File([text], 'tokens.jsonl')));
    const at50 = a.analyze(DEFAULT_PLANNER_SETTINGS);
    const at100 = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, tokensPerStep: 100 });
    expect(at50.distribution.stats.max).toBe(Math.ceil(490 / 50));
    expect(at100.distribution.stats.max).toBe(Math.ceil(490 / 100));
    const tokens = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, basis: 'reasoningTokens' });
    expect(tokens.distribution.stats.max).toBe(490);
  });

  it('can count latency ≥ the timeout as timed out, and concatenates several files', async () => {
    const a = createPlannerAnalyzer();
    a.set(1, await part(new File(['steps,latency_ms,status\n3,1000,ok\n50,70000,ok\n'], 'a.csv')));
    a.set(2, await part(new File(['{"steps":4,"latency_ms":2000,"status":"ok"}\n{"steps":60,"latency_ms":90000,"status":"timeout"}\n'], 'b.jsonl')));
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).counts).toMatchObject({ ok: 3, timeout: 1 });
    const slow = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, slowIsTimeout: true, timeoutSeconds: 60 });
    expect(slow.counts).toMatchObject({ ok: 2, timeout: 2 });
    expect(slow.notes.join(' ')).toMatch(/1 rows the log calls finished/);
    a.remove(2);
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).total).toBe(2);
  });

  it('analyses pre-aggregated buckets: distribution, tiers, plan and a breakpoint from bucket timeouts', async () => {
    const a = createPlannerAnalyzer();
    a.set(1, await part(sample('aggregated-step-buckets.csv')));
    const r = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, peakSource: 'log' });
    expect(r.kind).toBe('buckets');
    expect(r.total).toBe(3000);
    expect(r.noLength).toBe(29);
    expect(r.distribution.approximate).toBe(true);
    expect(r.tiers?.map((t) => t.tier)).toEqual(['short', 'medium', 'complex']);
    expect(r.tiers?.reduce((s, t) => s + t.count, 0)).toBe(r.analysed);
    expect(r.plan.requests).toBe(r.analysed);
    expect(r.breakpoint?.fromBuckets).toBe(true);
    expect(r.breakpoint?.status).toBe('found');
    expect(r.breakpoint?.breakpoint).toBeGreaterThan(35);
    expect(r.breakpoint?.breakpoint).toBeLessThan(55);
    expect(r.fleet.peakSource).toBe('entered');
    expect(r.fleet.reason).toMatch(/no timestamps/);
  });

  it('interpolates percentiles within buckets', () => {
    const bs = [
      { lo: 0, hi: 10, count: 50 },
      { lo: 10, hi: 20, count: 50 },
    ];
    expect(bucketPercentile(bs, 50)).toBe(10);
    expect(bucketPercentile(bs, 75)).toBe(15);
    expect(bucketPercentile([], 50)).toBeNaN();
  });

  it('says why there is no breakpoint on thin data, and handles an empty dataset', async () => {
    const a = createPlannerAnalyzer();
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).kind).toBe('empty');
    a.set(1, await part(new File(['steps,latency_ms\n3,1000\n4,1200\n'], 'tiny.csv')));
    const r = a.analyze(DEFAULT_PLANNER_SETTINGS);
    expect(r.breakpoint?.status).toBe('too-few-rows');
  });

  it('100 rows: a rough breakpoint with a wider interval and how many more runs would narrow it, not a refusal', async () => {
    // Planted: 2 s + steps × 1.2 s × exp(0.1 z), cut at 30 s → half time out at (30 − 2) / 1.2 ≈ 23.3 steps.
    const rng = createRng(11);
    const lines = ['steps,latency_ms,status'];
    for (let i = 0; i < 100; i++) {
      const steps = 1 + rng.int(40);
      const latency = 2000 + steps * 1200 * Math.exp(0.1 * rng.normal());
      lines.push(latency > 30_000 ? `${steps},30000,timeout` : `${steps},${Math.round(latency)},ok`);
    }
    const a = createPlannerAnalyzer();
    a.set(1, await part(new File([lines.join('\n') + '\n'], 'hundred.csv')));
    const b = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, timeoutSeconds: 30 }).breakpoint!;
    expect(b.status).toBe('found');
    expect(Math.abs(b.breakpoint! - 28 / 1.2)).toBeLessThan(3.5);
    expect(b.interval![0]).toBeLessThan(b.breakpoint!);
    expect(b.smallSample).toMatchObject({ n: 100, fullRows: 200 });
    expect(b.smallSample!.moreRuns).toBeGreaterThanOrEqual(100);
  });

  it('the message handler answers only the newest of queued requests', async () => {
    const posted: PlannerAnalysisResponse[] = [];
    let run: (() => void) | null = null;
    const h = createPlannerAnalysisHandler(
      (m) => posted.push(m),
      (f) => {
        run = f;
      },
    );
    h.handle({ type: 'set', key: 1, part: await part(new File(['steps,latency_ms\n3,1000\n'], 'x.csv')) });
    h.handle({ type: 'analyze', id: 1, settings: DEFAULT_PLANNER_SETTINGS });
    h.handle({ type: 'analyze', id: 2, settings: DEFAULT_PLANNER_SETTINGS });
    expect(posted).toEqual([{ type: 'skipped', id: 1 }]);
    (run as unknown as () => void)();
    expect(posted[1]).toMatchObject({ type: 'result', id: 2 });
  });
});
