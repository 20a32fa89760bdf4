import { percentile } from '../../core/capacity/stats';
import { formatSeconds } from '../../core/run/format';
import { resumeRun, verifyCrashNote } from './run-controller';
import { selectView, useLiveRun } from './run-store';

/** What the verifier has done for this run, the chain's score, and what the policy did. */
export function VerificationBar() {
  const view = useLiveRun(selectView);
  if (!view) return null;
  const { verify, findings, judge } = view;
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const p95 = verify.durationsMs.length ? percentile(verify.durationsMs, 95) : undefined;
  const crash = verifyCrashNote();
  const delays = verify.warningDelaysMs;
  // The figures ride along as data attributes so `npm run bench` can read them.
  return (
    <div
      className="verification-bar"
      aria-label="Verification"
      data-intervals={verify.intervals}
      data-p50-ms={verify.durationsMs.length ? percentile(verify.durationsMs, 50).toFixed(3) : ''}
      data-p95-ms={p95?.toFixed(3) ?? ''}
      data-warning-delay-p50-ms={delays.length ? percentile(delays, 50).toFixed(1) : ''}
      data-warning-delay-p95-ms={delays.length ? percentile(delays, 95).toFixed(1) : ''}
      data-warnings={delays.length}
    >
      <p className="verification-summary">
        <strong>Verification</strong>{' '}
        {verify.intervals === 0 ? (
          'waiting for the first steps…'
        ) : (
          <span title={`${verify.intervals} checks in a background worker, p95 ${p95?.toFixed(2)} ms each`}>
            {view.stepScores.length} step{view.stepScores.length === 1 ? '' : 's'} checked
          </span>
        )}
        {view.chainScore !== undefined && (
          <>
            {' · '}chain consistency <strong data-testid="chain-score">{view.chainScore.toFixed(2)}</strong>
          </>
        )}
        {` · ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.note} note${counts.note === 1 ? '' : 's'}`}
        {judge.status !== 'off' &&
          ` · judge: ${judge.calls} call${judge.calls === 1 ? '' : 's'}${judge.status === 'running' ? ' (running)' : ''}${judge.lastLatencyMs !== undefined ? `, last ${formatSeconds(judge.lastLatencyMs)}` : ''}, ${(judge.promptTokens + judge.completionTokens).toLocaleString('en-US')} tokens`}
      </p>
      {view.policyNote && (
        <p className={`flag ${view.paused ? 'flag-warn' : 'flag-info'}`} data-testid="policy-note">
          {view.policyNote}{' '}
          {view.paused && (
            <button type="button" className="button-primary" onClick={() => resumeRun(view.context.id)}>
              Resume
            </button>
          )}
        </p>
      )}
      {crash && <p className="flag flag-warn">{crash}</p>}
    </div>
  );
}
