import type { PlannerAnalysis } from '../../core/planner';
import { plannerSentences } from './summary';

/** The findings in plain sentences, first on the page; the statistics stay in each panel's "How this was computed". */
export function PlannerSummary({ analysis }: { analysis: PlannerAnalysis }) {
  const s = plannerSentences(analysis);
  return (
    <section className="panel planner-summary" aria-label="In short">
      <h2 className="planner-summary-title">In short</h2>
      <ul className="planner-summary-list">
        <li>{s.breakpoint}</li>
        {s.plan && <li>{s.plan}</li>}
        {s.fleet && (
          <li>
            {s.fleet}
            {s.fleetWhy && <span className="planner-summary-why"> Why: {s.fleetWhy}</span>}
          </li>
        )}
      </ul>
    </section>
  );
}
