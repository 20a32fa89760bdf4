import { runMetrics, type RunSnapshot } from '../../core/run/accumulator';
import { formatCount, formatDuration } from '../../core/number-format';
import { judgeTier } from '../../core/run/tiers';
import { useSettings } from '../../lib/settings';
import { isPolicyStopNote } from './findings';
import { resumeRun, retryRun } from './run-controller';
import { selectContext, selectRun, selectView, useLiveRun } from './run-store';
import { TierMissNote } from './TierMissNote';
import { pausedMsOf } from './paused-time';

const STATUS_TEXT: Record<RunSnapshot['status'], string> = {
  idle: 'Ready',
  connecting: 'Streaming — waiting for the first token…',
  streaming: 'Streaming',
  done: 'Done',
  stopped: 'Stopped',
  error: 'Error',
};

/** Synchronous delivery shows nothing of a run until it is complete. */
export function useWaitingForFullResponse(): boolean {
  return useLiveRun((s) => {
    const status = selectRun(s)?.status;
    return selectContext(s)?.deliveryPattern === 'sync' && (status === 'streaming' || status === 'connecting');
  });
}

/**
 * One line for the run's state. A pause or a stop by the verification policy is said here, once,
 * with its reason (and Resume); a failed or stopped run offers Retry.
 */
export function StatusLine() {
  const run = useLiveRun(selectRun);
  const paused = useLiveRun((s) => selectView(s)?.paused ?? false);
  const policyNote = useLiveRun((s) => selectView(s)?.policyNote);
  const runId = useLiveRun((s) => s.viewedId);
  const waiting = useWaitingForFullResponse();
  const status = run?.status ?? 'idle';
  if (paused && status === 'streaming') {
    return (
      <div role="status" className="status status-paused" aria-live="polite">
        <span className="status-dot" aria-hidden="true" />
        <span className="status-text" data-testid="policy-note">
          {policyNote ?? 'Paused by the verification policy.'}
        </span>
        <button type="button" className="button-primary status-action" onClick={() => runId && resumeRun(runId)}>
          Resume
        </button>
      </div>
    );
  }
  const stoppedByPolicy = status === 'stopped' && isPolicyStopNote(policyNote);
  const text = waiting
    ? 'Waiting for the full response…'
    : stoppedByPolicy
      ? policyNote
      : `${STATUS_TEXT[status]}${(status === 'error' || status === 'stopped') && run?.error ? `: ${run.error}` : ''}`;
  return (
    <div role="status" className={`status status-${status}`} aria-live="polite">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{text}</span>
      {(status === 'error' || status === 'stopped') && runId && (
        <button type="button" className="status-action" onClick={() => retryRun(runId)} title="Run the same prompt again with the same settings">
          Retry
        </button>
      )}
    </div>
  );
}

function Metric({ label, value, title, className }: { label: string; value: string; title?: string; className?: string }) {
  return (
    <div className={`metric${className ? ` ${className}` : ''}`} title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Timing, tokens, steps and the latency tier. None while a synchronous run is still out; no tier for a failed run. */
export function MetricsBar() {
  const run = useLiveRun(selectRun);
  const now = useLiveRun((s) => s.now);
  const targets = useSettings((s) => s.tierTargets);
  const stepTimeout = useSettings((s) => s.stepTimeoutSeconds);
  const waiting = useWaitingForFullResponse();
  const viewedId = useLiveRun((s) => s.viewedId);
  if (!run || waiting) return null;
  const m = runMetrics(run, Math.max(now, run.lastEventAt ?? 0));
  const live = run.status === 'streaming' || run.status === 'connecting';
  const failed = run.status === 'error';
  const pausedMs = pausedMsOf(viewedId, run.endedAt ?? Math.max(now, run.lastEventAt ?? 0));
  const tier = judgeTier(m.stepCount, Math.max(0, m.elapsedMs - pausedMs) / 1000, targets);
  const stalled = m.sinceLastStepMs !== undefined && m.sinceLastStepMs > stepTimeout * 1000;
  return (
    <div className="metrics-block" data-tour="metrics">
      <dl className="metrics">
        <Metric label="Elapsed" value={formatDuration(m.elapsedMs)} />
        <Metric label="Time to first token" value={formatDuration(m.ttftMs)} />
        <Metric label="Tokens/s" value={m.tokensPerSecond === undefined ? '—' : m.tokensPerSecond.toFixed(1)} />
        <Metric
          label="Reasoning tokens"
          value={`${formatCount(m.reasoningTokens)}${m.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}`}
          title={m.reasoningTokensSource === 'estimate' ? 'Counted in the browser: the server did not report reasoning tokens.' : 'Reported by the server.'}
        />
        <Metric label="Steps" value={String(m.stepCount)} />
        {!failed && <Metric label="Tier" className="metric-tier" value={`${tier.tier} · ${tier.actualSeconds.toFixed(1)} s of ${tier.targetSeconds} s`} title={tier.advice} />}
      </dl>
      {!failed && <TierMissNote tier={tier} live={live} pausedMs={pausedMs} />}
      {live && stalled && (
        <p className="flag flag-warn" data-testid="step-timeout">
          No new step for {formatDuration(m.sinceLastStepMs)} (step timeout {stepTimeout} s).
        </p>
      )}
      {run.malformedCount > 0 && (
        <p className="flag flag-info">
          Skipped {run.malformedCount} malformed line{run.malformedCount === 1 ? '' : 's'} in the stream.
        </p>
      )}
    </div>
  );
}
