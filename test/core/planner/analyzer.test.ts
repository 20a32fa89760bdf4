/**
 * The planner's model on the demo log and on small planted inputs. Expected values come from the
 * raw file read here with JSON.parse / split (an oracle independent of the log parser and of the
 * analysis): counts by status, type-7 percentiles, tier counts, the peak 60-s window by brute force.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/capacity';
import { bucketPercentile, createPlannerAnalyzer, DEFAULT_PLANNER_SETTINGS, type DatasetPart } from '../../../src/core/planner';
import { parseLogBlobs } from '../../../src/workers/log-parse-handler';

const root = join(__dirname, '..', '..', '..');
const sampleText = (name: string) => readFileSync(join(root, 'public', 'samples', name), 'utf8');
const sample = (name: string) => new File([sampleText(name)], name);
const clock = () => performance.now();

async function part(file: File): Promise<DatasetPart> {
  const r = await parseLogBlobs([file]);
  return { name: file.name, rows: r.rows, buckets: r.buckets, stepsSource: r.files[0].diagnostics.stepsSource };
}

/** Type 7 (linear interpolation between order statistics), as numpy's default. */
function type7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

type DemoRow = { steps: number | null; latency_ms: number | null; status: string; finish_reason: string | null; timestamp: number };
const demoRows = (): DemoRow[] =>
  sampleText('reasoning-requests.jsonl')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DemoRow);

/** The log's outcomes as the page defines them: "length" finishes are truncated, cancelled ones censored. */
function outcomeOf(r: DemoRow): 'ok' | 'error' | 'timeout' | 'truncated' | 'censored' {
  if (r.status === 'timeout') return 'timeout';
  if (r.status === 'error') return 'error';
  if (r.status === 'cancelled') return 'censored';
  return r.finish_reason === 'length' ? 'truncated' : 'ok';
}

describe('planner analysis of the demo log', () => {
  it('counts, distribution, tiers, plan and peak agree with the raw file', async () => {
    const raw = demoRows();
    const counts = { ok: 0, error: 0, timeout: 0, truncated: 0, censored: 0 };
    for (const r of raw) counts[outcomeOf(r)]++;
    const analysed = raw.filter((r) => ['ok', 'truncated', 'timeout'].includes(outcomeOf(r)) && r.steps !== null);
    const steps = analysed.map((r) => r.steps as number).sort((a, b) => a - b);
    const { shortBelow, complexAbove } = DEFAULT_PLANNER_SETTINGS;
    const tierCounts = [steps.filter((v) => v < shortBelow).length, steps.filter((v) => v >= shortBelow && v <= complexAbove).length, steps.filter((v) => v > complexAbove).length];
    const { stepTimeSeconds, overheadSeconds, targetP95Seconds } = DEFAULT_PLANNER_SETTINGS;
    const share = steps.filter((v) => v * stepTimeSeconds + overheadSeconds <= targetP95Seconds + 1e-9).length / steps.length;
    const ts = raw.map((r) => r.timestamp).sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0; i < ts.length; i++) {
      let k = 0;
      for (let j = i; j < ts.length && ts[j] < ts[i] + 60_000; j++) k++;
      peak = Math.max(peak, k);
    }

    const a = createPlannerAnalyzer(clock);
    a.set(1, await part(sample('reasoning-requests.jsonl')));
    const r = a.analyze(DEFAULT_PLANNER_SETTINGS);
    expect(r.kind).toBe('rows');
    expect(r.counts).toEqual(counts);
    expect(r.total).toBe(raw.length);
    expect(r.analysed).toBe(analysed.length);
    expect(r.noLength).toBe(raw.filter((r) => r.steps === null).length);
    expect(r.distribution.stats.n).toBe(steps.length);
    expect(r.distribution.stats.median).toBeCloseTo(type7(steps, 50), 9);
    expect(r.distribution.stats.p95).toBeCloseTo(type7(steps, 95), 9);
    expect(r.distribution.stats.max).toBe(steps[steps.length - 1]);
    expect(r.distribution.bins.reduce((s, b) => s + b.count, 0)).toBe(steps.length);
    // Each bin's tier is the tier of its integers (bins here are narrow enough to hold one tier).
    for (const b of r.distribution.bins) {
      const mid = b.hi - b.lo > 1 ? (b.lo + b.hi - 1) / 2 : b.lo;
      expect(b.tier).toBe(mid < shortBelow ? 'short' : mid <= complexAbove ? 'medium' : 'complex');
    }
    expect(r.tiers?.map((t) => t.count)).toEqual(tierCounts);
    expect(r.plan.source).toBe('settings');
    expect(r.plan.stepTimeSeconds).toBe(stepTimeSeconds);
    expect(r.plan.share).toBeCloseTo(share, 12);
    expect(r.fleet.peakSource).toBe('log');
    expect(r.fleet.peak?.count).toBe(peak);
    expect(r.fleet.plan?.littles.instances).toBeGreaterThan(0);
    expect(r.latency?.sampled).toBe(steps.length > 1500);
    expect(r.latency?.points.length).toBeLessThanOrEqual(1500);
  });

  it('puts the breakpoint where the raw timeout rate starts to rise', async () => {
    const raw = demoRows().filter((r) => r.steps !== null && ['ok', 'truncated', 'timeout'].includes(outcomeOf(r)));
    const rateIn = (lo: number, hi: number) => {
      const inRange = raw.filter((r) => (r.steps as number) >= lo && (r.steps as number) < hi);
      return inRange.filter((r) => r.status === 'timeout').length / inRange.length;
    };
    // Scan 4-step windows for the first with ≥ 10 % and the first with ≥ 90 % timeouts.
    let rising = NaN;
    let saturated = NaN;
    for (let lo = 0; lo < 100; lo += 4) {
      if (Number.isNaN(rising) && rateIn(lo, lo + 4) >= 0.1) rising = lo;
      if (Number.isNaN(saturated) && rateIn(lo, lo + 4) >= 0.9) saturated = lo + 4;
    }
    const a = createPlannerAnalyzer(clock);
    a.set(1, await part(sample('reasoning-requests.jsonl')));
    const r = a.analyze(DEFAULT_PLANNER_SETTINGS);
    const b = r.breakpoint!;
    expect(b.status).toBe('found');
    expect(b.breakpoint!).toBeGreaterThanOrEqual(rising);
    expect(b.breakpoint!).toBeLessThan(saturated);
    expect(rateIn(0, b.interval![0])).toBeLessThan(0.02);
    expect(b.interval![0]).toBeLessThan(b.breakpoint!);
    expect(b.interval![1]).toBeGreaterThan(b.breakpoint!);
    expect(b.segmented?.breakpoint).toBeGreaterThan(rising - 4);
    expect(b.mechanistic?.source.ttft).toBe('given');
    expect(b.mechanistic?.ttftMs).toBe(r.medianTtftMs);
  });

  it('recomputes only what a setting touches, and uses the fitted model when asked', async () => {
    const a = createPlannerAnalyzer(clock);
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
    expect(tiers.tiers?.[0].count).toBe(demoRows().filter((r) => r.steps !== null && r.steps < 10 && ['ok', 'truncated', 'timeout'].includes(outcomeOf(r))).length);
  });
});

describe('planner analysis of small inputs', () => {
  it('re-derives steps from reasoning tokens with the tokens-per-step setting (no re-parse)', async () => {
    const text = Array.from({ length: 40 }, (_, i) => JSON.stringify({ reasoning_tokens: 100 + i * 10, latency_ms: 1000 + i * 100 })).join('\n');
    const a = createPlannerAnalyzer(clock);
    a.set(1, await part(new File([text], 'tokens.jsonl')));
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).distribution.stats.max).toBe(Math.ceil(490 / 50));
    expect(a.analyze({ ...DEFAULT_PLANNER_SETTINGS, tokensPerStep: 100 }).distribution.stats.max).toBe(Math.ceil(490 / 100));
    expect(a.analyze({ ...DEFAULT_PLANNER_SETTINGS, basis: 'reasoningTokens' }).distribution.stats.max).toBe(490);
  });

  it('can count latency ≥ the timeout as timed out, and concatenates several files', async () => {
    const a = createPlannerAnalyzer(clock);
    a.set(1, await part(new File(['steps,latency_ms,status\n3,1000,ok\n50,70000,ok\n'], 'a.csv')));
    a.set(2, await part(new File(['{"steps":4,"latency_ms":2000,"status":"ok"}\n{"steps":60,"latency_ms":90000,"status":"timeout"}\n'], 'b.jsonl')));
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).counts).toMatchObject({ ok: 3, timeout: 1 });
    const slow = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, slowIsTimeout: true, timeoutFromData: false, timeoutSeconds: 60 });
    expect(slow.counts).toMatchObject({ ok: 2, timeout: 2 });
    expect(slow.notes.join(' ')).toMatch(/1 rows the log calls finished/);
    a.remove(2);
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).total).toBe(2);
  });

  it('says why there is no breakpoint on thin data, and handles an empty dataset', async () => {
    const a = createPlannerAnalyzer(clock);
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).kind).toBe('empty');
    a.set(1, await part(new File(['steps,latency_ms\n3,1000\n4,1200\n'], 'tiny.csv')));
    expect(a.analyze(DEFAULT_PLANNER_SETTINGS).breakpoint?.status).toBe('too-few-rows');
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
    const a = createPlannerAnalyzer(clock);
    a.set(1, await part(new File([lines.join('\n') + '\n'], 'hundred.csv')));
    const b = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, timeoutSeconds: 30 }).breakpoint!;
    expect(b.status).toBe('found');
    expect(Math.abs(b.breakpoint! - 28 / 1.2)).toBeLessThan(3.5);
    expect(b.interval![0]).toBeLessThan(b.breakpoint!);
    expect(b.smallSample).toMatchObject({ n: 100, fullRows: 200 });
    expect(b.smallSample!.moreRuns).toBeGreaterThanOrEqual(100);
  });
});

describe('planner analysis of pre-aggregated buckets', () => {
  it('distribution, tiers, plan and a breakpoint from bucket timeouts agree with the CSV', async () => {
    const [header, ...lines] = sampleText('aggregated-step-buckets.csv').trim().split('\n');
    const cols = header.split(',');
    const buckets = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    const total = buckets.reduce((s, b) => s + Number(b.requests), 0);
    const unknown = buckets.filter((b) => b.step_bucket === '').reduce((s, b) => s + Number(b.requests), 0);
    const a = createPlannerAnalyzer(clock);
    a.set(1, await part(sample('aggregated-step-buckets.csv')));
    const r = a.analyze({ ...DEFAULT_PLANNER_SETTINGS, peakSource: 'log' });
    expect(r.kind).toBe('buckets');
    expect(r.total).toBe(total);
    expect(r.noLength).toBe(unknown);
    expect(r.analysed).toBe(total - unknown);
    expect(r.distribution.approximate).toBe(true);
    expect(r.tiers?.map((t) => t.tier)).toEqual(['short', 'medium', 'complex']);
    expect(r.tiers?.reduce((s, t) => s + t.count, 0)).toBe(r.analysed);
    expect(r.plan.requests).toBe(r.analysed);
    expect(r.breakpoint?.fromBuckets).toBe(true);
    expect(r.breakpoint?.status).toBe('found');
    // The buckets are the demo log's; its timeouts start in the 40–45 bucket.
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
});
