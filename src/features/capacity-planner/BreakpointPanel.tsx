import type { PlannerAnalysis } from '../../core/planner';
import { fmtInt, fmtNum, fmtSeconds } from '../../core/number-format';
import { basisUnit } from './labels';

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

/** The one-line verdict: "Latency breakpoint: N steps (95 % interval a–b)" or "No breakpoint: <reason>". */
export function breakpointHeadline(a: PlannerAnalysis): string {
  const b = a.breakpoint;
  const unit = basisUnit(a.basis);
  if (!b) {
    const why = a.breakpointNote ?? (a.analysed === 0 ? 'No breakpoint: no requests with a length to analyse.' : 'No breakpoint: not computed.');
    return why.startsWith('No breakpoint') ? why : `No breakpoint: ${lowerFirst(why)}`;
  }
  if (b.status === 'found' && b.breakpoint !== null) {
    const interval = b.interval ? `95 % interval ${fmtNum(b.interval[0], 1)}–${fmtNum(b.interval[1], 1)}` : 'no bootstrap interval';
    return `Latency breakpoint: ${fmtNum(b.breakpoint, 1)} ${unit} (${interval})`;
  }
  return `No breakpoint: ${lowerFirst(b.reason.replace(/^No breakpoint:\s*/, ''))}`;
}

export function BreakpointPanel({ analysis }: { analysis: PlannerAnalysis }) {
  const b = analysis.breakpoint;
  const unit = basisUnit(analysis.basis);
  const one = basisUnit(analysis.basis, 1);
  const headline = breakpointHeadline(analysis);
  const found = b?.status === 'found' && b.breakpoint !== null;
  const seg = b?.segmented ?? null;
  const mech = b?.mechanistic ?? null;
  return (
    <section className={`panel breakpoint ${found ? 'breakpoint-found' : 'breakpoint-none'}`} aria-label="Breakpoint summary">
      <h3 className="breakpoint-headline">{headline}</h3>
      {b?.smallSample?.note && <p className="small-sample-note">{b.smallSample.note}</p>}
      <details className="how-computed">
        <summary>How this was computed</summary>
        {b && (
          <ul className="plain-list">
            {found && <li>{b.reason}</li>}
            <li>
              Method: {b.method === 'logistic-midpoint' ? 'sharp threshold: logistic midpoint (length where half time out)' : 'hinge logistic regression (timeout odds flat, then rising)'}, Firth-penalised, profile likelihood over a
              quantile grid; {b.test ? `Davies-bounded likelihood-ratio test p = ${b.test.pValue.toPrecision(3)}` : 'no test (too little data)'}; interval: {b.bootstrap.used > 0 ? `${b.bootstrap.used} of ${b.bootstrap.resamples} bootstrap resamples (seed ${b.bootstrap.seed})` : 'none'}.
            </li>
            <li>
              {fmtInt(b.n)} requests, {fmtInt(b.timeouts)} timed out
              {b.sample ? ` — a seeded random sample of ${fmtInt(b.sample.used)} of ${fmtInt(b.sample.of)} rows, because the bootstrap on every row would block for too long` : ''}
              {b.scaledFrom ? ` (bucket counts scaled down from ${fmtInt(b.scaledFrom)})` : ''}.
            </li>
          </ul>
        )}
        {analysis.breakpointNote && b && <p className="hint">{analysis.breakpointNote}</p>}
        <div className="crosschecks">
          <div>
            <h4>Segmented regression (cross-check)</h4>
            {seg ? (
              <p>
                Latency on length, continuous two-segment least squares: break at <strong>{fmtNum(seg.breakpoint, 1)} {unit}</strong>; {fmtNum(seg.slopeBeforeMs / 1000, 3)} s per {one} before, {fmtNum(seg.slopeAfterMs / 1000, 3)} s after;
                residual sum of squares {fmtNum(seg.rssReduction * 100, 0)} % below a straight line (n = {fmtInt(seg.n)}). With timed-out latencies recorded at the timeout, this break sits where latency meets the timeout.
              </p>
            ) : (
              <p className="placeholder">Not available (needs latencies on at least 10 requests with distinct lengths).</p>
            )}
          </div>
          <div>
            <h4>Mechanistic estimate</h4>
            {mech ? (
              <p>
                (timeout − median TTFT) / per-{one} time = ({fmtSeconds(mech.timeoutMs, 1)} − {fmtSeconds(mech.ttftMs, 2)}) / {fmtSeconds(mech.stepTimeMs, 3)} ={' '}
                <strong>
                  {fmtNum(mech.value, 1)} {unit}
                </strong>
                . TTFT {mech.source.ttft === 'given' ? 'is the median time to first token in the log' : 'is the intercept of the latency fit (no TTFT column)'}; the per-{one} time is the slope of a least-squares fit of latency on {unit} over finished
                requests. A large gap from the fitted breakpoint points to queueing, not length, behind the timeouts.
              </p>
            ) : (
              <p className="placeholder">Not available (needs latencies and lengths to fit a per-{one} time).</p>
            )}
          </div>
        </div>
        <p className="hint">
          Censoring: a timed-out or cancelled request's length is what the log recorded, often a lower bound; truncated requests sit at the token budget.
        </p>
      </details>
    </section>
  );
}
