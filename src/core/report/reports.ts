import { describeDivergence, type Comparison } from '../compare/align';
import { detectBreakpoint, type BreakpointRow } from '../capacity';
import { computeMonitoring, formatMetricValue, type Metric } from '../metrics';
import { formatCount, formatDuration } from '../number-format';
import type { RunRecord } from '../stored-runs/types';
import { stepMarkLine, traceErrors } from '../verify/error-trail';
import { definitionList, esc, modelText, raw, renderDocument, section, table, type Cell } from './html';
import { COLOURS, figure, xyChart } from './svg';

/**
 * Reports as self-contained HTML, built from plain data (run records, a comparison, planner
 * figures). Pure: the caller passes the clock; nothing here touches the DOM or the network.
 */

const FINDING_ORDER = { error: 0, warning: 1, note: 2 } as const;

function runFacts(r: RunRecord): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  return definitionList([
    ['Status', `${r.status}${r.error ? ` — ${r.error}` : ''}`],
    ['Provider · model', `${r.provider} · ${r.model || '—'}`],
    ['Reasoning effort', r.settings.reasoningEffort ?? 'default'],
    ['Latency', formatDuration(r.latencyMs)],
    ['Time to first token', formatDuration(r.ttftMs)],
    ['Steps', r.steps.length],
    ['Tier', r.tier],
    ['Reasoning tokens', `${formatCount(r.reasoningTokens)}${r.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}`],
    ['Findings', `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`],
    ['Chain consistency', r.consistencyScore === undefined ? '—' : r.consistencyScore.toFixed(2)],
    ...(r.cache ? ([['Cache', `replayed · similarity ${r.cache.similarity.toFixed(2)}`]] as [string, Cell][]) : []),
  ]);
}

function stepsList(r: RunRecord): string {
  const byStep = new Map<number, RunRecord['findings']>();
  for (const f of r.findings) byStep.set(f.step, [...(byStep.get(f.step) ?? []), f]);
  if (!r.steps.length) return '<p class="hint">No reasoning steps.</p>';
  const trail = traceErrors(r.steps, r.findings, r.prompt);
  return `<ol class="steps">${r.steps
    .map((s, i) => {
      const fs = [...(byStep.get(i) ?? [])].sort((a, b) => FINDING_ORDER[a.severity] - FINDING_ORDER[b.severity]);
      const marks = trail.get(i) ?? [];
      const text = marks.some((m) => m.kind === 'corrected') ? `<del>${modelText(s.text)}</del>` : modelText(s.text);
      const findings = fs.map((f) => `<p class="finding finding-${esc(f.severity)}">${esc(`${f.severity === 'note' ? 'Note' : f.severity === 'error' ? 'Error' : 'Warning'} (${f.kind}): ${f.message}`)}</p>`).join('');
      const trailLines = marks.map((m) => `<p class="trail trail-${esc(m.kind)}">${esc(stepMarkLine(m))}</p>`).join('');
      return `<li class="step"><span class="step-no">${i + 1}</span><div>${text}${findings}${trailLines}</div></li>`;
    })
    .join('')}</ol>`;
}

function findingsTable(r: RunRecord): string {
  if (!r.findings.length) return '<p class="hint">No findings: the checks flagged nothing.</p>';
  const rows = [...r.findings].sort((a, b) => FINDING_ORDER[a.severity] - FINDING_ORDER[b.severity] || a.step - b.step).map((f) => [f.step + 1, f.severity, f.kind, f.message] as Cell[]);
  return table(['Step', 'Severity', 'Check', 'Finding'], rows, { numeric: [0] });
}

function checkpointsBlock(r: RunRecord): string {
  if (!r.checkpoints.length) return '<p class="hint">No checkpoints in this run.</p>';
  return r.checkpoints
    .map(
      (c) =>
        `<div class="checkpoint"><strong>Checkpoint ${c.number}</strong> · ${c.stepCount} steps · ${esc(formatDuration(c.elapsedMs))}${c.modelSummary ? `<p>${esc(c.modelSummary)}</p>` : ''}<ul>${c.summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul></div>`,
    )
    .join('');
}

/** Time each step finished, in seconds from the start: the chain's pace as a chart. */
function paceChart(r: RunRecord): string {
  if (r.steps.length < 2) return '';
  const points = r.steps.map((s, i) => ({ x: i + 1, y: (s.completedAt - r.startedAt) / 1000 }));
  return figure(
    xyChart({ title: 'Step completion time', series: [{ name: 'steps', points }], xLabel: 'step', yLabel: 'seconds since start', yMin: 0 }),
    `When each of the ${r.steps.length} steps completed, in seconds since the request was sent.`,
  );
}

export function runSections(r: RunRecord): string[] {
  return [
    section('Summary', `${runFacts(r)}<h3>Prompt</h3>${modelText(r.prompt)}${paceChart(r)}`, 'summary'),
    section('Answer', `<div class="answer">${r.answer.trim() ? modelText(r.answer) : '<p class="hint">No answer.</p>'}</div>`, 'answer'),
    section(`Reasoning (${r.steps.length} steps${r.reasoningKind === 'summary' ? ', provider summary' : ''})`, stepsList(r), 'steps'),
    section('Verification findings', findingsTable(r), 'findings'),
    section('Checkpoints', checkpointsBlock(r), 'checkpoints'),
  ];
}

export function runReport(r: RunRecord, now: number): string {
  return renderDocument({ title: 'Reasoning run report', subtitle: r.prompt.length > 90 ? `${r.prompt.slice(0, 89)}…` : r.prompt, generatedAt: now, sections: runSections(r) });
}

const pct = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));

export function comparisonTable(c: Comparison): string {
  const L = c.left;
  const R = c.right;
  const delta = (a: number | undefined, b: number | undefined, f: (v: number) => string) => (a === undefined || b === undefined ? '—' : `${b - a >= 0 ? '+' : '−'}${f(Math.abs(b - a))}`);
  const rows: Cell[][] = [
    ['Steps', L.steps, R.steps, delta(L.steps, R.steps, String)],
    ['Latency', formatDuration(L.latencyMs), formatDuration(R.latencyMs), delta(L.latencyMs, R.latencyMs, (v) => formatDuration(v))],
    ['Tier', L.tier, R.tier, L.tier === R.tier ? 'same' : 'different'],
    ['Reasoning tokens', `${formatCount(L.reasoningTokens)}${L.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}`, `${formatCount(R.reasoningTokens)}${R.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}`, delta(L.reasoningTokens, R.reasoningTokens, formatCount)],
    ['Verification errors', L.errors, R.errors, delta(L.errors, R.errors, String)],
    ['Verification warnings', L.warnings, R.warnings, delta(L.warnings, R.warnings, String)],
    ['Chain consistency', pct(L.consistencyScore), pct(R.consistencyScore), '—'],
    ['Status', L.status, R.status, L.status === R.status ? 'same' : 'different'],
    ['First divergent step', raw(`<strong>${esc(describeDivergence(c))}</strong>`), '', ''],
    ['Same answer', c.sameAnswer ? 'yes' : 'no', '', ''],
  ];
  return table(['', L.label, R.label, 'Right − left'], rows, { numeric: [1, 2, 3], caption: 'Two runs set against each other' });
}

function alignedRows(c: Comparison, left: RunRecord, right: RunRecord): string {
  const divergent = c.alignment.firstDivergentRow;
  const rows = c.alignment.rows.map((row, k) => {
    const cls = k === divergent ? 'row-diverge' : row.kind === 'same' ? 'row-same' : '';
    const l = row.left === null ? '' : `<span class="tag">${row.left + 1}</span> ${modelText(left.steps[row.left].text)}`;
    const r = row.right === null ? '' : `<span class="tag">${row.right + 1}</span> ${modelText(right.steps[row.right].text)}`;
    return `<tr class="${cls}"><td>${l}</td><td class="num">${esc(k === divergent ? `${row.kind} · first divergence` : row.kind)}</td><td>${r}</td></tr>`;
  });
  return `<table><thead><tr><th>${esc(c.left.label)}</th><th class="num">alignment</th><th>${esc(c.right.label)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>${c.alignment.byPosition ? '<p class="hint">Too long for a full alignment: steps are paired by position.</p>' : ''}`;
}

export function compareReport(left: RunRecord, right: RunRecord, c: Comparison, now: number): string {
  const pace = (r: RunRecord) => r.steps.map((s, i) => ({ x: i + 1, y: (s.completedAt - r.startedAt) / 1000 }));
  const chart = figure(
    xyChart({
      title: 'Steps over time, both runs',
      series: [
        { name: c.left.label, points: pace(left), colour: COLOURS.accent },
        { name: c.right.label, points: pace(right), colour: COLOURS.medium },
      ],
      xLabel: 'step',
      yLabel: 'seconds since start',
      yMin: 0,
      ...(c.firstDivergence?.leftStep ? { marker: { at: c.firstDivergence.leftStep, label: 'first divergence' } } : {}),
    }),
    `Blue: ${c.left.label}; orange: ${c.right.label}. When each step completed.`,
  );
  return renderDocument({
    title: 'Comparison report',
    subtitle: left.prompt === right.prompt ? left.prompt : `${left.prompt} / ${right.prompt}`,
    generatedAt: now,
    sections: [
      section('Side by side', comparisonTable(c) + chart, 'comparison'),
      section('Answers', table(['', 'Answer'], [[c.left.label, raw(modelText(left.answer || '(no answer)'))], [c.right.label, raw(modelText(right.answer || '(no answer)'))]]), 'answers'),
      section('Steps aligned', alignedRows(c, left, right), 'aligned'),
      ...runSections(left).slice(3, 4).map((s) => s.replace('<h2>Verification findings</h2>', `<h2>Verification findings — ${esc(c.left.label)}</h2>`)),
      ...runSections(right).slice(3, 4).map((s) => s.replace('<h2>Verification findings</h2>', `<h2>Verification findings — ${esc(c.right.label)}</h2>`)),
    ],
  });
}

function metricValue(m: Metric): string {
  const v = formatMetricValue(m);
  return m.unit === 'rate' && m.interval && m.value !== null ? `${v} (${(m.interval.lower * 100).toFixed(1)}–${(m.interval.upper * 100).toFixed(1)} %)` : v;
}

/** The monitoring table over a batch or a selection, its scatter, the breakpoint and every run. */
export function batchReport(runs: readonly RunRecord[], opts: { scope: string; now: number; breakpointRows: readonly BreakpointRow[] }): string {
  const monitoring = computeMonitoring(runs, { lengthBy: 'steps' });
  const bp = detectBreakpoint(opts.breakpointRows);
  const metricsTable = table(
    ['Metric', 'Value', 'Runs', 'Definition'],
    monitoring.metrics.map((m) => [m.label, metricValue(m), m.n, m.definition]),
    { numeric: [1, 2], caption: 'Monitoring table', className: 'monitoring' },
  );
  const scatter = figure(
    xyChart({
      title: 'Reasoning length vs latency',
      series: [{ name: 'runs', points: monitoring.correlation.points.map((p) => ({ x: p.x, y: p.y / 1000 })), line: false }],
      xLabel: 'reasoning steps',
      yLabel: 'latency (s)',
      yMin: 0,
      ...(bp.breakpoint !== null ? { marker: { at: bp.breakpoint, label: `breakpoint ≈ ${bp.breakpoint.toFixed(1)}` } } : {}),
    }),
    `Each dot is one completed run (${monitoring.correlation.points.length}). Pearson ${monitoring.correlation.pearson === null ? '—' : monitoring.correlation.pearson.toFixed(2)}, Spearman ${monitoring.correlation.spearman === null ? '—' : monitoring.correlation.spearman.toFixed(2)}.`,
  );
  const breakpoint =
    bp.breakpoint !== null
      ? `<p><strong>Latency breakpoint ≈ ${esc(bp.breakpoint.toFixed(1))} steps</strong>${bp.interval ? esc(` (95 % interval ${bp.interval[0].toFixed(1)}–${bp.interval[1].toFixed(1)})`) : ''}. ${esc(bp.reason)}</p>`
      : `<p><strong>No breakpoint.</strong> ${esc(bp.reason)} (${bp.n} runs, ${bp.timeouts} timed out.)</p>`;
  const list = table(
    ['#', 'Prompt', 'Status', 'Model', 'Tier', 'Steps', 'Latency', 'Errors', 'Answer'],
    runs.map((r, i) => [i + 1, r.prompt, `${r.status}${r.timedOut ? ' · timed out' : ''}`, `${r.model || r.provider}${r.settings.reasoningEffort && r.settings.reasoningEffort !== 'default' ? ` · ${r.settings.reasoningEffort}` : ''}`, r.tier, r.steps.length, formatDuration(r.latencyMs), r.findings.filter((f) => f.severity === 'error').length, r.answer.length > 160 ? `${r.answer.slice(0, 159)}…` : r.answer]),
    { numeric: [0, 5, 6, 7], caption: `${runs.length} runs` },
  );
  const batches = [...new Set(runs.map((r) => r.batchId).filter(Boolean))];
  return renderDocument({
    title: 'Runs and monitoring report',
    subtitle: `${opts.scope}${batches.length ? ` · batch ${batches.join(', ')}` : ''}`,
    generatedAt: opts.now,
    sections: [section('Monitoring', metricsTable + scatter + `<h3>Latency breakpoint</h3>${breakpoint}`, 'monitoring'), section('Runs', list, 'runs')],
  });
}
