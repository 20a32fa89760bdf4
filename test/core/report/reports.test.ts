import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/core/compare/align';
import { esc } from '../../../src/core/report/html';
import { plannerReport, type PlannerReportInput } from '../../../src/core/report/planner-report';
import { batchReport, compareReport, runReport } from '../../../src/core/report/reports';
import { niceTicks } from '../../../src/core/report/svg';
import { makeRun } from '../stored-runs/make-run';

const HOSTILE = 'Answer: <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=2"> <a href="javascript:alert(1)">x</a> <link rel=stylesheet href="https://evil.example/x.css">';

/** Tags a browser would act on: any element the report's own template does not use. */
function elements(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase()));
}

const TEMPLATE_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'section', 'dl', 'div', 'dt', 'dd', 'ol', 'ul', 'li', 'span', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'del', 'figure', 'figcaption', 'svg', 'line', 'text', 'rect', 'polyline', 'circle', 'g', 'footer']);

function expectSelfContained(html: string) {
  for (const tag of elements(html)) expect(TEMPLATE_TAGS.has(tag), `unexpected <${tag}>`).toBe(true);
  // Nothing that would make a request: no src/href attributes, no url() or @import in the styles.
  expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|xlink:href|action|srcset)\s*=/i);
  expect(html).not.toMatch(/url\(|@import/i);
  expect(html).toContain("default-src 'none'");
}

describe('run report', () => {
  const run = makeRun({
    prompt: `Prompt ${HOSTILE}`,
    answer: HOSTILE,
    steps: [
      { text: 'First, 17 × 24 = 418.', startedAt: 1_700_000_000_300, completedAt: 1_700_000_001_000 },
      { text: `Step with ${HOSTILE}`, startedAt: 1_700_000_001_000, completedAt: 1_700_000_002_500 },
    ],
    findings: [{ step: 0, kind: 'arithmetic', severity: 'error', message: 'step 1: 17 × 24 = 418, exact 408 <b>' }],
    checkpoints: [{ number: 1, stepCount: 2, elapsedMs: 2500, summary: ['17 × 24 = 418 <i>'] }],
  });
  const html = runReport(run, Date.UTC(2026, 0, 2, 3, 4));

  it('keeps hostile model text inert: escaped, never an element', () => {
    expectSelfContained(html);
    expect(html).not.toMatch(/<script|<img|<a\s|<link/i);
    // The escaped text is there, character for character (escaping done by hand here).
    const escaped = HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(html).toContain(escaped);
    expect(html).toContain('exact 408 &lt;b&gt;');
  });

  it('has the steps, the finding at its step, the checkpoint, the metrics and a chart', () => {
    expect(html).toContain('First, 17 × 24 = 418.');
    expect(html).toMatch(/Error \(arithmetic\): step 1: 17 × 24 = 418, exact 408/);
    expect(html).toContain('Checkpoint 1');
    expect(html).toContain('4.0 s'); // latencyMs 4000
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('Generated 2026-01-02 03:04 UTC');
  });

  it('prints section by section without cutting rows', () => {
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toMatch(/\n\s*section\s*{\s*break-before:\s*page/);
    expect(print).toMatch(/tr, \.step[^{]*{\s*break-inside:\s*avoid/);
    expect(print).toMatch(/thead\s*{\s*display:\s*table-header-group/);
  });
});

describe('comparison report', () => {
  it('sets the two runs side by side and marks the first divergence', () => {
    const step = (text: string, i: number) => ({ text, startedAt: 1_700_000_000_000 + i * 1000, completedAt: 1_700_000_000_900 + i * 1000 });
    const left = makeRun({ id: 'a', steps: ['Read the question.', 'Multiply 17 by 24 to get 418.'].map(step), answer: '418', latencyMs: 2000 });
    const right = makeRun({ id: 'b', settings: { stepMode: 'paragraph', reasoningEffort: 'high' }, steps: ['Read the question.', 'Multiply 17 by 20 to get 340, then add 68.', 'So 408.'].map(step), answer: HOSTILE, latencyMs: 3000 });
    const html = compareReport(left, right, compareRuns(left, right, { left: 'effort low', right: 'effort high' }), 0);
    expectSelfContained(html);
    expect(html).toContain('<strong>step 2</strong>');
    expect(html).toContain('effort low');
    expect(html).toContain('+1.0 s');
    expect(html).toContain('changed · first divergence');
    expect(html).not.toMatch(/<script|<img/i);
  });
});

describe('batch report', () => {
  it('holds the monitoring table, the scatter and every run', () => {
    const runs = Array.from({ length: 6 }, (_, i) =>
      makeRun({ id: `r${i}`, batchId: 'batch-7', prompt: `Question ${i} ${i === 3 ? HOSTILE : ''}`, latencyMs: 1000 * (i + 1), steps: Array.from({ length: i + 1 }, (_, k) => ({ text: `s${k}`, startedAt: 0, completedAt: 1 })) }),
    );
    const html = batchReport(runs, { scope: 'Over the 6 selected runs.', now: 0, breakpointRows: [] });
    expectSelfContained(html);
    expect(html).toContain('Latency p50');
    // p50 of 1..6 s, linear interpolation: 3.5 s.
    expect(html).toMatch(/Latency p50<\/th><td class="num">3\.50? s/);
    expect(html).toContain('batch batch-7');
    expect(html.match(/Question \d/g)).toHaveLength(6);
    expect(html).toMatch(/<svg[^>]*aria-label="Reasoning length vs latency"/);
    expect((html.match(/<circle /g) ?? []).length).toBe(6);
  });
});

describe('planner report', () => {
  it('draws the distribution with tier colours and the breakpoint marker, and states the plan', () => {
    const input: PlannerReportInput = {
      kind: 'rows',
      basis: 'steps',
      counts: { ok: 90, error: 2, timeout: 8, truncated: 0, censored: 0 },
      total: 100,
      analysed: 98,
      distribution: {
        bins: [
          { lo: 0, hi: 5, count: 30, share: 0.3, tier: 'short' },
          { lo: 5, hi: 15, count: 50, share: 0.5, tier: 'medium' },
          { lo: 15, hi: 40, count: 18, share: 0.18, tier: 'complex' },
        ],
        stats: { n: 98, median: 8, p90: 20, p95: 26, p99: 35, max: 40 },
        approximate: false,
      },
      tiers: null,
      latency: { bins: [{ lo: 0, hi: 20, n: 60, medianLength: 8, latencyCount: 60, medianLatencyMs: 9000, p95LatencyMs: 20000, timeouts: 0, timeoutRate: { estimate: 0, lower: 0, upper: 0.06 } }, { lo: 20, hi: 40, n: 38, medianLength: 28, latencyCount: 38, medianLatencyMs: 40000, p95LatencyMs: 60000, timeouts: 8, timeoutRate: { estimate: 8 / 38, lower: 0.1, upper: 0.37 } }] },
      breakpoint: { breakpoint: 24, status: 'found', reason: 'Timeouts rise above 24 steps.', interval: [22, 26], n: 98, timeouts: 8 },
      plan: { share: 0.8, stepTimeSeconds: 1.2, overheadSeconds: 2, source: 'settings', targetP95Seconds: 30, requests: 98 },
      fleet: { peak: null, arrivalRate: 2, plan: null, reason: 'Entered.' },
      notes: [],
    };
    const html = plannerReport(input, { source: 'sample.jsonl <b>', now: 0, timeoutSeconds: 60 });
    expectSelfContained(html);
    expect(html).toContain('Latency breakpoint: 24 steps (95 % interval 22–26)');
    expect((html.match(/<rect /g) ?? []).length).toBe(3);
    expect(html).toContain('fill="#2f9e44"');
    expect(html).toContain('fill="#c92a2a"');
    expect(html).toContain('breakpoint 24');
    // (30 − 2) / 1.2 = 23.3 → 23 steps fit.
    expect(html).toContain('requests of up to 23 steps fit');
    expect(html).toContain('sample.jsonl &lt;b&gt;');
  });
});

describe('report helpers', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('picks round ticks', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0, 0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });
});

describe('run report: how an error travelled', () => {
  it('strikes the corrected step and says which steps carried the wrong value', async () => {
    const { slipRun } = await import('../../support/slip-run');
    const html = runReport(slipRun(), 1_700_000_100_000);
    expect(html).toMatch(/<del><div class="model-text">There are 24 rows with 17 pallets in each, so the number of pallets is 17 × 24 = 418\.<\/div><\/del>/);
    expect(html).toContain('<p class="trail trail-corrected">Corrected by the model in step 6</p>');
    expect(html).toContain('<p class="trail trail-carries">Uses 418 from step 2</p>');
    expect(html).toContain('<p class="trail trail-corrects">Corrects step 2: 408, not 418</p>');
    expectSelfContained(html);
  });
});
