import { useDeferredValue, useEffect } from 'react';
import { takePlannerHandoff } from '../../lib/handoff';
import type { PlannerAnalysis } from '../../core/planner';
import { BreakpointPanel } from './BreakpointPanel';
import { ChartWarmUp } from './ChartWarmUp';
import { DistributionCharts } from './DistributionCharts';
import { FileReports } from './FileReports';
import { fmtInt, fmtNum, fmtPct, fmtSig } from '../../core/number-format';
import { LatencyCharts } from './LatencyCharts';
import { FleetPanel, PlanPanel } from './PlanPanels';
import { addFiles, reloadFiles, selectAnalysis, selectAnalysisError, selectAnalyzing, selectParsing, selectSettings, updateSettings, usePlanner } from './planner-store';
import { SettingsForm } from './SettingsForm';
import { TierTable } from './TierTable';
import { PlannerReportButton } from './ReportButton';
import { PlannerSummary } from './PlannerSummary';
import { UploadPanel } from './UploadPanel';
import './planner.css';

function Counts({ a }: { a: PlannerAnalysis }) {
  const c = a.counts;
  const notAnalysed = a.total - a.analysed;
  return (
    <section className="panel counts" aria-label="Request counts">
      <p>
        <strong>{fmtInt(a.total)}</strong> {a.kind === 'buckets' ? 'requests in the buckets' : 'requests'}: {fmtInt(c.ok)} ok · {fmtInt(c.error)} failed · {fmtInt(c.timeout)} timed out · {fmtInt(c.truncated)} truncated ·{' '}
        {fmtInt(c.censored)} censored
      </p>
      {a.kind === 'rows' ? (
        <p className="hint">
          Analysed: {fmtInt(a.analysed)} ok, truncated (length at the token budget) and timed-out (length as logged, often a lower bound) requests with a length. Not analysed: {fmtInt(notAnalysed)} —{' '}
          {fmtInt(a.noLength)} without a length, {fmtInt(c.censored)} censored (stopped or cancelled: length and latency are lower bounds), and failures; all counted above, none dropped silently.
        </p>
      ) : (
        <p className="hint">
          {fmtInt(a.analysed)} requests in buckets with a length; {fmtInt(a.noLength)} in the bucket with no length (e.g. failed before reasoning), counted but not charted.
        </p>
      )}
      {a.notes.map((n) => (
        <p className="hint" key={n}>
          {n}
        </p>
      ))}
    </section>
  );
}

/** End-to-end latency over every request with a latency: needs no reasoning length. */
function LatencySummaryPanel({ a }: { a: PlannerAnalysis }) {
  const l = a.latencySummary;
  const t = a.timeout;
  return (
    <section className="panel" aria-label="Latency summary">
      <h3>Latency</h3>
      {l ? (
        <>
          <p>
            End to end over {fmtInt(l.n)} finished or timed-out requests: p50 <strong>{fmtSig(l.p50Ms / 1000)} s</strong> · p95 <strong>{fmtSig(l.p95Ms / 1000)} s</strong> · p99{' '}
            <strong>{fmtSig(l.p99Ms / 1000)} s</strong> · mean {fmtSig(l.meanMs / 1000)} s{l.medianTtftMs !== null ? ` · median time to first token ${fmtSig(l.medianTtftMs / 1000)} s` : ''}.
          </p>
          <p>
            Timeout rate: {fmtPct(l.of ? l.timeouts / l.of : NaN, 2)} ({fmtInt(l.timeouts)} of {fmtInt(l.of)} requests) against a {fmtSig(t.seconds)} s timeout
            {t.source === 'data' && t.data ? `, read from the log: ${fmtInt(t.data.clustered)} of its ${fmtInt(t.data.of)} timed-out requests sit at that latency` : ' (from the settings)'}.
          </p>
          <details className="how-computed">
            <summary>How this was computed</summary>
            <p className="hint">Percentiles are linear-interpolated between the sorted values (numpy's default, Hyndman–Fan type 7), over every ok, truncated and timed-out request with a latency.</p>
          </details>
        </>
      ) : (
        <p className="placeholder">No latencies in these logs (no latency column or start and end times); map a latency column to see percentiles and size the fleet.</p>
      )}
    </section>
  );
}

/** The capacity planner page: upload request logs, see the step distribution and the breakpoint, size the fleet. */
export default function PlannerPage() {
  const liveAnalysis = usePlanner(selectAnalysis);
  // Charts re-render at low priority: typing in the settings never waits for recharts.
  const analysis = useDeferredValue(liveAnalysis);
  const analyzing = usePlanner(selectAnalyzing);
  const parsing = usePlanner(selectParsing);
  const error = usePlanner(selectAnalysisError);
  const stalled = usePlanner((s) => s.stalled);
  const settings = usePlanner(selectSettings);
  const deferredSettings = useDeferredValue(settings);
  const fileCount = usePlanner((s) => s.files.length);

  useEffect(() => {
    const handoff = takePlannerHandoff();
    if (!handoff) return;
    if (handoff.settings) updateSettings(handoff.settings);
    addFiles([new File([handoff.text], handoff.name, { type: 'application/x-ndjson' })], handoff.label ?? `${fmtInt(handoff.runCount)} runs from the Runs page`);
  }, []);

  return (
    <div className="planner">
      <div className="planner-head">
        <h1>Capacity planner</h1>
        <p className="hint">
          How long your reasoning requests run, where length starts to cause timeouts, and how many instances a target p95 at peak load needs.
        </p>
      </div>
      <div className="planner-layout">
        <aside className="sidebar">
          <SettingsForm />
        </aside>
        <div className="main-column">
          <UploadPanel />
          {parsing && !analysis && <ChartWarmUp />}
          {analysis && analysis.kind !== 'empty' && <PlannerSummary analysis={analysis} />}
          <FileReports />
          {error && (
            <p className="flag flag-warn" role="alert">
              The analysis failed: {error}
              {stalled && (
                <>
                  {' '}
                  <button type="button" onClick={reloadFiles}>
                    Analyse again
                  </button>
                </>
              )}
            </p>
          )}
          {analysis && analysis.kind !== 'empty' && (
            <>
              <p
                className="hint analysis-status"
                aria-live="polite"
                title={analysis.timings ? Object.entries(analysis.timings).map(([k, v]) => `${k} ${fmtNum(v, 0)} ms`).join(', ') : undefined}
              >
                {analyzing || parsing ? 'Updating…' : `Analysed in ${fmtNum(analysis.durationMs, 0)} ms (in a background worker).`}
              </p>
              <div className="toolbar">
                <PlannerReportButton />
              </div>
              <Counts a={analysis} />
              {analysis.kind === 'rows' && <LatencySummaryPanel a={analysis} />}
              <BreakpointPanel analysis={analysis} />
              <div className="chart-grid">
                <DistributionCharts analysis={analysis} tierBounds={{ shortBelow: deferredSettings.shortBelow, complexAbove: deferredSettings.complexAbove }} />
              </div>
              <TierTable analysis={analysis} />
              <div className="chart-grid">
                <LatencyCharts analysis={analysis} timeoutSeconds={analysis.timeout.seconds} logX={analysis.distribution.log} />
              </div>
              <PlanPanel analysis={analysis} />
              <FleetPanel analysis={analysis} concurrency={deferredSettings.concurrency} headroomPercent={deferredSettings.headroomPercent} targetP95Seconds={analysis.plan.targetP95Seconds} />
            </>
          )}
          {analysis && analysis.kind === 'empty' && !parsing && <p className="placeholder">No requests or buckets could be read from these files; see the messages above.</p>}
          {!analysis && !parsing && fileCount === 0 && <p className="placeholder">Upload request logs or load the sample to see the analysis.</p>}
        </div>
      </div>
    </div>
  );
}
