import { percentile } from '../../core/capacity/stats';
import { formatDuration } from '../../core/number-format';
import { isPolicyStopNote } from './findings';
import { verifyCrashNote } from './run-controller';
import { selectView, useLiveRun } from './run-store';
import { useWaitingForFullResponse } from './RunStatus';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the verifier has done for this run, the chain's score, the self-corrections it counted
 * (they are not faults), and what the policy did when it corrected itself. A pause or a stop by
 * the policy is said once, in the status line.
 */
export function VerificationBar() {
  const view = useLiveRun(selectView);
  const waiting = useWaitingForFullResponse();
  if (!view || waiting) return null;
  const { verify, findings, judge } = view;
  const status = view.run.status;
  const live = status === 'streaming' || status === 'connecting';
  // A run that failed or was stopped before any check has nothing to report here.
  if (!live && verify.intervals === 0 && status !== 'done') return null;
  const counts = { error: 0, warning: 0, note: 0 };
  let selfCorrections = 0;
  for (const f of findings) {
    if (f.kind === 'self-correction') selfCorrections += 1;
    else counts[f.severity] += 1;
  }
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
          view.run.steps.length === 0 && !live ? 'no steps to check' : 'checking the first steps…'
        ) : (
          <span title={`${verify.intervals} checks in the worker, p95 ${p95?.toFixed(2)} ms each`}>{plural(view.stepScores.length, 'step')} checked</span>
        )}
        {view.chainScore !== undefined && (
          <>
            {' · '}chain consistency <strong data-testid="chain-score">{view.chainScore.toFixed(2)}</strong>
          </>
        )}
        {` · ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')} · `}
        <span data-testid="self-corrections">self-corrections: {selfCorrections}</span>
        {judge.status !== 'off' &&
          ` · judge: ${judge.calls} call${judge.calls === 1 ? '' : 's'}${judge.status === 'running' ? ' (running)' : ''}${judge.lastLatencyMs !== undefined ? `, last ${formatDuration(judge.lastLatencyMs)}` : ''}, ${(judge.promptTokens + judge.completionTokens).toLocaleString('en-US')} tokens`}
      </p>
      {view.policyNote && !view.paused && !(status === 'stopped' && isPolicyStopNote(view.policyNote)) && (
        <p className="flag flag-info" data-testid="policy-note">
          {view.policyNote}
        </p>
      )}
      {crash && <p className="flag flag-warn">{crash}</p>}
    </div>
  );
}
