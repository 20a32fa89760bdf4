import type { PlannerAnalysis } from '../../core/planner';
import { tierColour, useChartTheme } from './chart-theme';
import { fmtInt, fmtPct, fmtSeconds } from '../../core/number-format';

/** Share and p95 latency of each tier against its target. */
export function TierTable({ analysis }: { analysis: PlannerAnalysis }) {
  const theme = useChartTheme();
  const tiers = analysis.tiers;
  return (
    <section className="panel" aria-label="Latency tiers">
      <h3>Latency tiers</h3>
      {tiers ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Requests</th>
              <th scope="col">Share</th>
              <th scope="col">p95 latency</th>
              <th scope="col">Target</th>
              <th scope="col">Meets target</th>
              <th scope="col">Within target</th>
              <th scope="col">Timeouts</th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((t) => (
              <tr key={t.tier}>
                <th scope="row">
                  <span className="chart-swatch" aria-hidden="true" style={{ background: tierColour(theme, t.tier) }} /> {t.label}
                </th>
                <td>{fmtInt(t.count)}</td>
                <td>{fmtPct(t.share)}</td>
                <td>
                  {t.approximate ? '≈ ' : ''}
                  {fmtSeconds(t.p95LatencyMs)}
                </td>
                <td>{t.targetSeconds} s</td>
                <td className={t.meetsTarget === null ? '' : t.meetsTarget ? 'good' : 'bad'}>{t.meetsTarget === null ? '—' : t.meetsTarget ? 'yes' : 'no'}</td>
                <td>{fmtPct(t.attainment)}</td>
                <td>{fmtInt(t.timeouts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {analysis.tiersNote && <p className="hint">{analysis.tiersNote}</p>}
      {tiers?.find((t) => t.advice) && <p className="hint">{tiers.find((t) => t.advice)?.advice}</p>}
    </section>
  );
}
